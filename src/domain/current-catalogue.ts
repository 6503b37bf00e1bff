// The current catalogue, held in memory: it changes about once a year and every catalogue
// answer needs it. An import made in chat reloads it at once (`reload`); a short expiry lets
// an import made by another process (the command line, another instance against a shared
// Postgres server) show up within a minute without a restart.
import type { Db } from '../db/database.js'
import { loadCurrentCatalogue } from './catalogue-store.js'
import type { Catalogue } from './projects.js'

export interface CurrentCatalogue {
  get(): Promise<Catalogue | undefined>
  /** Forgets what is held and loads the catalogue again: call after an import. */
  reload(): Promise<Catalogue | undefined>
}

export function createCurrentCatalogue(
  db: Db,
  options: { maxAgeMs?: number; now?: () => number } = {},
): CurrentCatalogue {
  const maxAgeMs = options.maxAgeMs ?? 60_000
  const now = options.now ?? Date.now
  let cached: { value: Catalogue | undefined; loadedAt: number } | undefined
  let loading: Promise<Catalogue | undefined> | undefined
  // Bumped by reload: a load that started before it (and may have read the old catalogue) is not kept.
  let generation = 0

  const load = () => {
    const started = generation
    const promise: Promise<Catalogue | undefined> = loadCurrentCatalogue(db)
      .then((value) => {
        if (started === generation) cached = { value, loadedAt: now() }
        return value
      })
      .finally(() => {
        if (loading === promise) loading = undefined
      })
    return promise
  }

  return {
    async get() {
      if (cached && now() - cached.loadedAt < maxAgeMs) return cached.value
      // One load at a time: concurrent requests share it instead of all querying.
      loading ??= load()
      return loading
    },
    async reload() {
      generation += 1
      cached = undefined
      loading = load()
      return loading
    },
  }
}
