// What the composition root needs from a platform adapter. Everything a feature can do on a
// platform goes through the per-event Reply (see reply.ts); abilities a platform lacks are
// left out there, not faked.
import type { Route } from '../http/server.js'
import type { Platform } from './events.js'

export interface ChatAdapter {
  readonly platform: Platform
  /** Webhook routes this adapter serves on the bot's HTTP server. */
  readonly routes: Route[]
  /** One sentence for the start-up log: how this platform is connected. */
  readonly status: string
  /** Opens outbound connections (Socket Mode); HTTP-only adapters have nothing to do. */
  start(): Promise<void>
  stop(): Promise<void>
}
