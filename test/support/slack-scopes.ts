// Which bot scope each Web API method needs, as Slack's method reference says
// (https://docs.slack.dev/reference/methods/<method>, "Scopes: Bot token"), so the Web API
// double refuses what a real workspace would refuse with the manifest's scopes.

/** Methods whose scope depends on the conversation: public channel, private channel, DM, group DM. */
const BY_CONVERSATION: Record<string, 'history' | 'read'> = {
  'conversations.history': 'history',
  'conversations.replies': 'history',
  'conversations.members': 'read',
  'conversations.info': 'read',
}

/** Methods with a fixed bot scope; an empty list: the bot token alone is enough. */
const FIXED: Record<string, string[]> = {
  'auth.test': [],
  'oauth.v2.access': [],
  // Called with the app-level token (connections:write), which is no bot scope.
  'apps.connections.open': [],
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.delete': ['chat:write'],
  'chat.getPermalink': [],
  // A bot token can open DMs only: mpim:write is a user-token scope.
  'conversations.open': ['im:write'],
  'views.open': [],
  'views.publish': [],
  'views.update': [],
  'views.push': [],
  'files.info': ['files:read'],
  'files.getUploadURLExternal': ['files:write'],
  'files.completeUploadExternal': ['files:write'],
  'users.info': ['users:read'],
}

/** The scope family of a conversation id: C… public channel, G… private channel, D… DM. */
function conversationFamily(channel: string): 'channels' | 'groups' | 'im' | 'mpim' {
  if (channel.startsWith('D')) return 'im'
  if (channel.startsWith('G')) return 'groups'
  if (channel.startsWith('mpdm-')) return 'mpim'
  return 'channels'
}

/**
 * The scope a call to `method` needs and the granted ones lack, if any; 'unknown' for a method
 * this table does not know yet (add it, from Slack's reference, before the bot calls it).
 */
export function missingScope(method: string, body: Record<string, unknown>, granted: readonly string[]): string | undefined | 'unknown' {
  const family = BY_CONVERSATION[method]
  if (family) {
    const needed = `${conversationFamily(String(body.channel ?? ''))}:${family}`
    return granted.includes(needed) ? undefined : needed
  }
  const needs = FIXED[method]
  if (!needs) return 'unknown'
  return needs.find((scope) => !granted.includes(scope))
}

/** Slack's file host serves url_private links to a bot with files:read. */
export const FILE_DOWNLOAD_SCOPE = 'files:read'
