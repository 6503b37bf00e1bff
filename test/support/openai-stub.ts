// An OpenAI-compatible endpoint on localhost: answers /v1/chat/completions (and /v1/responses)
// the way the API does, with whatever the test scripts: a ranking, junk, an error, or delay.
import { type HttpDouble, json, startHttpDouble } from './http-double.js'

export type StubReply =
  | { content: string; delayMs?: number }
  | { status: number; error: string; delayMs?: number }

export interface OpenAiStub extends HttpDouble {
  baseURL: string
  /** What the next requests get (the last one set keeps answering). */
  reply(next: StubReply): void
  completions(): any[]
}

export async function startOpenAiStub(): Promise<OpenAiStub> {
  let current: StubReply = { content: JSON.stringify({ projects: [] }) }
  const timers = new Set<NodeJS.Timeout>()
  const double = await startHttpDouble((request, res) => {
    const answer = current
    const send = () => {
      if (res.destroyed) return
      if ('status' in answer) return json(res, answer.status, { error: { message: answer.error, type: 'server_error' } })
      if (request.path.endsWith('/responses'))
        return json(res, 200, { id: 'resp_1', object: 'response', status: 'completed', output: [{ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: answer.content }] }] })
      json(res, 200, {
        id: 'chatcmpl-stub',
        object: 'chat.completion',
        created: 1_700_000_000,
        model: request.body?.model ?? 'stub',
        choices: [{ index: 0, message: { role: 'assistant', content: answer.content, refusal: null }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
      })
    }
    if (answer.delayMs) {
      const timer = setTimeout(() => {
        timers.delete(timer)
        send()
      }, answer.delayMs)
      timers.add(timer)
    } else send()
  })
  return {
    ...double,
    baseURL: `${double.url}/v1`,
    reply: (next) => {
      current = next
    },
    completions: () => double.requests.filter((r) => r.path === '/v1/chat/completions'),
    close: async () => {
      for (const timer of timers) clearTimeout(timer)
      await double.close()
    },
  }
}

/** A ranking as the model would return it through structured output. */
export function ranking(projects: { id: string; title: string; why: string }[]): StubReply {
  return { content: JSON.stringify({ projects }) }
}
