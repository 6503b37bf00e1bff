// The minute tick: node-cron calls it every minute; it also runs at start, because node-cron
// never runs ticks missed while the process was down. Each tick plans what is due and wakes the
// delivery worker.
import cron, { type ScheduledTask } from 'node-cron'
import type { Clock } from '../../core/clock.js'
import type { Logger } from '../../core/logger.js'
import type { Db } from '../../db/database.js'
import { planDue, type PlanResult } from './plan-reminders.js'

export interface ReminderScheduler {
  /** One tick now: plan what is due. */
  tick(): Promise<PlanResult>
  start(): Promise<void>
  stop(): Promise<void>
}

export function createReminderScheduler(options: {
  db: Db
  clock: Clock
  zone: string
  log: Logger
  /** Called whenever planning has committed new messages to the outbox. */
  onPlanned: () => void
}): ReminderScheduler {
  const log = options.log.child({ component: 'reminders' })
  let task: ScheduledTask | undefined
  let ticking: Promise<PlanResult> | undefined

  const tick = async (): Promise<PlanResult> => {
    // A slow tick is not overlapped by the next one.
    ticking ??= planDue(options.db, options.clock.now(), options.zone, log, options.onPlanned)
      .then((result) => {
        if (result.reminders + result.digests > 0) log.info(result, 'planned reminders')
        return result
      })
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
