// Optional: an OpenAI-compatible model ranks the catalogue's projects for a question and says
// in a sentence why each fits. It is shown the catalogue and asked for ids through structured
// output; what it returns is checked by `checkRanking`, never trusted.
import { createModelClient, type ModelConfig } from '../../ai/openai-client.js'
import type { Catalogue } from '../../domain/projects.js'

export interface ProjectRanker {
  /** The model's raw reply (parsed JSON, or text if it was not JSON); throws on HTTP failure. */
  rank(input: { question: string; catalogue: Catalogue; suggested: string[] }, signal: AbortSignal): Promise<unknown>
}

export type OpenAiRankerConfig = ModelConfig

const INSTRUCTIONS = [
  'You help teachers and schools in England choose Maths Hubs professional development projects.',
  'Choose ONLY from the catalogue entries given, by their exact id and title. Never invent or rename a project.',
  'Recommend a project only if its catalogue entry fits the question (phase, audience, entry point, topic). If nothing fits, return an empty list.',
  'Order the projects best first; at most 6.',
  'For each, write one short sentence in plain British English saying why it fits, using only facts from its catalogue entry.',
  'Do not name, address or guess anything about any person.',
].join(' ')

const RESPONSE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['projects'],
  properties: {
    projects: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'title', 'why'],
        properties: { id: { type: 'string' }, title: { type: 'string' }, why: { type: 'string' } },
      },
    },
  },
} as const

export function createOpenAiRanker(config: OpenAiRankerConfig): ProjectRanker {
  const client = createModelClient(config)
  return {
    async rank({ question, catalogue, suggested }, signal) {
      const entries = catalogue.projects.map((p) => ({
        id: p.id,
        title: p.title,
        phases: p.phases,
        audience: p.audience,
        entry_point: p.entryPoint,
        ...(p.follows ? { follows: p.follows } : {}),
        new_this_year: p.isNew,
        ...(p.partner ? { partner: p.partner } : {}),
        summary: p.summary,
      }))
      const completion = await client.chat.completions.create(
        {
          model: config.model,
          temperature: 0,
          messages: [
            { role: 'system', content: INSTRUCTIONS },
            {
              role: 'user',
              content: JSON.stringify({
                catalogue_year: catalogue.schoolYear,
                catalogue: entries,
                rules_suggested: suggested,
                question,
              }),
            },
          ],
          response_format: { type: 'json_schema', json_schema: { name: 'project_ranking', strict: true, schema: RESPONSE_SCHEMA } },
        },
        { signal },
      )
      const content = completion.choices[0]?.message?.content ?? ''
      try {
        return JSON.parse(content) as unknown
      } catch {
        return content
      }
    },
  }
}
