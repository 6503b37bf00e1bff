// Keeping a hub from chat, so hub staff never need the server's command line (nor to stop the
// bot on the embedded database): `hub` shows the workspace's hubs and their settings, with a
// form to change each; `hub new <name>` creates a hub before any Work Group exists; and a
// term-dates file sent in a direct chat is checked whole, previewed with what it replaces, and
// imported on a click, as the command line does. Only hub administrators do any of it.
//
// A term-dates file is held (held-files.ts) between the preview and the click, and handed over
// once, so a replayed or stale click changes nothing; the click also names the hub's holidays
// as the preview saw them, so an import made meanwhile is not silently overwritten.
import { createHash } from 'node:crypto'
import type { Feature, HandlerContext } from '../../core/bot.js'
import type { Clock } from '../../core/clock.js'
import { BotError } from '../../core/errors.js'
import type { ActionEvent, Actor, FormSubmitEvent, MessageEvent, SharedFile } from '../../core/events.js'
import type { FormResult } from '../../core/forms.js'
import { validateForm } from '../../core/forms.js'
import { holdFile, type HeldFileOwner, takeHeldFile } from '../../core/held-files.js'
import type { Logger } from '../../core/logger.js'
import { textMessage } from '../../core/messages.js'
import { answerPrivately, replaceOrAnswer } from '../../core/reply.js'
import type { Db } from '../../db/database.js'
import { inScope, type Scope, scopeOf } from '../../db/scope.js'
import { type AdminCheck, adminsOnly } from '../../domain/hub-admins.js'
import { ensureHub, listWorkGroupsLedBy } from '../../domain/work-groups.js'
import { decodeTextFile, MAX_TEXT_FILE_BYTES } from '../../files/decode-text.js'
import { extensionOf } from '../../files/file-kind.js'
import { listHubHolidays, replaceHubHolidays, type StoredHoliday } from './holiday-store.js'
import { describeChanges, type HubSettings, readQuietHours } from './hub-settings.js'
import { changeHubSettings, readHubSettings } from './hub-settings-store.js'
import { describeTermDatesProblems, looksLikeTermDates, parseTermDates } from './parse-term-dates.js'
import {
  ACTION_CANCEL_TERM_DATES,
  ACTION_HUB_SETTINGS,
  ACTION_IMPORT_TERM_DATES,
  FORM_HUB_SETTINGS,
  HUB_NAME_MAX,
  type HubOverview,
  hubCreated,
  hubSettingsForm,
  NAME_NEEDED,
  NAME_TOO_LONG,
  NO_HUB_FOR_TERM_DATES,
  QUIET_HOURS_PROBLEM,
  renderHubs,
  SETTINGS_CHANGED_SINCE,
  settingsSaved,
  TERM_DATES_CANCELLED,
  TERM_DATES_CHANGED,
  TERM_DATES_GONE,
  TERM_DATES_NOT_YOURS,
  termDatesImported,
  termDatesPreview,
  termDatesProblems,
} from './render-hub-upkeep.js'

export interface HubUpkeepDeps {
  db: Db
  clock: Clock
  log: Logger
  isAdmin: AdminCheck
}

const KEEP_HUBS = 'keep the hub’s settings and term dates'
/** Import buttons in one preview: a workspace with more hubs than this imports from the command line. */
const MAX_HUB_BUTTONS = 5

const ownerOf = (actor: Actor): HeldFileOwner => ({ platform: actor.platform, workspaceId: actor.workspaceId, userId: actor.userId })

/** A short fingerprint of what a form or preview was shown, to refuse a submission made on an older view. */
const stampOf = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 16)

export function createHubUpkeepFeature(deps: HubUpkeepDeps): Feature {
  const { db, clock, isAdmin } = deps

  async function workspaceHubs(scope: Scope): Promise<HubOverview[]> {
    const rows = await db
      .selectFrom('hubs')
      .select(['id', 'name', 'notice_hours', 'quiet_start', 'quiet_end', 'quiet_weekends'])
      .where(inScope(scope))
      .orderBy('name')
      .execute()
    const groups = await db
      .selectFrom('work_groups')
      .select(['hub_id', (eb) => eb.fn.countAll<string>().as('count')])
      .where(inScope(scope))
      .groupBy('hub_id')
      .execute()
    const count = new Map(groups.map((g) => [g.hub_id, Number(g.count)]))
    return Promise.all(
      rows.map(async (r) => ({
        id: r.id,
        name: r.name,
        settings: { noticeHours: r.notice_hours, quiet: { start: r.quiet_start, end: r.quiet_end, weekends: r.quiet_weekends } },
        holidays: await listHubHolidays(db, r.id, scope),
        workGroups: count.get(r.id) ?? 0,
      })),
    )
  }

  async function createHub(event: { actor: Actor }, name: string, ctx: HandlerContext): Promise<void> {
    const trimmed = name.replace(/\s+/g, ' ').trim()
    if (trimmed === '') return answerPrivately(ctx.reply, NAME_NEEDED(ctx.hint))
    if (trimmed.length > HUB_NAME_MAX) return answerPrivately(ctx.reply, NAME_TOO_LONG)
    const before = new Set((await workspaceHubs(event.actor)).map((h) => h.id))
    const id = await ensureHub(db, event.actor, trimmed)
    const hub = (await workspaceHubs(event.actor)).find((h) => h.id === id)!
    if (!before.has(id)) deps.log.info({ hub: id, by: event.actor.userId }, 'hub created in chat')
    await answerPrivately(ctx.reply, hubCreated(hub.name, hub.settings, !before.has(id)))
  }

  async function openSettings(event: ActionEvent, ctx: HandlerContext): Promise<void> {
    if (!(await isAdmin(event.actor))) return answerPrivately(ctx.reply, adminsOnly(KEEP_HUBS))
    const settings = await readHubSettings(db, event.value, event.actor)
    const hub = settings && (await workspaceHubs(event.actor)).find((h) => h.id === event.value)
    if (!settings || !hub) return answerPrivately(ctx.reply, textMessage('I can’t find that hub any more.'))
    if (!ctx.reply.openForm) return answerPrivately(ctx.reply, textMessage('I can’t open a form here. Ask me “hub” in our direct chat.'))
    await ctx.reply.openForm(hubSettingsForm(hub, settings, stampOf(settings)))
  }

  async function saveSettings(event: FormSubmitEvent): Promise<FormResult> {
    if (!(await isAdmin(event.actor))) return { kind: 'close', notice: adminsOnly(KEEP_HUBS).text }
    const [hubId = '', stamp = ''] = (event.state ?? '').split('|')
    const settings = await readHubSettings(db, hubId, event.actor)
    const hub = settings && (await workspaceHubs(event.actor)).find((h) => h.id === hubId)
    if (!settings || !hub) return { kind: 'close', notice: 'I can’t find that hub any more.' }
    if (stampOf(settings) !== stamp) return { kind: 'close', notice: SETTINGS_CHANGED_SINCE }
    const form = hubSettingsForm(hub, settings, stamp)
    const errors = validateForm(form, event.values)
    const quiet = readQuietHours(event.values.quiet ?? '')
    if (!errors.quiet && !quiet.ok) errors.quiet = QUIET_HOURS_PROBLEM
    if (Object.keys(errors).length > 0 || !quiet.ok) return { kind: 'errors', form, errors }
    const after: HubSettings = {
      noticeHours: Number(event.values.notice),
      quiet: { start: quiet.value.start, end: quiet.value.end, weekends: event.values.weekends === 'yes' },
    }
    const [changed] = await changeHubSettings(db, [hub.id], { noticeHours: after.noticeHours, quietHours: quiet.value, quietWeekends: after.quiet.weekends }, event.actor)
    const changes = changed ? describeChanges(changed.before, changed.after) : []
    deps.log.info({ hub: hub.id, by: event.actor.userId, changes }, 'hub settings changed in chat')
    return { kind: 'close', notice: settingsSaved(hub.name, changes) }
  }

  /** Takes a term-dates file sent in a direct chat; anything else passes on to the next feature. */
  async function received(event: MessageEvent & { files: SharedFile[] }, ctx: HandlerContext): Promise<void | 'pass'> {
    if (event.place.kind !== 'direct' || event.files.length !== 1) return 'pass'
    const file = event.files[0]!
    const extension = extensionOf(file.name)
    if (extension !== 'csv' && extension !== 'ics') return 'pass'
    let bytes: Buffer
    try {
      bytes = await file.read(MAX_TEXT_FILE_BYTES)
    } catch (error) {
      if (error instanceof BotError) return 'pass'
      throw error
    }
    const decoded = decodeTextFile(bytes)
    if (!decoded.ok) return 'pass'
    const admin = await isAdmin(event.actor)
    // An administrator who leads no Work Group has no sessions to import: their calendar is term dates.
    const termDates =
      looksLikeTermDates(file.name, decoded.text) || (extension === 'ics' && admin && (await listWorkGroupsLedBy(db, event.actor, event.actor.userId)).length === 0)
    if (!termDates) return 'pass'
    if (!admin) return answerPrivately(ctx.reply, adminsOnly('import a hub’s term dates'))
    const parsed = parseTermDates(file.name, decoded.text)
    if (!parsed.ok) {
      ctx.log.info({ file: file.name, problems: parsed.problems.length }, 'term-dates file refused')
      return answerPrivately(ctx.reply, termDatesProblems(file.name, describeTermDatesProblems(parsed.problems)))
    }
    const hubs = (await workspaceHubs(event.actor)).slice(0, MAX_HUB_BUTTONS)
    if (hubs.length === 0) return answerPrivately(ctx.reply, NO_HUB_FOR_TERM_DATES(ctx.hint))
    const heldId = await holdFile(db, ownerOf(event.actor), { name: file.name, mimeType: 'text/plain', content: Buffer.from(decoded.text, 'utf8') }, clock.now())
    const { holidays } = parsed
    const from = holidays.reduce((min, h) => (h.startsOn < min ? h.startsOn : min), holidays[0]!.startsOn)
    const to = holidays.reduce((max, h) => (h.endsOn > max ? h.endsOn : max), holidays[0]!.endsOn)
    const overlapping = (stored: readonly StoredHoliday[]) => stored.filter((h) => h.startsOn <= to && h.endsOn >= from).length
    ctx.log.info({ file: file.name, holidays: holidays.length }, 'term-dates file previewed')
    await answerPrivately(
      ctx.reply,
      termDatesPreview({
        fileName: file.name,
        holidays,
        hubs: hubs.map((h) => ({ id: h.id, name: h.name, replacing: overlapping(h.holidays), confirmValue: `${heldId}|${h.id}|${stampOf(h.holidays)}` })),
        cancelValue: heldId,
      }),
    )
  }

  async function confirmImport(event: ActionEvent, ctx: HandlerContext): Promise<void> {
    if (!(await isAdmin(event.actor))) return answerPrivately(ctx.reply, adminsOnly('import a hub’s term dates'))
    const [heldId = '', hubId = '', stamp = ''] = event.value.split('|')
    const hub = (await workspaceHubs(event.actor)).find((h) => h.id === hubId)
    if (!hub) return replaceOrAnswer(ctx.reply, textMessage('I can’t find that hub any more; nothing was imported.'))
    if (stampOf(hub.holidays) !== stamp) {
      // The file stays held only for a click that can still succeed.
      await takeHeldFile(db, heldId, ownerOf(event.actor), clock.now())
      return replaceOrAnswer(ctx.reply, TERM_DATES_CHANGED)
    }
    const taken = await takeHeldFile(db, heldId, ownerOf(event.actor), clock.now())
    if (taken.kind === 'not_yours') return answerPrivately(ctx.reply, TERM_DATES_NOT_YOURS)
    if (taken.kind === 'gone') return replaceOrAnswer(ctx.reply, TERM_DATES_GONE)
    const parsed = parseTermDates(taken.file.name, taken.file.content.toString('utf8'))
    if (!parsed.ok) return replaceOrAnswer(ctx.reply, termDatesProblems(taken.file.name, describeTermDatesProblems(parsed.problems)))
    const [result] = await replaceHubHolidays(db, [hub.id], parsed.holidays, scopeOf(event.actor))
    deps.log.info({ hub: hub.id, holidays: parsed.holidays.length, replaced: result?.replaced ?? 0, by: event.actor.userId }, 'term dates imported in chat')
    await replaceOrAnswer(ctx.reply, termDatesImported(hub.name, parsed.holidays.length, result?.replaced ?? 0))
  }

  async function cancelImport(event: ActionEvent, ctx: HandlerContext): Promise<void> {
    const taken = await takeHeldFile(db, event.value, ownerOf(event.actor), clock.now())
    if (taken.kind === 'not_yours') return answerPrivately(ctx.reply, TERM_DATES_NOT_YOURS)
    await replaceOrAnswer(ctx.reply, taken.kind === 'taken' ? TERM_DATES_CANCELLED : TERM_DATES_GONE)
  }

  return {
    name: 'hub-upkeep',
    commands: {
      hub: async (event, args, ctx) => {
        const [verb = '', ...rest] = args.split(/\s+/)
        const creating = /^(new|create|add)$/i.test(verb)
        if (args !== '' && !creating) return 'pass'
        if (!(await isAdmin(event.actor))) return answerPrivately(ctx.reply, adminsOnly(KEEP_HUBS))
        if (creating) return createHub(event, rest.join(' '), ctx)
        await answerPrivately(ctx.reply, renderHubs(await workspaceHubs(event.actor), ctx.hint))
      },
    },
    files: received,
    forms: { [FORM_HUB_SETTINGS]: saveSettings },
    actions: { [ACTION_HUB_SETTINGS]: openSettings, [ACTION_IMPORT_TERM_DATES]: confirmImport, [ACTION_CANCEL_TERM_DATES]: cancelImport },
    help: [
      { usage: 'hub', description: 'the hub’s settings (notice for apologies, quiet hours) and school holidays; send term dates (.csv or .ics) in a direct chat', audience: 'admin' },
      { usage: 'hub new Matrix Maths Hub', description: 'set up a hub before any Work Group exists', audience: 'admin' },
    ],
  }
}
