// Who a Work Group's participants are: the members of its channel, kept in step as people join
// and leave, plus anyone the Lead adds by hand (`add people`) — a colleague not in the channel,
// say — until the Lead takes them off again (`remove people`).
import type { Feature } from '../../core/bot.js'
import type { FormSubmitEvent, Member, Platform } from '../../core/events.js'
import type { Form, FormResult } from '../../core/forms.js'
import { type Message, mention, textMessage, userText } from '../../core/messages.js'
import { answerPrivately } from '../../core/reply.js'
import type { Db } from '../../db/database.js'
import { dropPending } from '../../delivery/outbox.js'
import { groupLedHere, leadOnly } from '../../domain/group-access.js'
import {
  addParticipants,
  findWorkGroup,
  findWorkGroupByConversation,
  listParticipants,
  removeChannelParticipants,
  removeManualParticipants,
  type WorkGroup,
} from '../../domain/work-groups.js'

export const FORM_ADD_PEOPLE = 'participants.add'
export const FORM_REMOVE_PEOPLE = 'participants.remove'
/** People per form: enough for a school's department, few enough to look each one up. */
const MAX_PEOPLE = 20

export interface ParticipantsDeps {
  db: Db
  /** How to reach a person from the group's conversation; undefined if the bot cannot. */
  findMember: (platform: Platform, workspaceId: string, conversationId: string, userId: string) => Promise<Member | undefined>
}

export function peopleForm(group: WorkGroup, change: 'add' | 'remove'): Form {
  const adding = change === 'add'
  return {
    id: adding ? FORM_ADD_PEOPLE : FORM_REMOVE_PEOPLE,
    title: adding ? 'Add people' : 'Remove people',
    submitLabel: adding ? 'Add' : 'Remove',
    intro: adding
      ? `People you add get the ${userText(group.projectTitle)} Work Group’s reminders even if they are not in this channel. Everyone in the channel is a participant already.`
      : `Take people you added by hand off the ${userText(group.projectTitle)} Work Group. Members of this channel stay participants while they are in it.`,
    state: group.id,
    fields: [{ type: 'users', id: 'people', label: 'People', required: true, max: MAX_PEOPLE }],
  }
}

// By id alone, each platform shows the name it knows; a member just found brings their own.
const people = (who: (string | Member)[]) => who.map((m) => mention(typeof m === 'string' ? { userId: m } : m)).join(', ')

export function createParticipantsFeature(deps: ParticipantsDeps): Feature {
  const { db } = deps

  /** The group a people form was opened for, if the submitter still leads it. */
  async function ledGroup(event: FormSubmitEvent, what: string): Promise<WorkGroup | FormResult> {
    const group = await findWorkGroup(db, event.actor, event.state)
    if (!group)
      return { kind: 'close', notice: 'I can’t find that Work Group any more.' }
    if (group.leadUserId !== event.actor.userId) return { kind: 'close', notice: leadOnly(group, what).text }
    return group
  }

  const pickedIn = (event: FormSubmitEvent) => [...new Set((event.values.people ?? '').split(',').map((id) => id.trim()).filter(Boolean))]

  async function add(event: FormSubmitEvent): Promise<FormResult> {
    const group = await ledGroup(event, 'add people')
    if (!('leadUserId' in group)) return group
    const picked = pickedIn(event)
    if (picked.length === 0 || picked.length > MAX_PEOPLE)
      return { kind: 'errors', form: peopleForm(group, 'add'), errors: { people: `Please pick between 1 and ${MAX_PEOPLE} people.` } }
    const found = await Promise.all(picked.map((id) => deps.findMember(group.platform, group.workspaceId, group.conversationId, id)))
    const reachable = found.filter((m): m is Member => m !== undefined)
    const unreachable = picked.filter((_, i) => found[i] === undefined)
    await addParticipants(db, group, reachable, 'manual')
    const parts = [
      reachable.length ? `Added ${people(reachable)}: they get the ${userText(group.projectTitle)} Work Group’s reminders even if they are not in this channel.` : '',
      unreachable.length
        ? `I can’t reach ${people(unreachable)} from here, so I didn’t add them: add them to the team (or the channel) first, then try again.`
        : '',
    ]
    return { kind: 'close', notice: parts.filter(Boolean).join(' ') }
  }

  async function remove(event: FormSubmitEvent): Promise<FormResult> {
    const group = await ledGroup(event, 'remove people')
    if (!('leadUserId' in group)) return group
    const picked = pickedIn(event)
    if (picked.length === 0) return { kind: 'errors', form: peopleForm(group, 'remove'), errors: { people: 'Please pick at least one person.' } }
    const removed = await removeManualParticipants(db, group, picked)
    const members = new Set((await listParticipants(db, group)).filter((p) => p.source === 'channel').map((p) => p.userId))
    const inChannel = picked.filter((id) => !removed.includes(id) && members.has(id))
    const neither = picked.filter((id) => !removed.includes(id) && !members.has(id))
    const parts = [
      removed.length ? `Removed ${people(removed)}: they get no more of the group’s reminders.` : '',
      inChannel.length ? `${people(inChannel)} ${inChannel.length === 1 ? 'is a member' : 'are members'} of the channel, so ${inChannel.length === 1 ? 'stays a participant' : 'stay participants'} while in it.` : '',
      neither.length ? `${people(neither)} ${neither.length === 1 ? 'wasn’t a participant' : 'weren’t participants'}.` : '',
    ]
    return { kind: 'close', notice: parts.filter(Boolean).join(' ') }
  }

  const openPeopleForm = (change: 'add' | 'remove') => async (...[event, args, ctx]: Parameters<NonNullable<Feature['commands']>[string]>) => {
    if (args !== '') return 'pass'
    const group = await groupLedHere(db, event, ctx, `${change} people`)
    if (!group) return
    if (!ctx.reply.openForm) return answerPrivately(ctx.reply, noForms)
    await ctx.reply.openForm(peopleForm(group, change))
  }

  return {
    name: 'participants',
    commands: { 'add people': openPeopleForm('add'), 'remove people': openPeopleForm('remove') },
    forms: { [FORM_ADD_PEOPLE]: add, [FORM_REMOVE_PEOPLE]: remove },
    membership: async (event) => {
      const group = await findWorkGroupByConversation(db, event.actor, event.place.conversationId)
      if (!group) return
      if (event.change === 'joined') return addParticipants(db, group, event.members, 'channel', event.at)
      const left = event.members.map((m) => m.userId)
      await db.transaction().execute(async (trx) => {
        await removeChannelParticipants(trx, group, left, event.at)
        // Nothing more of the group's goes to those who left (those the Lead added by hand stay).
        const still = new Set((await listParticipants(trx, group)).map((p) => p.userId))
        for (const userId of left.filter((id) => !still.has(id))) await dropPending(trx, group, { workGroupId: group.id, recipientId: userId }, 'left the Work Group')
      })
    },
    help: [
      { usage: 'add people', description: 'add people who are not in the channel to the Work Group', audience: 'lead' },
      { usage: 'remove people', description: 'take people you added off the Work Group', audience: 'lead' },
    ],
  }
}

const noForms: Message = textMessage('Forms can’t be opened from here; use the command in the Work Group’s channel.')
