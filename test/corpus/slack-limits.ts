// Block Kit's limits (https://docs.slack.dev/reference/block-kit/blocks, /block-elements,
// /composition-objects and /reference/views), checked on what the renderer produced. Slack
// refuses a whole message or view that breaks any one of them.
import { mrkdwnProblems, plainTextProblems } from './markup-balance.js'

export const SLACK_LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  actionId: 255,
  buttonValue: 2000,
  url: 3000,
  options: 100,
  optionText: 75,
  optionValue: 150,
  inputLabel: 2000,
  placeholder: 150,
  viewTitle: 24,
  viewButton: 24,
  privateMetadata: 3000,
  imageUrl: 3000,
  altText: 2000,
  imageTitle: 2000,
} as const

type Node = Record<string, any>

/** `typedMarkup`: the data holds markup people typed, which plain text shows as typed. */
export function slackMessageProblems(message: { text: string; blocks: Node[] }, typedMarkup: boolean): string[] {
  const problems = [...mrkdwnProblems(message.text)]
  if (message.blocks.length > SLACK_LIMITS.messageBlocks) problems.push(`${message.blocks.length} blocks (at most ${SLACK_LIMITS.messageBlocks})`)
  for (const block of message.blocks) problems.push(...blockProblems(block, typedMarkup))
  return problems
}

export function slackViewProblems(view: Node, typedMarkup: boolean): string[] {
  const problems: string[] = []
  const short = (what: string, object: Node | undefined, max: number) => object && within(problems, what, object.text, max) && problems.push(...plainTextProblems(object.text, typedMarkup))
  short('modal title', view.title, SLACK_LIMITS.viewTitle)
  short('submit label', view.submit, SLACK_LIMITS.viewButton)
  short('close label', view.close, SLACK_LIMITS.viewButton)
  if (view.private_metadata) within(problems, 'private_metadata', view.private_metadata, SLACK_LIMITS.privateMetadata)
  within(problems, 'callback_id', view.callback_id ?? '', SLACK_LIMITS.actionId)
  if (view.blocks.length > SLACK_LIMITS.viewBlocks) problems.push(`${view.blocks.length} blocks in a view (at most ${SLACK_LIMITS.viewBlocks})`)
  for (const block of view.blocks) problems.push(...blockProblems(block, typedMarkup))
  return problems
}

function blockProblems(block: Node, typedMarkup: boolean): string[] {
  const problems: string[] = []
  const text = (what: string, object: Node, max: number) => {
    within(problems, what, object.text, max)
    problems.push(...(object.type === 'mrkdwn' ? mrkdwnProblems(object.text) : plainTextProblems(object.text, typedMarkup)))
  }
  switch (block.type) {
    case 'section':
      if (block.text) text('section text', block.text, SLACK_LIMITS.sectionText)
      if ((block.fields?.length ?? 0) > SLACK_LIMITS.fields) problems.push(`${block.fields.length} fields (at most ${SLACK_LIMITS.fields})`)
      for (const field of block.fields ?? []) text('field', field, SLACK_LIMITS.fieldText)
      break
    case 'header':
      text('header', block.text, SLACK_LIMITS.headerText)
      break
    case 'context':
      if (block.elements.length > SLACK_LIMITS.contextElements) problems.push(`${block.elements.length} context elements (at most ${SLACK_LIMITS.contextElements})`)
      for (const element of block.elements) text('context', element, SLACK_LIMITS.sectionText)
      break
    case 'actions': {
      if (block.elements.length > SLACK_LIMITS.actionsElements) problems.push(`${block.elements.length} elements in an actions block (at most ${SLACK_LIMITS.actionsElements})`)
      const ids = block.elements.map((e: Node) => e.action_id)
      if (new Set(ids).size !== ids.length) problems.push(`repeated action_id in one actions block: ${ids.join(', ')}`)
      for (const button of block.elements) {
        text('button text', button.text, SLACK_LIMITS.buttonText)
        within(problems, 'action_id', button.action_id, SLACK_LIMITS.actionId)
        if (button.value !== undefined) within(problems, 'button value', button.value, SLACK_LIMITS.buttonValue)
        if (button.url !== undefined) within(problems, 'button url', button.url, SLACK_LIMITS.url)
      }
      break
    }
    case 'input': {
      text('input label', block.label, SLACK_LIMITS.inputLabel)
      if (block.hint) text('input hint', block.hint, SLACK_LIMITS.inputLabel)
      within(problems, 'block_id', block.block_id, SLACK_LIMITS.actionId)
      const element = block.element
      within(problems, 'action_id', element.action_id, SLACK_LIMITS.actionId)
      if (element.placeholder) text('placeholder', element.placeholder, SLACK_LIMITS.placeholder)
      if (element.options) {
        if (element.options.length > SLACK_LIMITS.options) problems.push(`${element.options.length} options (at most ${SLACK_LIMITS.options})`)
        for (const option of element.options) {
          text('option text', option.text, SLACK_LIMITS.optionText)
          within(problems, 'option value', option.value, SLACK_LIMITS.optionValue)
        }
      }
      break
    }
    case 'image':
      within(problems, 'image_url', block.image_url, SLACK_LIMITS.imageUrl)
      if (!/^https:\/\//.test(block.image_url ?? '')) problems.push(`image_url is not an https address: ${block.image_url}`)
      within(problems, 'alt_text', block.alt_text, SLACK_LIMITS.altText)
      problems.push(...plainTextProblems(block.alt_text ?? '', typedMarkup))
      if (block.title) text('image title', block.title, SLACK_LIMITS.imageTitle)
      break
    case 'divider':
      break
    default:
      problems.push(`a block of unexpected type ${block.type}`)
  }
  return problems
}

function within(problems: string[], what: string, value: string, max: number): boolean {
  if (typeof value !== 'string' || value.length === 0) problems.push(`${what} is empty`)
  else if (value.length > max) problems.push(`${what} has ${value.length} characters (at most ${max})`)
  else return true
  return false
}
