// Keeping sub-group channels readable: one person's shares that post to channels come in a
// burst of a few, then one a minute (forty shares once became 120 posts), and a sub-group takes
// at most so many new resources an hour whoever shares them. Counted from the library's own
// record of shares, so the limit holds across restarts and instances, and checked in the same
// transaction that files and posts a share: a refused share leaves nothing behind.

export interface ShareLimits {
  /** Shares one person can make at once. */
  burst: number
  /** Then one more each this often. */
  intervalMs: number
  /** New resources one sub-group's channels receive in any hour. */
  perSubgroupPerHour: number
}

export const SHARE_LIMITS: ShareLimits = { burst: 5, intervalMs: 60_000, perSubgroupPerHour: 20 }

/** How far back shares are read: any person's or sub-group's limit is decided within it. */
export const SHARE_HISTORY_MS = 60 * 60_000

/**
 * When this person may next share, given when their recent shares were (each share counted once,
 * however many sub-groups it reached), or undefined if they may now. The generic cell rate
 * algorithm: each share moves a theoretical time on by the interval, and a share is allowed
 * until that time runs more than a burst ahead of now.
 */
export function personMayShareFrom(recent: readonly Date[], now: Date, limits: ShareLimits = SHARE_LIMITS): Date | undefined {
  let theoretical = -Infinity
  for (const at of recent.map((d) => d.getTime()).sort((a, b) => a - b)) theoretical = Math.max(theoretical, at) + limits.intervalMs
  const from = theoretical - (limits.burst - 1) * limits.intervalMs
  return from > now.getTime() ? new Date(from) : undefined
}

/** When a sub-group can take another resource, given when it took its recent ones, or undefined if it can now. */
export function subgroupMayTakeFrom(recent: readonly Date[], now: Date, limits: ShareLimits = SHARE_LIMITS): Date | undefined {
  const hourAgo = now.getTime() - 60 * 60_000
  const inHour = recent.map((d) => d.getTime()).filter((t) => t > hourAgo).sort((a, b) => a - b)
  if (inHour.length < limits.perSubgroupPerHour) return undefined
  return new Date(inHour[inHour.length - limits.perSubgroupPerHour]! + 60 * 60_000)
}

/** "in a minute", "in 12 minutes": how long until then, rounded up, for people on phones in any time zone. */
export function waitWords(until: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000))
  return minutes === 1 ? 'in a minute' : `in ${minutes} minutes`
}

export function personLimitSentence(until: Date, now: Date): string {
  return `Nothing was shared: you’ve shared several resources in the last few minutes, and to keep channels readable you can share the next one ${waitWords(until, now)}.`
}

export function subgroupLimitSentence(full: { name: string; until: Date }[], now: Date, limits: ShareLimits = SHARE_LIMITS): string {
  const names = full.map((f) => `“${f.name}”`)
  const who = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
  // When all of them can, so that the answer holds for each.
  const until = new Date(Math.max(...full.map((f) => f.until.getTime())))
  return `${who} ${full.length === 1 ? 'has' : 'have'} had ${limits.perSubgroupPerHour} new resources in the last hour, the most a sub-group takes, and can take more ${waitWords(until, now)}. Untick ${full.length === 1 ? 'it' : 'them'} to share with the others now.`
}
