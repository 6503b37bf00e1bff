// `reminders`: the Lead chooses when participants are reminded before each session (a week, a
// day and an hour by default), with a form or straight after the command.
import type { Feature, HandlerContext } from '../../core/bot.js'
import type { Clock } from '../../core/clock.js'
import type { CommandEvent, FormSubmitEvent, MessageEvent } from '../../core/events.js'
import type { Form, FormResult } from '../../core/forms.js'
import { textMessage, userText } from '../../core/messages.js'
import { answerPrivately } from '../../core/reply.js'
import type { Db } from '../../db/database.js'
import { groupLedHere, leadOnly } from '../../domain/group-access.js'
import { listUpcomingSessions } from '../../domain/sessions.js'
import { findWorkGroup, setReminderOffsets, type WorkGroup } from '../../domain/work-groups.js'
import { reminderPlanKey, skipReminders } from './plan-reminders.js'
import { describeOffsets, MAX_REMINDERS, readOffsets } from '../../domain/reminder-offsets.js'
import { reminderDueAt } from '../../domain/reminder-times.js'

export const FORM_REMINDERS = 'reminders.offsets'

export function remindersForm(group: WorkGroup): Form {
  return {
    id: FORM_REMINDERS,
    title: 'Session reminders',
    submitLabel: 'Save',
    intro: `When should the ${userText(group.projectTitle)} Work Group’s participants be reminded before each session? Reminders wait outside quiet hours (evenings and weekends) unless that would be too late.`,
    // The group and the version of its settings this form edits.
    state: `${group.id}:${group.version}`,
    fields: [
      {
        type: 'text',
        id: 'offsets',
        label: 'Remind them',
        required: true,
        maxLength: 100,
        initial: describeOffsets(group.reminderOffsets),
        hint: `For example “a week, a day, an hour”, “2 days, 30 minutes” or “none”. Up to ${MAX_REMINDERS}.`,
      },
    ],
  }
}

const STALE_REMINDERS = 'Not saved: the reminders were changed after this form was opened (or it was sent twice). Open it again to see them as they are now.'

export function createReminderSettingsFeature(deps: { db: Db; clock: Clock; zone: string }): Feature {
  const { db, clock, zone } = deps

  /** Saves the offsets; a newly added one already past for a session is skipped, not sent late. */
  async function save(group: WorkGroup, minutes: number[]): Promise<string> {
    const now = clock.now()
    const added = minutes.filter((m) => !group.reminderOffsets.includes(m))
    const saved = await db.transaction().execute(async (trx) => {
      if (!(await setReminderOffsets(trx, group, minutes))) return false
      const upcoming = await listUpcomingSessions(trx, group, now, 500)
      const past = upcoming.flatMap((s) => added.filter((m) => reminderDueAt(s.startsAt, m, zone) <= now).map((m) => reminderPlanKey(s.id, m)))
      await skipReminders(trx, past, now)
      return true
    })
    if (!saved) return STALE_REMINDERS
    return minutes.length === 0
      ? `Done: participants of the ${group.projectTitle} Work Group will get no direct reminders. The channel still gets its morning message on session days.`
      : `Done: participants of the ${group.projectTitle} Work Group will be reminded ${describeOffsets(minutes)} before each session.`
  }

  async function submit(event: FormSubmitEvent): Promise<FormResult> {
    const [groupId = '', version] = event.state.split(':')
    const group = await findWorkGroup(db, event.actor, groupId)
    if (!group)
      return { kind: 'close', notice: 'I can’t find that Work Group any more.' }
    if (String(group.version) !== version) return { kind: 'close', notice: STALE_REMINDERS }
    if (group.leadUserId !== event.actor.userId) return { kind: 'close', notice: leadOnly(group, 'change its reminders').text }
    const read = readOffsets(event.values.offsets ?? '')
    if ('error' in read) return { kind: 'errors', form: remindersForm(group), errors: { offsets: read.error } }
    return { kind: 'close', notice: await save(group, read.minutes) }
  }

  async function command(event: CommandEvent | MessageEvent, args: string, ctx: HandlerContext) {
    const group = await groupLedHere(db, event, ctx, 'change when participants are reminded')
    if (!group) return
    if (args === '') {
      if (ctx.reply.openForm) return ctx.reply.openForm(remindersForm(group))
      return answerPrivately(
        ctx.reply,
        textMessage(`Participants are reminded ${describeOffsets(group.reminderOffsets)} before each session. To change it, write for example ${ctx.hint('reminders 2 days, 1 hour')}.`),
      )
    }
    const read = readOffsets(args)
    await answerPrivately(ctx.reply, textMessage('error' in read ? read.error : await save(group, read.minutes)))
  }

  return {
    name: 'reminder-settings',
    commands: { reminders: command },
    forms: { [FORM_REMINDERS]: (event) => submit(event) },
    help: [{ usage: 'reminders', description: 'choose when participants are reminded before each session', audience: 'lead' }],
  }
}
