// The outbox: every unprompted message is a row before it is a request. A unique key makes
// planning idempotent; claims use FOR UPDATE SKIP LOCKED so several workers (or bot instances)
// share the work without taking the same row; a per-recipient lease ("pace") sends one message
// at a time to each conversation, a second apart, and holds it back after a 429.
import { sql } from 'kysely'
import type { DeliveryTarget } from '../core/adapter.js'
import type { Platform } from '../core/events.js'
import type { Message } from '../core/messages.js'
import type { Db } from '../db/database.js'

export interface OutboxItem {
  /** Unique forever: a second enqueue of the same key does nothing. */
  key: string
  platform: Platform
  target: DeliveryTarget
  message: Message
  /** Not before. */
  dueAt: Date
  /** After this the message is useless and is dropped instead (a reminder once the session started). */
  notAfter?: Date
}

export interface ClaimedItem {
  id: string
  key: string
  platform: Platform
  target: DeliveryTarget
  message: Message
  paceKey: string
  attempts: number
  claimedAt: Date
}

/** Messages to one conversation share a pace key: Slack and Teams allow about one a second each. */
export function paceKeyOf(platform: Platform, target: DeliveryTarget): string {
  return `${platform}:${target.workspaceId}:${target.kind}:${target.id}`
}

/** Adds items not already in the outbox; returns how many were new. Runs in the caller's transaction. */
export async function enqueue(db: Db, items: OutboxItem[]): Promise<number> {
  let added = 0
  // Chunks keep each statement's parameters well under Postgres's limit.
  for (let i = 0; i < items.length; i += 500) {
    const chunk = items.slice(i, i + 500)
    const rows = chunk.map((item) => ({
      dedupe_key: item.key,
      platform: item.platform,
      workspace_id: item.target.workspaceId,
      target_kind: item.target.kind,
      target_id: item.target.id,
      target_address: item.target.address === undefined ? null : JSON.stringify(item.target.address),
      thread_id: item.target.threadId ?? null,
      pace_key: paceKeyOf(item.platform, item.target),
      message: JSON.stringify(item.message),
      due_at: item.dueAt,
      not_after: item.notAfter ?? null,
      next_attempt_at: item.dueAt,
    }))
    const inserted = await db
      .insertInto('outbox')
      .values(rows)
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id')
      .execute()
    added += inserted.length
    const paceKeys = [...new Set(rows.map((r) => r.pace_key))]
    await db
      .insertInto('delivery_pace')
      .values(paceKeys.map((pace_key) => ({ pace_key, next_allowed_at: new Date(0) })))
      .onConflict((oc) => oc.column('pace_key').doNothing())
      .execute()
  }
  return added
}

export interface ClaimOptions {
  workerId: string
  now: Date
  /** How many ready rows to look at per claim. */
  scan: number
  /** How long a claim holds before another worker may treat it as abandoned. */
  leaseMs: number
}

/**
 * Claims ready rows, at most one per pace key whose lease is free and whose pace allows a send
 * now. Stale rows are dropped on the way. Returns the claimed rows and the keys dropped.
 */
export async function claimReady(db: Db, options: ClaimOptions): Promise<{ claimed: ClaimedItem[]; dropped: string[] }> {
  const { now } = options
  const leaseEnd = new Date(now.getTime() + options.leaseMs)
  return db.transaction().execute(async (trx) => {
    const dropped = await trx
      .updateTable('outbox')
      .set({ status: 'dropped', last_error: 'no longer useful when its turn came' })
      .where('status', '=', 'pending')
      .where('not_after', '<=', now)
      .returning('dedupe_key')
      .execute()

    const ready = await sql<{ id: string; pace_key: string }>`
      select o.id, o.pace_key from outbox o
      join delivery_pace p on p.pace_key = o.pace_key
      where o.status = 'pending' and o.next_attempt_at <= ${now}
        and p.next_allowed_at <= ${now} and (p.busy_until is null or p.busy_until <= ${now})
      order by o.next_attempt_at, o.id
      limit ${options.scan}
      for update of o skip locked`.execute(trx)
    const firstPerKey = new Map<string, string>()
    for (const row of ready.rows) if (!firstPerKey.has(row.pace_key)) firstPerKey.set(row.pace_key, row.id)
    if (firstPerKey.size === 0) return { claimed: [], dropped: dropped.map((d) => d.dedupe_key) }

    // The lease is the per-conversation mutex: a conditional update that only one worker wins.
    const leased = await trx
      .updateTable('delivery_pace')
      .set({ busy_until: leaseEnd })
      .where('pace_key', 'in', [...firstPerKey.keys()])
      .where('next_allowed_at', '<=', now)
      .where((eb) => eb.or([eb('busy_until', 'is', null), eb('busy_until', '<=', now)]))
      .returning('pace_key')
      .execute()
    const ids = leased.map((l) => firstPerKey.get(l.pace_key)!)
    if (ids.length === 0) return { claimed: [], dropped: dropped.map((d) => d.dedupe_key) }

    const rows = await trx
      .updateTable('outbox')
      .set((eb) => ({ status: 'sending', claimed_by: options.workerId, claimed_until: leaseEnd, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', ids)
      .returningAll()
      .execute()
    return { claimed: rows.map((r) => toClaimed(r, now)), dropped: dropped.map((d) => d.dedupe_key) }
  })
}

/**
 * Rows another worker claimed and never finished (it crashed, or was killed mid-send). Their
 * fate is unknown: the caller checks with the platform where it can, then settles each one.
 */
export async function claimAbandoned(db: Db, options: ClaimOptions): Promise<ClaimedItem[]> {
  const leaseEnd = new Date(options.now.getTime() + options.leaseMs)
  return db.transaction().execute(async (trx) => {
    const rows = await sql<{ id: string }>`
      select id from outbox where status = 'sending' and claimed_until <= ${options.now}
      order by id limit ${options.scan} for update skip locked`.execute(trx)
    if (rows.rows.length === 0) return []
    const claimed = await trx
      .updateTable('outbox')
      .set({ claimed_by: options.workerId, claimed_until: leaseEnd })
      .where('id', 'in', rows.rows.map((r) => r.id))
      .returningAll()
      .execute()
    return claimed.map((r) => toClaimed(r, options.now))
  })
}

/** Sent: the row is done and its conversation may take the next message after `paceMs`. */
export async function markSent(db: Db, item: ClaimedItem, at: Date, paceMs: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('outbox').set({ status: 'sent', sent_at: at, claimed_until: null, last_error: null }).where('id', '=', item.id).execute()
    await releasePace(trx, item.paceKey, new Date(at.getTime() + paceMs))
  })
}

/** Not sent this time: try again at `retryAt`; the conversation rests until `paceUntil`. */
export async function markRetry(db: Db, item: ClaimedItem, retryAt: Date, paceUntil: Date, error: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('outbox')
      .set({ status: 'pending', next_attempt_at: retryAt, claimed_until: null, claimed_by: null, last_error: error })
      .where('id', '=', item.id)
      .execute()
    await releasePace(trx, item.paceKey, paceUntil)
  })
}

/** Never to be sent: failed for good, or dropped. */
export async function markFinal(db: Db, item: ClaimedItem, status: 'failed' | 'dropped', error: string, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('outbox').set({ status, claimed_until: null, last_error: error }).where('id', '=', item.id).execute()
    await releasePace(trx, item.paceKey, at)
  })
}

/** Drops pending rows whose keys start with `prefix` (a cancelled session's reminders). */
export async function dropPending(db: Db, keyPrefix: string, reason: string): Promise<number> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'dropped', last_error: reason })
    .where('status', '=', 'pending')
    .where('dedupe_key', 'like', `${keyPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** When the next pending row becomes ready, so a worker can sleep until then. */
export async function nextReadyAt(db: Db): Promise<Date | undefined> {
  const row = await sql<{ at: Date | null }>`
    select min(greatest(o.next_attempt_at, p.next_allowed_at)) as at
    from outbox o join delivery_pace p on p.pace_key = o.pace_key
    where o.status = 'pending'`.execute(db)
  const at = row.rows[0]?.at
  return at ? new Date(at) : undefined
}

async function releasePace(db: Db, paceKey: string, nextAllowed: Date): Promise<void> {
  await db
    .updateTable('delivery_pace')
    .set((eb) => ({
      busy_until: null,
      // Never bring a later pause (a Retry-After) forward.
      next_allowed_at: sql<Date>`greatest(${eb.ref('next_allowed_at')}, ${nextAllowed})`,
    }))
    .where('pace_key', '=', paceKey)
    .execute()
}

function toClaimed(row: Record<string, any>, now: Date): ClaimedItem {
  return {
    id: String(row.id),
    key: row.dedupe_key,
    platform: row.platform,
    target: {
      workspaceId: row.workspace_id,
      kind: row.target_kind,
      id: row.target_id,
      ...(row.thread_id ? { threadId: row.thread_id } : {}),
      ...(row.target_address !== null && row.target_address !== undefined ? { address: row.target_address } : {}),
    },
    message: row.message as Message,
    paceKey: row.pace_key,
    attempts: row.attempts,
    claimedAt: now,
  }
}
