// The current catalogue, held in memory: it changes about once a year and every catalogue
// answer needs it. A short expiry lets an import made by another process (against a shared
// Postgres server) show up within a minute without a restart.
import type { Db } from '../db/database.js'
import { loadCurrentCatalogue } from './catalogue-store.js'
import type { Catalogue } from './projects.js'

export interface CurrentCatalogue {
  get(): Promise<Catalogue | undefined>
}

export function createCurrentCatalogue(
  db: Db,
  options: { maxAgeMs?: number; now?: () => number } = {},
): CurrentCatalogue {
  const maxAgeMs = options.maxAgeMs ?? 60_000
  const now = options.now ?? Date.now
  let cached: { value: Catalogue | undefined; loadedAt: number } | undefined
  let loading: Promise<Catalogue | undefined> | undefined

  return {
    async get() {
      if (cached && now() - cached.loadedAt < maxAgeMs) return cached.value
      // One load at a time: concurrent requests share it instead of all querying.
      loading ??= loadCurrentCatalogue(db)
        .then((value) => {
          cached = { value, loadedAt: now() }
          return value
        })
        .finally(() => {
          loading = undefined
        })
      return loading
    },
  }
}
