// `lead`: a Work Group changes hands. The Lead (or a hub administrator, when the Lead has left)
// names the new Lead with a people picker. The new Lead becomes a participant if they were not
// one, and from then on everything that is the Lead's (sessions, roster, reflections, exports)
// is theirs and no longer the old Lead's. The new Lead is told in a direct message.
import type { Feature } from '../../core/bot.js'
import type { Clock } from '../../core/clock.js'
import type { Actor, FormSubmitEvent, Member, Platform } from '../../core/events.js'
import type { Form, FormResult } from '../../core/forms.js'
import { type Message, mention, textMessage, userText } from '../../core/messages.js'
import { answerPrivately } from '../../core/reply.js'
import type { Db } from '../../db/database.js'
import { enqueue } from '../../delivery/outbox.js'
import type { AdminCheck } from '../../domain/hub-admins.js'
import { groupHere } from '../../domain/group-access.js'
import { addParticipants, changeLead, findWorkGroup, listParticipants, type WorkGroup } from '../../domain/work-groups.js'

export const FORM_LEAD = 'work-groups.lead'

export interface LeadHandoverDeps {
  db: Db
  isAdmin: AdminCheck
  /** How to reach a person from the group's conversation; undefined if the bot cannot. */
  findMember: (platform: Platform, workspaceId: string, conversationId: string, userId: string) => Promise<Member | undefined>
  clock: Clock
  /** Starts delivery of the new Lead's message now rather than at the next tick. */
  wakeDelivery?: () => void
}

export function leadForm(group: WorkGroup): Form {
  return {
    id: FORM_LEAD,
    title: 'New Work Group Lead',
    submitLabel: 'Hand over',
    intro: `${mention({ userId: group.leadUserId })} leads the ${userText(group.projectTitle)} Work Group now. The new Lead runs its sessions and sees its roster and reflections; the old Lead no longer does.`,
    state: group.id,
    fields: [{ type: 'users', id: 'lead', label: 'New Lead', required: true, max: 1 }],
  }
}

const refusal = (group: WorkGroup) =>
  `Only the Work Group Lead, ${mention({ userId: group.leadUserId })}, or a hub administrator can hand the Work Group over.`

/** The direct message a new Lead gets: what is theirs now, and who handed it over. */
export function renderNewLead(group: WorkGroup, by: { userId: string; name?: string | undefined }): Message {
  const project = userText(group.projectTitle)
  return {
    text: `You now lead the ${project} Work Group.`,
    blocks: [
      { type: 'header', text: `You now lead the ${project} Work Group` },
      {
        type: 'text',
        text: [
          `${mention(by)} handed the Work Group over to you. As its Lead you can:`,
          '• add sessions (“add session”, or “import sessions” from a file)',
          '• see who is coming (“roster”) and cancel a session (“cancel”)',
          '• choose when people are reminded (“reminders”)',
          '• read the group’s reflections (“reflections”)',
          '• add people from outside the channel (“add people”), or hand the group on (“lead”)',
        ].join('\n'),
      },
      { type: 'context', text: `${project} Work Group, ${userText(group.hubName)}. Use these commands in the group’s channel; “help” lists them all.` },
    ],
  }
}

export function createLeadHandoverFeature(deps: LeadHandoverDeps): Feature {
  const { db } = deps
  const mayHandOver = async (group: WorkGroup, actor: Actor) => group.leadUserId === actor.userId || (await deps.isAdmin(actor))

  async function submit(event: FormSubmitEvent): Promise<FormResult> {
    const group = await findWorkGroup(db, event.actor, event.state)
    if (!group)
      return { kind: 'close', notice: 'I can’t find that Work Group any more.' }
    if (!(await mayHandOver(group, event.actor))) return { kind: 'close', notice: refusal(group) }
    const picked = [...new Set((event.values.lead ?? '').split(',').map((id) => id.trim()).filter(Boolean))]
    const form = leadForm(group)
    if (picked.length !== 1) return { kind: 'errors', form, errors: { lead: 'Please pick one person.' } }
    const next = picked[0] as string
    if (next === group.leadUserId) return { kind: 'errors', form, errors: { lead: 'They lead the Work Group already; pick someone else.' } }
    // A participant keeps the name and address the roster gave them.
    const member = (await listParticipants(db, group)).find((p) => p.userId === next) ?? (await deps.findMember(group.platform, group.workspaceId, group.conversationId, next))
    if (!member) return { kind: 'errors', form, errors: { lead: 'I can’t reach them from here: add them to the team (or the channel) first, then try again.' } }
    // Both or neither: a Lead who is not a participant would get none of the group's messages.
    const changed = await db.transaction().execute(async (trx) => {
      if (!(await changeLead(trx, group, group.leadUserId, next))) return false
      // Kept by hand, so the Lead stays a participant even outside the channel.
      await addParticipants(trx, group, [{ userId: member.userId, ...(member.name ? { name: member.name } : {}), ...(member.address !== undefined ? { address: member.address } : {}) }], 'manual')
      const now = deps.clock.now()
      await enqueue(trx, [
        {
          key: `lead-handover:${group.id}:${next}:${now.toISOString()}`,
          about: { kind: 'notice', workGroupId: group.id },
          platform: group.platform,
          target: { workspaceId: group.workspaceId, kind: 'direct', id: next, ...(member.address !== undefined ? { address: member.address } : {}) },
          message: renderNewLead(group, event.actor),
          dueAt: now,
        },
      ])
      return true
    })
    if (!changed) return { kind: 'close', notice: 'Someone else changed the Lead at the same moment; nothing was changed.' }
    deps.wakeDelivery?.()
    const previous =
      group.leadUserId === event.actor.userId ? 'You stay a participant while you’re in the channel.' : `${mention({ userId: group.leadUserId })} stays a participant while in the channel.`
    return {
      kind: 'close',
      notice: `Done: ${mention({ userId: next, name: member.name })} now leads the ${userText(group.projectTitle)} Work Group, and I’ve told them in a direct message. ${previous}`,
    }
  }

  return {
    name: 'lead-handover',
    commands: {
      lead: async (event, args, ctx) => {
        if (args !== '') return 'pass'
        const group = await groupHere(db, event, ctx)
        if (!group) return
        if (!(await mayHandOver(group, event.actor))) return answerPrivately(ctx.reply, textMessage(refusal(group)))
        if (!ctx.reply.openForm) return answerPrivately(ctx.reply, textMessage('Forms can’t be opened from here; use the command in the Work Group’s channel.'))
        await ctx.reply.openForm(leadForm(group))
      },
    },
    forms: { [FORM_LEAD]: submit },
    help: [{ usage: 'lead', description: 'hand the Work Group over to a new Lead (a hub administrator can too)', audience: 'lead' }],
  }
}
