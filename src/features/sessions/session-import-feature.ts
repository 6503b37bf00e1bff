// `import sessions`: a Lead adds a whole term's sessions from a spreadsheet or calendar file.
// On Slack the file is uploaded in a modal; on Teams, whose cards cannot carry files, the Lead
// attaches it in their 1:1 chat with the bot. Either way the file is checked whole and taken
// whole or refused with every problem listed.
import type { Feature, HandlerContext } from '../../core/bot.js'
import type { Clock } from '../../core/clock.js'
import { BotError } from '../../core/errors.js'
import type { Actor, FormSubmitEvent, MessageEvent, SharedFile } from '../../core/events.js'
import { type FormResult, validateForm } from '../../core/forms.js'
import type { Logger } from '../../core/logger.js'
import { type Message, textMessage } from '../../core/messages.js'
import { answerPrivately } from '../../core/reply.js'
import type { Db } from '../../db/database.js'
import { groupLedHere, leadOnly } from '../../domain/group-access.js'
import { findWorkGroup, findWorkGroupByConversation, listWorkGroupsLedBy, type WorkGroup } from '../../domain/work-groups.js'
import { type ImportOutcome, importSessions, MAX_SESSIONS_FILE_BYTES, refuseByName } from './import-sessions.js'
import { expectedUpload, expectUpload, UPLOAD_WAIT_MINUTES, uploadReceived } from './pending-uploads.js'
import { askForFile, FORM_IMPORT, importForm, outcomeText } from './render-import.js'

export interface SessionImportDeps {
  db: Db
  clock: Clock
  zone: string
  log: Logger
}

export function createSessionImportFeature(deps: SessionImportDeps): Feature {
  const { db, clock, zone } = deps

  async function importFile(group: WorkGroup, file: SharedFile, actor: Actor): Promise<ImportOutcome> {
    const options = { now: clock.now(), zone }
    const outcome =
      refuseByName(file.name, options) ??
      (await importSessions(db, group, { name: file.name, bytes: await file.read(MAX_SESSIONS_FILE_BYTES) }, actor.userId, options))
    deps.log.info(
      { workGroup: group.id, file: file.name, ...(outcome.ok ? { added: outcome.added.length, alreadyThere: outcome.alreadyThere } : { problems: outcome.problems.length }) },
      outcome.ok ? 'sessions imported' : 'sessions file refused',
    )
    return outcome
  }

  /** The Work Group a file sent to the bot is for, or what to tell the sender. */
  async function uploadTarget(event: MessageEvent, ctx: HandlerContext): Promise<WorkGroup | Message> {
    const { actor } = event
    const leads = (group: WorkGroup | undefined) => group !== undefined && group.leadUserId === actor.userId
    if (event.place.kind !== 'direct') {
      const here = await findWorkGroupByConversation(db, actor, event.place.conversationId)
      if (here && leads(here)) return here
    }
    const expected = await expectedUpload(db, actor, clock.now())
    const asked = expected ? await findWorkGroup(db, actor, expected) : undefined
    if (asked && leads(asked)) return asked
    const led = await listWorkGroupsLedBy(db, actor, actor.userId)
    if (led.length === 1) return led[0]!
    if (led.length === 0)
      return textMessage(
        `I read session files from Work Group Leads, and you don’t lead a Work Group here. A Lead imports sessions with ${ctx.hint('import sessions')} in the group’s channel.`,
      )
    return textMessage(
      `You lead ${led.length} Work Groups, so I can’t tell which this file is for. Run ${ctx.hint('import sessions')} in that group’s channel, then send the file again.`,
    )
  }

  async function submitImport(event: FormSubmitEvent): Promise<FormResult> {
    const group = await findWorkGroup(db, event.actor, event.state)
    if (!group)
      return { kind: 'close', notice: 'I can’t find that Work Group any more.' }
    if (group.leadUserId !== event.actor.userId) return { kind: 'close', notice: leadOnly(group, 'import sessions').text }
    const form = importForm(group)
    const errors = validateForm(form, event.values)
    const file = event.files?.file?.[0]
    if (!errors.file && !file) errors.file = 'Please upload a .csv or .ics file.'
    if (Object.keys(errors).length > 0 || !file) return { kind: 'errors', form, errors }
    let outcome: ImportOutcome
    try {
      outcome = await importFile(group, file, event.actor)
    } catch (error) {
      // A file too big or unreadable is a problem with the field, shown where it was chosen.
      if (error instanceof BotError && error.userMessage) return { kind: 'errors', form, errors: { file: error.userMessage } }
      throw error
    }
    if (!outcome.ok) return { kind: 'update', form: importForm(group, { fileName: file.name, problems: outcome.problems }) }
    return { kind: 'close', notice: outcomeText(group, file.name, outcome, zone) }
  }

  return {
    name: 'session-import',
    commands: {
      'import sessions': async (event, args, ctx) => {
        if (args !== '') return 'pass'
        const group = await groupLedHere(db, event, ctx, 'import sessions')
        if (!group) return
        if (ctx.reply.formsTakeFiles && ctx.reply.openForm) return ctx.reply.openForm(importForm(group))
        await expectUpload(db, event.actor, group.id, clock.now())
        await answerPrivately(ctx.reply, askForFile(group, UPLOAD_WAIT_MINUTES))
      },
    },
    forms: { [FORM_IMPORT]: (event) => submitImport(event) },
    files: async (event, ctx) => {
      if (event.files.length > 1) return answerPrivately(ctx.reply, textMessage('Please send one file at a time.'))
      const target = await uploadTarget(event, ctx)
      if (!('leadUserId' in target)) return answerPrivately(ctx.reply, target)
      const [file] = event.files
      const outcome = await importFile(target, file!, event.actor)
      // A refused file can be fixed and sent again to the same group.
      if (outcome.ok) await uploadReceived(db, event.actor)
      await answerPrivately(ctx.reply, textMessage(outcomeText(target, file!.name, outcome, zone)))
    },
    help: [{ usage: 'import sessions', description: 'add a term’s sessions at once from a spreadsheet (.csv) or calendar (.ics) file', audience: 'lead' }],
  }
}
