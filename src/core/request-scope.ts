// Which HTTP request the current code runs for. Features, adapters and SDKs (Bolt, botbuilder)
// log through their own loggers, made long before any request; the request id travels with
// the async context instead, so every line logged while handling a request carries it, also
// after the platform has been acknowledged and the work goes on.
import { AsyncLocalStorage } from 'node:async_hooks'

const scope = new AsyncLocalStorage<{ requestId: string }>()

/** Runs `work` (and everything it starts) as part of the request `requestId`. */
export function runInRequest<T>(requestId: string, work: () => T): T {
  return scope.run({ requestId }, work)
}

/** The id of the request being handled, if any. */
export function currentRequestId(): string | undefined {
  return scope.getStore()?.requestId
}
