// A per-person limit on commands, so one user (or a script with their identity) cannot keep
// the bot busy for everyone. In memory, per instance: enough to stop a flood, and it needs
// no database, which a flood would otherwise load too.

export interface RateLimiter {
  /** True when this person may run another command now; records it if so. */
  allow(who: string): boolean
}

export const DEFAULT_COMMANDS_PER_MINUTE = 20

export const RATE_LIMITED_SENTENCE = 'You’re sending commands faster than I can answer; try again in a few seconds.'

/** A sliding window of `limit` commands per `windowMs` for each person. */
export function createRateLimiter(options: { limit?: number; windowMs?: number; now?: () => number } = {}): RateLimiter {
  const limit = options.limit ?? DEFAULT_COMMANDS_PER_MINUTE
  const windowMs = options.windowMs ?? 60_000
  const now = options.now ?? Date.now
  const recent = new Map<string, number[]>()
  let lastSweep = now()
  return {
    allow(who) {
      const t = now()
      // People who stopped sending are forgotten, so the map does not grow with every user ever seen.
      if (t - lastSweep > windowMs) {
        for (const [key, times] of recent) if (times[times.length - 1]! <= t - windowMs) recent.delete(key)
        lastSweep = t
      }
      const times = (recent.get(who) ?? []).filter((at) => at > t - windowMs)
      if (times.length >= limit) {
        recent.set(who, times)
        return false
      }
      times.push(t)
      recent.set(who, times)
      return true
    },
  }
}
