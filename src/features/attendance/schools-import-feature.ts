// Schools from a list: the Lead (or a hub administrator) sends the bot a CSV of names and
// schools, in the group's channel (mentioning the bot, on Slack) or in their direct chat (a
// Lead's one group, or the one the names fit). The bot matches the names to the group's
// participants, shows what it would save and what lines it cannot use, and saves on Save. The
// file is held until then (held-files.ts) and handed over once, and the click saves only if
// the schools it would save are still those the preview showed, so a stale or replayed click
// changes nothing. Files that are not a schools list (no name and school columns) pass on to
// the catalogue and session import.
import type { Feature, HandlerContext } from '../../core/bot.js'
import type { Clock } from '../../core/clock.js'
import type { ActionEvent, Actor, MessageEvent, SharedFile } from '../../core/events.js'
import { type HeldFileOwner, holdFile, takeHeldFile } from '../../core/held-files.js'
import type { Logger } from '../../core/logger.js'
import { type Message, mention, textMessage } from '../../core/messages.js'
import { answerPrivately, replaceOrAnswer } from '../../core/reply.js'
import type { Db } from '../../db/database.js'
import { type Scope, scopeOf } from '../../db/scope.js'
import { dropPending } from '../../delivery/outbox.js'
import type { AdminCheck } from '../../domain/hub-admins.js'
import { listSchools, saveSchool } from '../../domain/schools.js'
import { findWorkGroup, findWorkGroupByConversation, listParticipants, listWorkGroupsLedBy, type WorkGroup } from '../../domain/work-groups.js'
import { readCsvRecords } from '../../files/csv-records.js'
import { decodeTextFile, MAX_TEXT_FILE_BYTES } from '../../files/decode-text.js'
import { extensionOf } from '../../files/file-kind.js'
import {
  ACTION_CANCEL_SCHOOLS,
  ACTION_SAVE_SCHOOLS,
  renderSchoolsPreview,
  renderSchoolsRefused,
  renderSchoolsSaved,
  SCHOOLS_CANCELLED,
  SCHOOLS_CHANGED,
  SCHOOLS_NOTHING_WAITING,
} from './render-schools-import.js'
import { changesShown, type KnownPerson, readSchoolsList, schoolsListColumns } from './schools-list.js'

export interface SchoolsImportDeps {
  db: Db
  clock: Clock
  log: Logger
  isAdmin: AdminCheck
  /** Display names the platform knows, matched as well as the names the group stored. */
  userNames?: (scope: Scope, userIds: string[]) => Promise<Map<string, string>>
}

const ownerOf = (actor: Actor): HeldFileOwner => ({ platform: actor.platform, workspaceId: actor.workspaceId, userId: actor.userId })
const NOT_YOURS = textMessage('Someone else sent that list; only they can save it.')

export function createSchoolsImportFeature(deps: SchoolsImportDeps): Feature {
  const { db, clock } = deps

  const mayFillIn = async (group: WorkGroup, actor: Actor) => group.leadUserId === actor.userId || (await deps.isAdmin(actor))
  const refusal = (group: WorkGroup) => textMessage(`Only the Work Group Lead, ${mention({ userId: group.leadUserId })}, or a hub administrator can fill in its schools.`)

  /** The group's participants, the Lead marked, by every name the group or the platform has for them. */
  async function knownPeople(group: WorkGroup): Promise<KnownPerson[]> {
    const participants = await listParticipants(db, group)
    const ids = participants.map((p) => p.userId)
    const [schools, shown] = await Promise.all([listSchools(db, group, ids), ids.length && deps.userNames ? deps.userNames(group, ids) : new Map<string, string>()])
    return participants.map((p) => {
      const names = [p.name, shown.get(p.userId)].filter((n): n is string => !!n)
      const school = schools.get(p.userId)?.school
      return {
        userId: p.userId,
        label: names[0] ?? `Someone I have no name for (${p.userId})`,
        names,
        ...(school ? { school } : {}),
        ...(p.userId === group.leadUserId ? { lead: true } : {}),
      }
    })
  }

  /** The group a list sent here is for, with its people; or what to tell the sender. */
  async function groupFor(event: MessageEvent, text: string, ctx: HandlerContext): Promise<{ group: WorkGroup; people: KnownPerson[] } | { refusal: Message } | undefined> {
    const { actor } = event
    if (event.place.kind !== 'direct') {
      const group = await findWorkGroupByConversation(db, actor, event.place.conversationId)
      if (!group) return undefined
      if (!(await mayFillIn(group, actor))) return { refusal: refusal(group) }
      return { group, people: await knownPeople(group) }
    }
    const led = await listWorkGroupsLedBy(db, actor, actor.userId)
    if (led.length === 0)
      return {
        refusal: textMessage(
          (await deps.isAdmin(actor))
            ? 'You don’t lead a Work Group, so I can’t tell which group this list is for: send it in the group’s channel, mentioning me.'
            : 'I read schools lists from Work Group Leads, and you don’t lead a Work Group here.',
        ),
      }
    const candidates = await Promise.all(led.map(async (group) => ({ group, people: await knownPeople(group) })))
    if (candidates.length === 1) return candidates[0]!
    // Several groups: the one whose participants the names fit best, if one fits best.
    const fits = candidates.map((c) => {
      const result = readSchoolsList(text, c.people)
      return { ...c, matched: result.ok ? result.reading.changes.length + result.reading.unchanged : 0 }
    })
    const best = Math.max(...fits.map((f) => f.matched))
    const top = fits.filter((f) => f.matched === best)
    if (best > 0 && top.length === 1) return top[0]!
    return {
      refusal: textMessage(`You lead ${led.length} Work Groups, and I can’t tell from the names which this list is for. Send it in the group’s channel, mentioning me, or use ${ctx.hint('attendance')} there and Fill in schools.`),
    }
  }

  /** The file as text, if it is a CSV whose header names a name and a school; otherwise not ours. */
  async function schoolsListText(file: SharedFile): Promise<string | undefined> {
    if (extensionOf(file.name) !== 'csv') return undefined
    // A file that cannot be read is left to the next feature, which says why.
    const bytes = await file.read(MAX_TEXT_FILE_BYTES).catch(() => undefined)
    const decoded = bytes && decodeTextFile(bytes)
    if (!decoded || !decoded.ok) return undefined
    const csv = readCsvRecords(decoded.text)
    return csv.ok && csv.header && schoolsListColumns(csv.header.cells) ? decoded.text : undefined
  }

  async function received(event: MessageEvent & { files: SharedFile[] }, ctx: HandlerContext): Promise<void | 'pass'> {
    if (event.files.length !== 1) return 'pass'
    const file = event.files[0]!
    const text = await schoolsListText(file)
    if (text === undefined) return 'pass'
    const target = await groupFor(event, text, ctx)
    if (!target) return 'pass'
    if ('refusal' in target) return answerPrivately(ctx.reply, target.refusal)
    const { group, people } = target
    const result = readSchoolsList(text, people)
    if (!result.ok) return answerPrivately(ctx.reply, renderSchoolsRefused(file.name, result.problem))
    const { reading } = result
    deps.log.info({ workGroup: group.id, changes: reading.changes.length, unchanged: reading.unchanged, problems: reading.problems.length }, 'schools list previewed')
    if (reading.changes.length === 0) return answerPrivately(ctx.reply, renderSchoolsPreview(group, file.name, reading))
    // What is held is the text as read, so saving reads exactly what the preview showed.
    const heldId = await holdFile(db, ownerOf(event.actor), { name: file.name, mimeType: 'text/csv', content: Buffer.from(text, 'utf8') }, clock.now())
    await answerPrivately(ctx.reply, renderSchoolsPreview(group, file.name, reading, { confirm: `${heldId}|${group.id}|${changesShown(group.id, reading.changes)}`, cancel: heldId }))
  }

  async function save(event: ActionEvent, ctx: HandlerContext): Promise<void> {
    const [heldId = '', groupId = '', shown = ''] = event.value.split('|')
    const group = await findWorkGroup(db, event.actor, groupId)
    if (!group) return answerPrivately(ctx.reply, textMessage('I can’t find that Work Group any more.'))
    // Checked again at the click: a Lead who has handed the group over saves nothing.
    if (!(await mayFillIn(group, event.actor))) return answerPrivately(ctx.reply, refusal(group))
    const taken = await takeHeldFile(db, heldId, ownerOf(event.actor), clock.now())
    if (taken.kind === 'not_yours') return answerPrivately(ctx.reply, NOT_YOURS)
    if (taken.kind === 'gone') return replaceOrAnswer(ctx.reply, textMessage(SCHOOLS_NOTHING_WAITING))
    const result = readSchoolsList(taken.file.content.toString('utf8'), await knownPeople(group))
    if (!result.ok || changesShown(group.id, result.reading.changes) !== shown) return replaceOrAnswer(ctx.reply, textMessage(SCHOOLS_CHANGED))
    const { changes } = result.reading
    const now = clock.now()
    await db.transaction().execute(async (trx) => {
      for (const change of changes) {
        await saveSchool(trx, { ...scopeOf(group), userId: change.userId }, change.school, event.actor.userId, now)
        await dropPending(trx, group, { recipientId: change.userId, kinds: ['school-question'] }, 'school given in a list')
      }
    })
    deps.log.info({ workGroup: group.id, saved: changes.length }, 'schools saved from a list')
    await replaceOrAnswer(ctx.reply, renderSchoolsSaved(group, changes.length))
  }

  async function cancel(event: ActionEvent, ctx: HandlerContext): Promise<void> {
    const taken = await takeHeldFile(db, event.value, ownerOf(event.actor), clock.now())
    if (taken.kind === 'not_yours') return answerPrivately(ctx.reply, NOT_YOURS)
    await replaceOrAnswer(ctx.reply, textMessage(taken.kind === 'taken' ? SCHOOLS_CANCELLED : SCHOOLS_NOTHING_WAITING))
  }

  return {
    name: 'schools-import',
    files: received,
    actions: { [ACTION_SAVE_SCHOOLS]: save, [ACTION_CANCEL_SCHOOLS]: cancel },
  }
}
