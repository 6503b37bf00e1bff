// The one way the bot talks to an OpenAI-compatible model (catalogue ranking, reflection
// summaries): every use has a short time budget and a rules-based fallback, so none retries.
import { OpenAI } from 'openai'

export interface ModelConfig {
  apiKey?: string
  baseURL?: string
  model: string
  /** Upper bound per request; the caller's budget normally ends it sooner. */
  timeoutMs: number
}

export function createModelClient(config: ModelConfig): OpenAI {
  return new OpenAI({
    // Local OpenAI-compatible servers need no key, but the SDK insists on one.
    apiKey: config.apiKey ?? 'not-needed',
    baseURL: config.baseURL ?? 'https://api.openai.com/v1',
    timeout: config.timeoutMs,
    // A retry would blow the caller's time budget; its fallback answers instead.
    maxRetries: 0,
  })
}
