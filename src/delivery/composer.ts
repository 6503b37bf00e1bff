// A composer writes a queued message's words at the moment it is sent. Planning queues a
// message minutes, hours or a downtime ahead; what is true changes meanwhile (the time left,
// quiet hours, an RSVP, a later reminder overtaking it). The feature that queued a kind of
// message registers a composer for it, and the delivery worker asks it, per round, what to do.
import type { Message } from '../core/messages.js'
import type { ClaimedItem, OutboxKind } from './outbox.js'

export type Composition =
  /** Send these words (the planned message, or new ones). */
  | { kind: 'send'; message: Message }
  /** No longer worth sending; `reason` goes to the log and the row. */
  | { kind: 'drop'; reason: string }
  /** Not yet after all (quiet hours): back in the queue until then. */
  | { kind: 'hold'; until: Date; reason: string }

/** One answer per item, in the items' order. A composer reads the store; it never writes. */
export type Composer = (items: readonly ClaimedItem[], now: Date) => Promise<Composition[]>

export type Composers = Partial<Record<OutboxKind, Composer>>
