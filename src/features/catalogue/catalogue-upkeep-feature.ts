// Catalogue upkeep in chat: a hub administrator sends next year's catalogue (a CSV) in their
// direct chat with the bot. Every row is checked as the command line checks it; a file with
// problems gets them all by line and column and nothing is stored. A good file gets a preview
// of what it changes (new, retired and changed projects) with Import it / Cancel; the file is
// held (held-files.ts) until then, and the click imports it in one transaction and reloads the
// bot's catalogue at once. A held file is handed over once, so a replayed or stale click
// changes nothing. The catalogue is one for every workspace the bot serves, so only the
// administrators named in configuration (HUB_ADMINS) may replace it: an administrator named in
// chat in one organisation must not change what every other one is told.
//
// Files reach the bot through one route shared with session import: this handler takes a file
// only in a direct chat, only a .csv, and only when it is a catalogue (its header names the
// catalogue's columns) or comes from an administrator who leads no Work Group (so a broken
// catalogue is reported as one); anything else passes on to the next feature.
import type { Feature, HandlerContext } from '../../core/bot.js'
import type { Clock } from '../../core/clock.js'
import { BotError } from '../../core/errors.js'
import type { ActionEvent, Actor, MessageEvent, SharedFile } from '../../core/events.js'
import { takeHeldFile, holdFile, type HeldFileOwner } from '../../core/held-files.js'
import type { Logger } from '../../core/logger.js'
import type { Message } from '../../core/messages.js'
import { answerPrivately, replaceOrAnswer } from '../../core/reply.js'
import type { Db } from '../../db/database.js'
import { loadStoredCatalogue, replaceCatalogueYear, type StoredCatalogue } from '../../domain/catalogue-store.js'
import type { CurrentCatalogue } from '../../domain/current-catalogue.js'
import { type AdminCheck, adminsOnly } from '../../domain/hub-admins.js'
import { schoolYearStart } from '../../domain/projects.js'
import { listWorkGroupsLedBy } from '../../domain/work-groups.js'
import { decodeTextFile, MAX_TEXT_FILE_BYTES } from '../../files/decode-text.js'
import { extensionOf } from '../../files/file-kind.js'
import { compareCatalogues } from './catalogue-changes.js'
import { CATALOGUE_COLUMNS, describeProblems, type ParsedCatalogue, parseCatalogueFile } from './parse-catalogue-file.js'
import {
  ACTION_CANCEL_CATALOGUE,
  ACTION_IMPORT_CATALOGUE,
  CANCELLED,
  CHANGED_SINCE,
  CONFIGURED_ADMINS_ONLY,
  howToUpdate,
  importedMessage,
  NOT_YOURS,
  NOTHING_WAITING,
  notText,
  previewMessage,
  problemsReport,
} from './render-upkeep.js'

export interface CatalogueUpkeepDeps {
  db: Db
  clock: Clock
  log: Logger
  isAdmin: AdminCheck
  /** Who may replace the catalogue: it is shared by every workspace, so only configured administrators. */
  mayReplaceCatalogue: AdminCheck
  /** The catalogue the bot answers from; reloaded after an import. */
  catalogue: CurrentCatalogue
  zone: string
}

const ownerOf = (actor: Actor): HeldFileOwner => ({ platform: actor.platform, workspaceId: actor.workspaceId, userId: actor.userId })

export function createCatalogueUpkeepFeature(deps: CatalogueUpkeepDeps): Feature {
  const { db, clock, isAdmin } = deps

  /** What the stored catalogues look like for a year: the version a preview was made against. */
  async function comparedWith(schoolYear: string): Promise<StoredCatalogue | undefined> {
    return (await loadStoredCatalogue(db, schoolYear)) ?? (await loadStoredCatalogue(db))
  }
  const stampOf = (stored: StoredCatalogue | undefined) => (stored ? `${stored.catalogue.schoolYear}@${stored.importedAt.getTime()}` : 'none')

  async function takesFile(event: MessageEvent & { files: SharedFile[] }, admin: boolean): Promise<{ file: SharedFile; bytes?: Buffer; refusal?: Message } | undefined> {
    if (event.place.kind !== 'direct' || event.files.length !== 1) return undefined
    const file = event.files[0]!
    if (extensionOf(file.name) !== 'csv') return undefined
    // An administrator who leads no Work Group has no sessions to import: any CSV of theirs is a catalogue attempt.
    const forCatalogue = async () => admin && (await listWorkGroupsLedBy(db, event.actor, event.actor.userId)).length === 0
    let bytes: Buffer
    try {
      bytes = await file.read(MAX_TEXT_FILE_BYTES)
    } catch (error) {
      if (error instanceof BotError && error.userMessage && (await forCatalogue())) return { file, refusal: { text: error.userMessage, blocks: [{ type: 'text', text: error.userMessage }] } }
      return undefined
    }
    if (looksLikeCatalogue(bytes) || (await forCatalogue())) return { file, bytes }
    return undefined
  }

  async function received(event: MessageEvent & { files: SharedFile[] }, ctx: HandlerContext): Promise<void | 'pass'> {
    const admin = await isAdmin(event.actor)
    const taken = await takesFile(event, admin)
    if (!taken) return 'pass'
    const { file } = taken
    if (!admin) return answerPrivately(ctx.reply, adminsOnly('update the projects catalogue'))
    if (!(await deps.mayReplaceCatalogue(event.actor))) return answerPrivately(ctx.reply, CONFIGURED_ADMINS_ONLY)
    if (taken.refusal || !taken.bytes) return answerPrivately(ctx.reply, taken.refusal ?? notText(file.name))
    const decoded = decodeTextFile(taken.bytes)
    if (!decoded.ok) return answerPrivately(ctx.reply, { text: decoded.problem, blocks: [{ type: 'text', text: decoded.problem }] })
    if (!decoded.encoding.startsWith('utf-16') && looksBinary(taken.bytes)) return answerPrivately(ctx.reply, notText(file.name))
    const parsed = parseCatalogueFile(decoded.text)
    if (!parsed.ok) {
      ctx.log.info({ file: file.name, problems: parsed.problems.length }, 'catalogue file refused')
      return answerPrivately(ctx.reply, problemsReport(file.name, describeProblems(parsed.problems)))
    }
    const { catalogue } = parsed
    const [stored, newest] = await Promise.all([comparedWith(catalogue.schoolYear), loadStoredCatalogue(db)])
    // What is held is the text as read, so the import reads exactly what the preview showed.
    const heldId = await holdFile(db, ownerOf(event.actor), { name: file.name, mimeType: 'text/csv', content: Buffer.from(decoded.text, 'utf8') }, clock.now())
    ctx.log.info({ file: file.name, schoolYear: catalogue.schoolYear, projects: catalogue.projects.length }, 'catalogue file previewed')
    const newerYear =
      newest && (schoolYearStart(newest.catalogue.schoolYear) ?? 0) > (schoolYearStart(catalogue.schoolYear) ?? 0) ? newest.catalogue.schoolYear : undefined
    await answerPrivately(
      ctx.reply,
      previewMessage({
        fileName: file.name,
        catalogue,
        comparedWith: stored ? { schoolYear: stored.catalogue.schoolYear, importedOn: dayOf(stored.importedAt, deps.zone) } : undefined,
        changes: compareCatalogues(stored?.catalogue, catalogue),
        newerYear,
        confirmValue: `${heldId}|${stampOf(stored)}`,
        cancelValue: heldId,
      }),
    )
  }

  async function confirm(event: ActionEvent, ctx: HandlerContext): Promise<void> {
    if (!(await isAdmin(event.actor))) return answerPrivately(ctx.reply, adminsOnly('update the projects catalogue'))
    if (!(await deps.mayReplaceCatalogue(event.actor))) return answerPrivately(ctx.reply, CONFIGURED_ADMINS_ONLY)
    const [heldId = '', stamp = ''] = event.value.split('|')
    const taken = await takeHeldFile(db, heldId, ownerOf(event.actor), clock.now())
    if (taken.kind === 'not_yours') return answerPrivately(ctx.reply, NOT_YOURS)
    if (taken.kind === 'gone') {
      ctx.log.info('catalogue import clicked again or too late: nothing changed')
      return replaceOrAnswer(ctx.reply, NOTHING_WAITING)
    }
    const { file } = taken
    const parsed: ParsedCatalogue = parseCatalogueFile(file.content.toString('utf8'))
    if (!parsed.ok) return replaceOrAnswer(ctx.reply, problemsReport(file.name, describeProblems(parsed.problems)))
    if (stampOf(await comparedWith(parsed.catalogue.schoolYear)) !== stamp) return replaceOrAnswer(ctx.reply, CHANGED_SINCE)
    const source = `${file.name} (sent in chat on ${event.actor.platform} by ${event.actor.userId})`
    const { replaced } = await replaceCatalogueYear(db, parsed.catalogue, source)
    const current = await deps.catalogue.reload()
    const outcome = { schoolYear: parsed.catalogue.schoolYear, projects: parsed.catalogue.projects.length, replaced }
    ctx.log.info({ ...outcome, file: file.name, by: event.actor.userId }, 'catalogue imported in chat')
    await replaceOrAnswer(ctx.reply, importedMessage(file.name, outcome, current?.schoolYear))
  }

  async function cancel(event: ActionEvent, ctx: HandlerContext): Promise<void> {
    const taken = await takeHeldFile(db, event.value, ownerOf(event.actor), clock.now())
    if (taken.kind === 'not_yours') return answerPrivately(ctx.reply, NOT_YOURS)
    await replaceOrAnswer(ctx.reply, taken.kind === 'taken' ? CANCELLED : NOTHING_WAITING)
  }

  return {
    name: 'catalogue-upkeep',
    commands: {
      'update catalogue': async (event, args, ctx) => {
        if (args !== '') return 'pass'
        if (!(await isAdmin(event.actor))) return answerPrivately(ctx.reply, adminsOnly('update the projects catalogue'))
        await answerPrivately(ctx.reply, howToUpdate())
      },
    },
    files: received,
    actions: { [ACTION_IMPORT_CATALOGUE]: confirm, [ACTION_CANCEL_CATALOGUE]: cancel },
    help: [{ usage: 'update catalogue', description: 'how to import next year’s projects catalogue: send its CSV to the bot in a direct chat', audience: 'admin' }],
  }
}

/** Catalogue-only column names, as a spreadsheet might write them ("School year", "entry point"). */
const CATALOGUE_ONLY = new Set<string>(CATALOGUE_COLUMNS.filter((c) => !['id', 'title'].includes(c)))

/** Whether a file's first line is a catalogue's header: at least two of its own columns. */
export function looksLikeCatalogue(bytes: Buffer): boolean {
  const decoded = decodeTextFile(bytes.subarray(0, 8192), { maxBytes: 8192 })
  if (!decoded.ok) return false
  const firstLine = decoded.text.split(/\r?\n/).find((l) => l.trim() !== '') ?? ''
  const columns = firstLine.split(/[,;\t]/).map((c) => c.trim().replace(/^"|"$/g, '').trim().toLowerCase().replace(/[\s-]+/g, '_'))
  return columns.filter((c) => CATALOGUE_ONLY.has(c)).length >= 2
}

/** A workbook, PDF or other binary file named .csv: magic numbers, or control bytes no text has. */
function looksBinary(bytes: Buffer): boolean {
  const starts = (...magic: number[]) => magic.every((b, i) => bytes[i] === b)
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0xd0, 0xcf, 0x11, 0xe0) || starts(0x25, 0x50, 0x44, 0x46)) return true
  const sample = bytes.subarray(0, 4096)
  let control = 0
  for (const b of sample) if (b < 0x09 || b === 0x0b || b === 0x0c || (b > 0x0d && b < 0x20)) control++
  return control > Math.max(2, sample.length * 0.01)
}

function dayOf(at: Date, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: zone }).format(at)
}
