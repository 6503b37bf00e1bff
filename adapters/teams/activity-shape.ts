// The shape an inbound activity must have before botbuilder or our translators touch it.
// botbuilder trusts the JSON it is given: a number for `serviceUrl` crashed it with
// "endpoint.toLowerCase is not a function", an object for `conversation.id` crashed
// `placeOf`. Checking the fields we and botbuilder read turns those into a 400.

const STRING_FIELDS = ['id', 'serviceUrl', 'channelId', 'text', 'name', 'replyToId', 'locale', 'action', 'textFormat', 'timestamp', 'localTimestamp', 'expiration'] as const
const ACCOUNT_FIELDS = ['from', 'recipient'] as const
const ARRAY_FIELDS = ['entities', 'attachments', 'membersAdded', 'membersRemoved'] as const

/** Why the body is not an activity we can handle, or undefined when it is. */
export function activityShapeProblem(body: unknown): string | undefined {
  if (!isRecord(body)) return 'not an object'
  if (typeof body.type !== 'string' || body.type === '') return 'no type'
  for (const field of STRING_FIELDS) if (present(body[field]) && typeof body[field] !== 'string') return `${field} is not a string`
  if (typeof body.serviceUrl === 'string' && !isHttpUrl(body.serviceUrl)) return 'serviceUrl is not an http(s) URL'
  for (const field of ACCOUNT_FIELDS) {
    const account = body[field]
    if (!present(account)) continue
    if (!isRecord(account)) return `${field} is not an object`
    for (const key of ['id', 'name', 'aadObjectId']) if (present(account[key]) && typeof account[key] !== 'string') return `${field}.${key} is not a string`
  }
  const conversation = body.conversation
  if (present(conversation)) {
    if (!isRecord(conversation)) return 'conversation is not an object'
    for (const key of ['id', 'conversationType', 'tenantId']) if (present(conversation[key]) && typeof conversation[key] !== 'string') return `conversation.${key} is not a string`
  }
  if (present(body.channelData) && !isRecord(body.channelData)) return 'channelData is not an object'
  for (const field of ARRAY_FIELDS) {
    const list = body[field]
    if (present(list) && (!Array.isArray(list) || !list.every(isRecord))) return `${field} is not a list of objects`
  }
  return undefined
}

/** Real activities carry some fields as null (e.g. `replyToId`); null counts as absent. */
function present(value: unknown): boolean {
  return value !== undefined && value !== null
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text)
    return url.protocol === 'https:' || url.protocol === 'http:'
  } catch {
    return false
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
