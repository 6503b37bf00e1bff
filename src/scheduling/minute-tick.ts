// The minute tick: node-cron calls it every minute; it also runs at start, because node-cron
// never runs ticks missed while the process was down. Each tick plans what is due (reminders,
// digests, reflection prompts, attendance registers, online sessions' check-in posts, catch-ups
// for those who missed a session, weekly resource digests) and wakes the delivery worker.
import cron, { type ScheduledTask } from 'node-cron'
import type { Clock } from '../core/clock.js'
import type { Logger } from '../core/logger.js'
import type { Db } from '../db/database.js'
import { planAttendanceRegisters } from '../features/attendance/plan-attendance-registers.js'
import { planCatchUps } from '../features/catch-up/plan-catch-ups.js'
import { planCheckIns } from '../features/attendance/plan-check-ins.js'
import { planReflectionPrompts, type PromptResult } from '../features/reflections/plan-reflection-prompts.js'
import { planResourceDigests } from '../features/resources/plan-resource-digests.js'
import { planDue, type PlanResult } from '../features/reminders/plan-reminders.js'

export type TickResult = PlanResult & PromptResult & { registers: number; checkIns: number; catchUps: number; resourceDigests: number }

export interface Scheduler {
  /** One tick now: plan what is due. */
  tick(): Promise<TickResult>
  start(): Promise<void>
  stop(): Promise<void>
}

export function createScheduler(options: {
  db: Db
  clock: Clock
  zone: string
  log: Logger
  /** Called whenever planning has committed new messages to the outbox. */
  onPlanned: () => void
}): Scheduler {
  const log = options.log.child({ component: 'scheduler' })
  let task: ScheduledTask | undefined
  let ticking: Promise<TickResult> | undefined

  const tick = async (): Promise<TickResult> => {
    // A slow tick is not overlapped by the next one.
    ticking ??= (async (): Promise<TickResult> => {
      const now = options.clock.now()
      const reminders = await planDue(options.db, now, options.zone, log, options.onPlanned)
      if (reminders.reminders + reminders.digests > 0) log.info(reminders, 'planned reminders')
      const prompts = await planReflectionPrompts(options.db, now, options.zone, log, options.onPlanned)
      const { registers } = await planAttendanceRegisters(options.db, now, options.zone, log, options.onPlanned)
      const { checkIns } = await planCheckIns(options.db, now, options.zone, log, options.onPlanned)
      const { catchUps } = await planCatchUps(options.db, now, options.zone, log, options.onPlanned)
      const resourceDigests = await planResourceDigests(options.db, now, options.zone, log, options.onPlanned)
      return { ...reminders, ...prompts, registers, checkIns, catchUps, resourceDigests }
    })()
      .finally(() => {
        ticking = undefined
      })
    return ticking
  }

  return {
    tick,
    start: async () => {
      await tick().catch((error) => log.error({ err: error }, 'catch-up tick failed'))
      task = cron.schedule(
        '* * * * *',
        async () => {
          await tick().catch((error) => log.error({ err: error }, 'reminder tick failed'))
        },
        { timezone: options.zone, name: 'reminders', noOverlap: true },
      )
    },
    stop: async () => {
      await task?.stop()
      await task?.destroy()
      await ticking?.catch(() => undefined)
    },
  }
}
