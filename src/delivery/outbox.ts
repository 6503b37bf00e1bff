// The outbox: every unprompted message is a row before it is a request. A unique key makes
// planning idempotent; claims use FOR UPDATE SKIP LOCKED so several workers (or bot instances)
// share the work without taking the same row; a per-recipient lease ("pace") sends one message
// at a time to each conversation, a second apart, and holds it back after a 429.
import { sql } from 'kysely'
import type { DeliveryTarget } from '../core/adapter.js'
import type { Platform } from '../core/events.js'
import type { Message } from '../core/messages.js'
import type { Db } from '../db/database.js'
import { inScope, type Scope } from '../db/scope.js'

/** What kinds of message wait in the outbox. */
export type OutboxKind =
  | 'reminder'
  | 'new-session'
  | 'digest'
  | 'reflection-prompt'
  | 'reflection-nudge'
  | 'attendance-register'
  | 'catch-up'
  | 'school-question'
  | 'check-in'
  | 'cancellation'
  | 'resource-post'
  | 'resource-digest'
  | 'notice'

/**
 * What a queued message is about, as columns: cancelling a session, someone leaving a group,
 * "forget me" and retention find the rows they must drop or redact by these, never by
 * another feature's key.
 */
export interface OutboxAbout {
  kind: OutboxKind
  workGroupId?: string
  sessionId?: string
}

export interface OutboxItem {
  /** Unique forever: a second enqueue of the same key does nothing. Only the planner that made it reads it. */
  key: string
  about: OutboxAbout
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
  about: OutboxAbout
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
      kind: item.about.kind,
      work_group_id: item.about.workGroupId ?? null,
      session_id: item.about.sessionId ?? null,
      recipient_id: item.target.kind === 'direct' ? item.target.id : null,
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
      .returning('pace_key')
      .execute()
    added += inserted.length
    const counts = new Map<string, number>()
    for (const row of inserted) counts.set(row.pace_key, (counts.get(row.pace_key) ?? 0) + 1)
    if (counts.size === 0) continue
    await db
      .insertInto('delivery_pace')
      .values([...counts].map(([pace_key, n]) => ({ pace_key, next_allowed_at: new Date(0), pending: n })))
      .onConflict((oc) => oc.column('pace_key').doUpdateSet((eb) => ({ pending: sql<number>`${eb.ref('delivery_pace.pending')} + ${eb.ref('excluded.pending')}` })))
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

/** Drops waiting messages that are no longer useful (a reminder whose session has started). */
export async function dropExpired(db: Db, now: Date): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const dropped = await trx
      .updateTable('outbox')
      .set({ status: 'dropped', last_error: 'no longer useful when its turn came' })
      .where('status', '=', 'pending')
      .where('not_after', '<=', now)
      .returning(['dedupe_key', 'pace_key'])
      .execute()
    await countDown(trx, dropped.map((d) => d.pace_key))
    return dropped.map((d) => d.dedupe_key)
  })
}

/**
 * Claims ready rows: for each conversation whose lease is free and whose pace allows a send
 * now, its oldest ready message, longest queues first.
 */
export async function claimReady(db: Db, options: ClaimOptions): Promise<ClaimedItem[]> {
  const { now } = options
  const leaseEnd = new Date(now.getTime() + options.leaseMs)
  return db.transaction().execute(async (trx) => {

    // Conversations with the longest queues first (the critical path of a fan-out), each with
    // its oldest ready message: walking conversations, not messages, keeps the scan short.
    const ready = await sql<{ id: string; pace_key: string }>`
      select o.id, o.pace_key from delivery_pace p
      cross join lateral (
        select id, pace_key from outbox
        where pace_key = p.pace_key and status = 'pending' and next_attempt_at <= ${now}
        order by next_attempt_at, id
        limit 1
        for update skip locked
      ) o
      where p.pending > 0 and p.next_allowed_at <= ${now} and (p.busy_until is null or p.busy_until <= ${now})
      order by p.pending desc
      limit ${options.scan}`.execute(trx)
    const firstPerKey = new Map(ready.rows.map((row) => [row.pace_key, row.id]))
    if (firstPerKey.size === 0) return []

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
    if (ids.length === 0) return []

    const rows = await trx
      .updateTable('outbox')
      .set((eb) => ({ status: 'sending', claimed_by: options.workerId, claimed_until: leaseEnd, attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', ids)
      .returningAll()
      .execute()
    return rows.map((r) => toClaimed(r, now))
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

/** What became of a claimed row. */
export type Outcome =
  /** `at`: when the platform accepted it; the conversation's next turn counts from then. */
  | { kind: 'sent'; item: ClaimedItem; at: Date }
  /** Not sent this time: try again at `retryAt`; the conversation rests until `paceUntil`. */
  | { kind: 'retry'; item: ClaimedItem; retryAt: Date; paceUntil: Date; error: string }
  /** Never to be sent: failed for good, or dropped. */
  | { kind: 'final'; item: ClaimedItem; status: 'failed' | 'dropped'; error: string }
  /** Not its time after all (quiet hours began while it waited): back in the queue until `until`, not counted as an attempt. */
  | { kind: 'hold'; item: ClaimedItem; until: Date; reason: string }

/**
 * Records a pass's outcomes in one transaction and frees their conversations: a sent one may
 * take its next message `paceMs` after `at`; a rate-limited one rests as long as it was told.
 */
export async function recordOutcomes(db: Db, outcomes: Outcome[], at: Date, paceMs: number): Promise<void> {
  if (outcomes.length === 0) return
  await db.transaction().execute(async (trx) => {
    const sent = outcomes.filter((o) => o.kind === 'sent')
    if (sent.length) {
      await trx
        .updateTable('outbox')
        .set({ status: 'sent', sent_at: at, claimed_until: null, last_error: null })
        .where('id', 'in', sent.map((o) => o.item.id))
        .execute()
      // Each conversation's next turn is a pace after its own message was accepted (not after
      // the slowest message of the round). A claim holds one message per conversation, so each
      // key here is one message fewer waiting.
      const keys = sent.map((o) => o.item.paceKey)
      const turns = sent.map((o) => new Date(o.at.getTime() + paceMs).toISOString())
      await sql`
        update delivery_pace p
        set busy_until = null, next_allowed_at = greatest(p.next_allowed_at, v.turn), pending = greatest(p.pending - 1, 0)
        from unnest(${keys}::text[], ${turns}::timestamptz[]) as v(pace_key, turn)
        where p.pace_key = v.pace_key`.execute(trx)
    }
    for (const o of outcomes) {
      if (o.kind === 'retry') {
        await trx
          .updateTable('outbox')
          .set({ status: 'pending', next_attempt_at: o.retryAt, claimed_until: null, claimed_by: null, last_error: o.error })
          .where('id', '=', o.item.id)
          .execute()
        await releasePace(trx, [o.item.paceKey], o.paceUntil)
      } else if (o.kind === 'hold') {
        await trx
          .updateTable('outbox')
          .set((eb) => ({ status: 'pending', next_attempt_at: o.until, claimed_until: null, claimed_by: null, last_error: o.reason, attempts: eb('attempts', '-', 1) }))
          .where('id', '=', o.item.id)
          .execute()
        await releasePace(trx, [o.item.paceKey], at)
      } else if (o.kind === 'final') {
        await trx
          .updateTable('outbox')
          .set({ status: o.status, claimed_until: null, last_error: o.error })
          .where('id', '=', o.item.id)
          .execute()
        await releasePace(trx, [o.item.paceKey], at, 1)
      }
    }
  })
}

/** Which waiting messages of a workspace to drop: every condition given must hold. */
export interface PendingFilter {
  sessionId?: string
  workGroupId?: string
  /** The person a direct message goes to. */
  recipientId?: string
  kinds?: readonly OutboxKind[]
}

/** Drops waiting messages that are no longer wanted (a cancelled session's, someone's who left). */
export async function dropPending(db: Db, scope: Scope, filter: PendingFilter, reason: string): Promise<number> {
  let query = db.updateTable('outbox').set({ status: 'dropped', last_error: reason }).where(inScope(scope)).where('status', '=', 'pending')
  if (filter.sessionId) query = query.where('session_id', '=', filter.sessionId)
  if (filter.workGroupId) query = query.where('work_group_id', '=', filter.workGroupId)
  if (filter.recipientId) query = query.where('recipient_id', '=', filter.recipientId)
  if (filter.kinds) query = query.where('kind', 'in', [...filter.kinds])
  const dropped = await query.returning('pace_key').execute()
  await countDown(db, dropped.map((d) => d.pace_key))
  return dropped.length
}

/**
 * "Forget me" for the outbox: a message waiting for the person still goes, without the blocks
 * that quote their own words (marked `personal`); messages already sent to them keep nothing.
 */
export async function redactForRecipient(db: Db, scope: Scope, recipientId: string): Promise<number> {
  const waiting = await db
    .updateTable('outbox')
    .set({
      message: sql<string>`jsonb_set(message, '{blocks}', coalesce((select jsonb_agg(b) from jsonb_array_elements(message->'blocks') b where coalesce(b->>'personal', '') <> 'true'), '[]'::jsonb))`,
    })
    .where(inScope(scope))
    .where('recipient_id', '=', recipientId)
    .where('status', 'in', ['pending', 'sending'])
    .executeTakeFirst()
  const done = await db
    .updateTable('outbox')
    .set({ message: JSON.stringify(SENT_MESSAGE) })
    .where(inScope(scope))
    .where('recipient_id', '=', recipientId)
    .where('status', 'in', ['sent', 'dropped', 'failed'])
    .executeTakeFirst()
  return Number(waiting.numUpdatedRows) + Number(done.numUpdatedRows)
}

/** What a row a person asked to be forgotten keeps of a message already sent to them: nothing. */
const SENT_MESSAGE: Message = { text: '', blocks: [] }

/** One message fewer waiting for each of these conversations (a key may repeat). */
async function countDown(db: Db, paceKeys: string[]): Promise<void> {
  if (paceKeys.length === 0) return
  const counts = new Map<string, number>()
  for (const key of paceKeys) counts.set(key, (counts.get(key) ?? 0) + 1)
  const byCount = new Map<number, string[]>()
  for (const [key, n] of counts) byCount.set(n, [...(byCount.get(n) ?? []), key])
  for (const [n, keys] of byCount) {
    await db
      .updateTable('delivery_pace')
      .set((eb) => ({ pending: sql<number>`greatest(${eb.ref('pending')} - ${n}, 0)` }))
      .where('pace_key', 'in', keys)
      .execute()
  }
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

/** Frees the conversations for their next message at `nextAllowed`, `done` fewer waiting. */
async function releasePace(db: Db, paceKeys: string[], nextAllowed: Date, done = 0): Promise<void> {
  await db
    .updateTable('delivery_pace')
    .set((eb) => ({
      busy_until: null,
      // Never bring a later pause (a Retry-After) forward.
      next_allowed_at: sql<Date>`greatest(${eb.ref('next_allowed_at')}, ${nextAllowed})`,
      pending: sql<number>`greatest(${eb.ref('pending')} - ${done}, 0)`,
    }))
    .where('pace_key', 'in', paceKeys)
    .execute()
}

function toClaimed(row: Record<string, any>, now: Date): ClaimedItem {
  return {
    id: String(row.id),
    key: row.dedupe_key,
    about: {
      kind: row.kind,
      ...(row.work_group_id ? { workGroupId: row.work_group_id } : {}),
      ...(row.session_id ? { sessionId: row.session_id } : {}),
    },
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
