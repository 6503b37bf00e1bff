// Adaptive Card 1.5 as Microsoft publishes it (test/fixtures/schemas/adaptive-card-1.5.schema.json),
// plus what Teams adds on top: the card's `msteams` property (full width, mention entities), the
// people picker's `choices.data` and the type-to-search menu's `style: "filtered"`. Those are
// checked against their documented shapes here and taken off before the card meets the
// official schema, which has no room for them.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Ajv } from 'ajv'
import { plainTextProblems, teamsMarkdownProblems } from './markup-balance.js'

const require = createRequire(import.meta.url)
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false })
// The schema is draft-06 and names itself with draft-04's `id`, which Ajv 8 reads as `$id`.
ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'))
const { id, ...official } = JSON.parse(readFileSync(new URL('../fixtures/schemas/adaptive-card-1.5.schema.json', import.meta.url), 'utf8'))
const validateCard = ajv.compile({ $id: id, ...official })

// https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format
// (full width, mention support within Adaptive Cards).
const validateTeams = ajv.compile({
  type: 'object',
  additionalProperties: false,
  properties: {
    width: { enum: ['Full'] },
    entities: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['type', 'text', 'mentioned'],
        properties: {
          type: { enum: ['mention'] },
          text: { type: 'string', pattern: '^<at>[^<>]+</at>$' },
          mentioned: { type: 'object', additionalProperties: false, required: ['id', 'name'], properties: { id: { type: 'string', minLength: 1 }, name: { type: 'string', minLength: 1 } } },
        },
      },
    },
  },
})
// https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/people-picker
const validatePeoplePicker = ajv.compile({ type: 'object', additionalProperties: false, required: ['type', 'dataset'], properties: { type: { enum: ['Data.Query'] }, dataset: { type: 'string' } } })

/** Teams renders cards up to about 28 KB. */
export const CARD_BYTES = 28_000

type Node = Record<string, any>

export function adaptiveCardProblems(card: Node, typedMarkup: boolean): string[] {
  const problems: string[] = []
  const bytes = Buffer.byteLength(JSON.stringify(card))
  if (bytes > CARD_BYTES) problems.push(`${bytes} bytes (Teams renders up to ${CARD_BYTES})`)
  const { msteams, ...rest } = card
  if (msteams !== undefined && !validateTeams(msteams)) problems.push(`msteams: ${ajv.errorsText(validateTeams.errors)}`)
  const plain = structuredClone(rest)
  walk(plain, (node) => {
    if (node.type === 'Input.ChoiceSet' && 'choices.data' in node) {
      if (!validatePeoplePicker(node['choices.data'])) problems.push(`choices.data: ${ajv.errorsText(validatePeoplePicker.errors)}`)
      delete node['choices.data']
    }
    // https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/dynamic-search (static typeahead)
    if (node.type === 'Input.ChoiceSet' && node.style === 'filtered') {
      if (node.isMultiSelect) problems.push('style "filtered" is for a single choice here')
      delete node.style
    }
  })
  if (!validateCard(plain)) problems.push(...schemaErrors(validateCard.errors ?? []))
  problems.push(...textProblems(card, typedMarkup))
  return problems
}

/** Every shown text reads well, and every <at> tag has its mention entity and the other way round. */
function textProblems(card: Node, typedMarkup: boolean): string[] {
  const problems: string[] = []
  const texts: string[] = []
  walk(card, (node) => {
    if (node.type === 'TextBlock' && typeof node.text === 'string') texts.push(node.text)
    if (node.type === 'FactSet') for (const fact of node.facts) texts.push(fact.title, fact.value)
    if (typeof node.type === 'string' && node.type.startsWith('Action.')) problems.push(...plainTextProblems(node.title, typedMarkup))
    if (typeof node.type === 'string' && node.type.startsWith('Input.') && node.label) problems.push(...plainTextProblems(node.label, typedMarkup))
  })
  for (const text of texts) problems.push(...teamsMarkdownProblems(text))
  const entities: Node[] = card.msteams?.entities ?? []
  const tags = new Set(texts.flatMap((t) => [...t.matchAll(/<at>[^<]*<\/at>/g)].map((m) => m[0])))
  for (const tag of tags) if (!entities.some((e) => e.text === tag)) problems.push(`${tag} has no mention entity`)
  for (const entity of entities) if (!tags.has(entity.text)) problems.push(`the mention entity ${entity.text} is not in the card's text`)
  if (/<at>/.test(card.fallbackText ?? '')) problems.push('a mention tag in the fallback text')
  return problems
}

/** The schema's anyOf branches make noise; the deepest errors say what is wrong. */
function schemaErrors(errors: { instancePath: string; message?: string; params: Record<string, unknown> }[]): string[] {
  const deepest = Math.max(...errors.map((e) => e.instancePath.split('/').length))
  return [...new Set(errors.filter((e) => e.instancePath.split('/').length === deepest).map((e) => `schema: ${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`))].slice(0, 5)
}

function walk(node: unknown, visit: (node: Node) => void): void {
  if (!node || typeof node !== 'object') return
  if (Array.isArray(node)) return node.forEach((n) => walk(n, visit))
  visit(node as Node)
  for (const value of Object.values(node)) walk(value, visit)
}
