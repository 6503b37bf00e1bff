// Slack's side of the wire: signed requests into the bot, and a Web API / response_url double
// that records what the bot sends and can answer 429 like Slack does.
import { createHmac } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { type HttpDouble, json, startHttpDouble } from './http-double.js'
import { FILE_DOWNLOAD_SCOPE, missingScope } from './slack-scopes.js'

export const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5'

/** Slack's v0 signature (https://docs.slack.dev/authentication/verifying-requests-from-slack). */
export function signatureHeaders(body: string, secret = SIGNING_SECRET, timestamp = Math.floor(Date.now() / 1000)) {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature }
}

export interface SlackPost {
  body: string
  contentType: string
  extraHeaders?: Record<string, string>
  secret?: string
  timestamp?: number
}

export async function postToSlackEndpoint(botUrl: string, post: SlackPost): Promise<{ status: number; body: string; json?: any }> {
  const response = await fetch(`${botUrl}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': post.contentType,
      ...signatureHeaders(post.body, post.secret, post.timestamp),
      ...post.extraHeaders,
    },
    body: post.body,
  })
  const body = await response.text()
  let parsed: unknown
  try {
    parsed = body ? JSON.parse(body) : undefined
  } catch {
    parsed = undefined
  }
  return { status: response.status, body, json: parsed }
}

/** A slash command as Slack posts it: form-encoded fields. */
export function slashCommand(fields: Record<string, string>): SlackPost {
  return { body: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded' }
}

/** An interaction (block_actions, view_submission): one form field `payload` holding JSON. */
export function interaction(payload: unknown): SlackPost {
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: 'application/x-www-form-urlencoded' }
}

/** An Events API callback: JSON. */
export function eventCallback(envelope: unknown, retryNum?: number): SlackPost {
  return {
    body: JSON.stringify(envelope),
    contentType: 'application/json',
    ...(retryNum ? { extraHeaders: { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_timeout' } } : {}),
  }
}

export interface PostedMessage {
  channel: string
  ts: string
  text?: string
  blocks?: any[]
  thread_ts?: string
  metadata?: { event_type: string; event_payload: Record<string, unknown> }
  /** The bot token the message was posted with. */
  token?: string
}

/** A file uploaded through files.getUploadURLExternal → upload_url → files.completeUploadExternal. */
export interface UploadedFile {
  id: string
  /** The filename given to files.getUploadURLExternal. */
  name: string
  title?: string
  /** The bytes POSTed to the upload_url. */
  bytes: Buffer
  /** Where files.completeUploadExternal shared it (channel_id). */
  channel?: string
  comment?: string
  /** The bot token of files.completeUploadExternal (the other two steps must carry the same). */
  token?: string
}

/** A person as users.info describes them. */
export interface SlackUserProfile {
  name: string
  real_name?: string
  display_name?: string
}

/** A workspace that can install the app through OAuth: what oauth.v2.access hands out for its code. */
export interface SlackWorkspaceInstall {
  teamId: string
  teamName: string
  token: string
  botUserId: string
  installerId: string
}

export interface SlackApiDouble extends HttpDouble {
  /** Web API calls by method name, e.g. calls('chat.postMessage'). */
  calls(method: string): any[]
  /** Bodies posted to response_url paths. */
  responses(): any[]
  responseUrl(id?: string): string
  apiUrl: string
  /** Messages that were accepted, by channel (a DM to U123 lands in D_U123). */
  posted(channel?: string): PostedMessage[]
  /** Answer the next `count` Web API calls with 429 and this Retry-After. */
  rateLimitNext(count: number, retryAfterSeconds: number): void
  /** Answer the next `count` chat.postMessage calls with this Slack error (e.g. channel_not_found) or an HTTP 5xx. */
  failNextPosts(count: number, failure: { error: string } | { status: number }): void
  /** Enforce Slack's one message a second per channel (real time), answering 429 past it. */
  limitPerChannel(ms: number | undefined): void
  /** Delay every chat.postMessage by this many ms (real time). */
  delayPosts(ms: number): void
  /** The WebSocket URL apps.connections.open hands out (Socket Mode). */
  setSocketUrl(url: string): void
  /** Members conversations.members returns for a channel. */
  setMembers(channel: string, userIds: string[]): void
  /**
   * Serves a file at files-pri/… as Slack does: to the bot token only; anyone else gets the
   * sign-in page with a 200. Returns its url_private_download.
   */
  serveFile(name: string, content: string | Buffer, token?: string): string
  /** Lets oauth.v2.access exchange `code` for this workspace's token (as Slack does after consent). */
  acceptInstall(code: string, install: SlackWorkspaceInstall): void
  /** From now on Slack answers this token with token_revoked. */
  revokeToken(token: string): void
  /** Files whose upload was completed, in order. */
  uploads(): UploadedFile[]
  /** Who users.info describes for a user id; unknown ids get user_not_found. */
  setUser(userId: string, profile: SlackUserProfile): void
  /** The token a recorded Web API call carried. */
  tokenOf(request: { headers: Record<string, unknown>; body?: any }): string | undefined
  /** The bot scopes the workspace granted; calls needing any other get missing_scope. */
  grantScopes(scopes: readonly string[]): void
}

export interface SlackApiDoubleOptions {
  /** The bot scopes granted; manifest.json's by default, so the manifest and the code cannot drift apart. */
  scopes?: readonly string[]
}

/** The bot scopes manifest.json asks for, which Slack grants on install. */
export function manifestScopes(): string[] {
  const manifest = JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8')) as { oauth_config: { scopes: { bot: string[] } } }
  return manifest.oauth_config.scopes.bot
}

/** The bot token startTestBot configures; Slack's file host checks it. */
export const TEST_BOT_TOKEN = 'xoxb-test-token'

export const dmChannelOf = (userId: string) => `D_${userId}`

export async function startSlackApiDouble(options: SlackApiDoubleOptions = {}): Promise<SlackApiDouble> {
  let granted: readonly string[] = options.scopes ?? manifestScopes()
  let limited = 0
  let retryAfter = 1
  let socketUrl: string | undefined
  let failures: { count: number; failure: { error: string } | { status: number } } = { count: 0, failure: { status: 500 } }
  let perChannelMs: number | undefined
  let postDelay = 0
  const lastPost = new Map<string, number>()
  const members = new Map<string, string[]>()
  const files = new Map<string, { content: Buffer; token: string }>()
  const posted: PostedMessage[] = []
  // Uploads by file id: announced (getUploadURLExternal), sent (the POST), then completed.
  const pendingUploads = new Map<string, { name: string; length: number; token?: string; bytes?: Buffer; uploadToken?: string }>()
  const uploads: UploadedFile[] = []
  const users = new Map<string, SlackUserProfile>()
  // Slack stamps messages with real time (seconds.micro); kept unique and increasing.
  let lastTs = 0
  const nextTs = () => {
    lastTs = Math.max(lastTs + 1, Date.now() * 1000)
    return `${Math.floor(lastTs / 1_000_000)}.${String(lastTs % 1_000_000).padStart(6, '0')}`
  }
  const channelOf = (channel: string) => (/^[UW]/.test(channel) ? dmChannelOf(channel) : channel)
  const installs = new Map<string, SlackWorkspaceInstall>()
  const byToken = new Map<string, SlackWorkspaceInstall>()
  const revoked = new Set<string>()
  const tokenOf = (request: { headers: Record<string, unknown>; body?: any }) => {
    const header = String(request.headers.authorization ?? '')
    return header.startsWith('Bearer ') ? header.slice(7) : request.body?.token
  }

  const double = await startHttpDouble((request, res) => {
    if (request.path.startsWith('/response/')) return json(res, 200, { ok: true })
    // The upload_url files.getUploadURLExternal hands out: multipart (field `file` or, from the
    // Node SDK, `body`) or raw bytes. Slack answers 200 "OK - <length>".
    if (request.path.startsWith('/upload/v1/')) {
      const upload = pendingUploads.get(request.path.slice('/upload/v1/'.length))
      if (!upload) return json(res, 404, { ok: false, error: 'invalid_upload' })
      void uploadedBytes(request.raw, String(request.headers['content-type'] ?? '')).then(
        (bytes) => {
          upload.bytes = bytes
          const auth = String(request.headers.authorization ?? '')
          if (auth.startsWith('Bearer ')) upload.uploadToken = auth.slice(7)
          res.writeHead(200, { 'content-type': 'text/plain' })
          res.end(`OK - ${bytes.length}`)
        },
        () => json(res, 400, { ok: false, error: 'bad_upload' }),
      )
      return
    }
    if (request.path.startsWith('/files-pri/')) {
      const file = files.get(request.path)
      if (!file || request.headers.authorization !== `Bearer ${file.token}` || !granted.includes(FILE_DOWNLOAD_SCOPE)) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        return res.end('<!DOCTYPE html><html><body>Sign in to Slack</body></html>')
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(file.content.length) })
      return res.end(file.content)
    }
    const method = request.path.replace(/^\/api\//, '')
    if (limited > 0) {
      limited -= 1
      return json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) })
    }
    const body = request.body ?? {}
    const token = tokenOf(request)
    if (token && revoked.has(token)) return json(res, 200, { ok: false, error: 'token_revoked' })
    // Slack checks the token's scopes before anything else about the call.
    const missing = missingScope(method, body, granted)
    if (missing === 'unknown') return json(res, 200, { ok: false, error: 'unknown_method' })
    if (missing) return json(res, 200, { ok: false, error: 'missing_scope', needed: missing, provided: granted.join(',') })
    switch (method) {
      case 'auth.test': {
        const install = token ? byToken.get(token) : undefined
        return install
          ? json(res, 200, { ok: true, user_id: install.botUserId, bot_id: `B_${install.teamId}`, team_id: install.teamId, team: install.teamName, url: `https://${install.teamId.toLowerCase()}.slack.com/` })
          : json(res, 200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0001' })
      }
      case 'oauth.v2.access': {
        const install = installs.get(String(body.code ?? ''))
        if (!install || !body.client_id || !body.client_secret) return json(res, 200, { ok: false, error: 'invalid_code' })
        installs.delete(String(body.code))
        return json(res, 200, {
          ok: true,
          access_token: install.token,
          token_type: 'bot',
          scope: granted.join(','),
          bot_user_id: install.botUserId,
          app_id: 'A0MATHS',
          team: { id: install.teamId, name: install.teamName },
          enterprise: null,
          is_enterprise_install: false,
          authed_user: { id: install.installerId },
        })
      }
      case 'apps.connections.open':
        return socketUrl ? json(res, 200, { ok: true, url: socketUrl }) : json(res, 200, { ok: false, error: 'not_allowed_token_type' })
      case 'views.open':
        return json(res, 200, { ok: true, view: { id: 'V0001' } })
      case 'chat.getPermalink':
        return json(res, 200, { ok: true, channel: body.channel, permalink: `https://example.slack.com/archives/${body.channel}/p${String(body.message_ts).replace('.', '')}` })
      case 'conversations.members':
        return json(res, 200, { ok: true, members: members.get(body.channel) ?? [], response_metadata: { next_cursor: '' } })
      case 'conversations.open':
        return json(res, 200, { ok: true, channel: { id: channelOf(String(body.users ?? '')) } })
      case 'files.getUploadURLExternal': {
        // https://docs.slack.dev/reference/methods/files.getUploadURLExternal
        const length = Number(body.length)
        if (!body.filename || !Number.isInteger(length) || length <= 0) return json(res, 200, { ok: false, error: 'invalid_arguments' })
        const fileId = `F_UP${pendingUploads.size + 1}`
        pendingUploads.set(fileId, { name: String(body.filename), length, ...(token ? { token } : {}) })
        return json(res, 200, { ok: true, upload_url: `${double.url}/upload/v1/${fileId}`, file_id: fileId })
      }
      case 'files.completeUploadExternal': {
        // https://docs.slack.dev/reference/methods/files.completeUploadExternal
        const list = (typeof body.files === 'string' ? JSON.parse(body.files) : body.files) as { id: string; title?: string }[] | undefined
        if (!Array.isArray(list) || list.length === 0) return json(res, 200, { ok: false, error: 'invalid_arguments' })
        const done: UploadedFile[] = []
        for (const { id, title } of list) {
          const upload = pendingUploads.get(id)
          // Slack refuses to complete a file whose bytes never arrived, or arrived short.
          if (!upload?.bytes || upload.bytes.length !== upload.length) return json(res, 200, { ok: false, error: 'file_not_found' })
          done.push({
            id,
            name: upload.name,
            ...(title ? { title } : {}),
            bytes: upload.bytes,
            ...(body.channel_id ? { channel: String(body.channel_id) } : {}),
            ...(body.initial_comment ? { comment: String(body.initial_comment) } : {}),
            ...(token ? { token } : {}),
          })
        }
        for (const file of done) pendingUploads.delete(file.id)
        uploads.push(...done)
        return json(res, 200, { ok: true, files: done.map((f) => ({ id: f.id, name: f.name, title: f.title ?? f.name, size: f.bytes.length })) })
      }
      case 'users.info': {
        // https://docs.slack.dev/reference/methods/users.info
        const user = users.get(String(body.user ?? ''))
        if (!user) return json(res, 200, { ok: false, error: 'user_not_found' })
        return json(res, 200, {
          ok: true,
          user: {
            id: body.user,
            name: user.name,
            real_name: user.real_name ?? user.name,
            profile: { real_name: user.real_name ?? user.name, display_name: user.display_name ?? '' },
          },
        })
      }
      case 'conversations.history': {
        const oldest = Number(body.oldest ?? 0)
        const messages = posted.filter((m) => m.channel === body.channel && Number(m.ts) >= oldest).reverse()
        return json(res, 200, { ok: true, messages: messages.map((m) => ({ type: 'message', ts: m.ts, text: m.text, metadata: m.metadata })) })
      }
      case 'chat.postMessage':
      case 'chat.postEphemeral': {
        const channel = channelOf(String(body.channel ?? ''))
        const respond = () => {
          if (method === 'chat.postMessage' && failures.count > 0) {
            failures.count -= 1
            const f = failures.failure
            return 'status' in f ? json(res, f.status, { ok: false, error: 'internal_error' }) : json(res, 200, { ok: false, error: f.error })
          }
          if (method === 'chat.postMessage' && perChannelMs !== undefined) {
            const now = Date.now()
            const last = lastPost.get(channel)
            if (last !== undefined && now - last < perChannelMs) {
              return json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(Math.ceil((perChannelMs - (now - last)) / 1000)) })
            }
            lastPost.set(channel, now)
          }
          const message: PostedMessage = { channel, ts: nextTs(), text: body.text, blocks: body.blocks, thread_ts: body.thread_ts, metadata: body.metadata, ...(token ? { token } : {}) }
          if (method === 'chat.postMessage') posted.push(message)
          return json(res, 200, { ok: true, channel, ts: message.ts, message_ts: message.ts })
        }
        if (postDelay > 0 && method === 'chat.postMessage') setTimeout(respond, postDelay)
        else respond()
        return
      }
      default: {
        const ts = nextTs()
        return json(res, 200, { ok: true, channel: body.channel, ts, message_ts: ts })
      }
    }
  })
  return {
    ...double,
    apiUrl: `${double.url}/api/`,
    calls: (method) => double.requests.filter((r) => r.path === `/api/${method}`).map((r) => r.body),
    responses: () => double.requests.filter((r) => r.path.startsWith('/response/')).map((r) => r.body),
    responseUrl: (id = 'T0001/1234/abcd') => `${double.url}/response/${id}`,
    posted: (channel) => (channel ? posted.filter((m) => m.channel === channel) : [...posted]),
    rateLimitNext: (count, seconds) => {
      limited = count
      retryAfter = seconds
    },
    failNextPosts: (count, failure) => {
      failures = { count, failure }
    },
    limitPerChannel: (ms) => {
      perChannelMs = ms
    },
    delayPosts: (ms) => {
      postDelay = ms
    },
    setSocketUrl: (url) => {
      socketUrl = url
    },
    setMembers: (channel, userIds) => {
      members.set(channel, userIds)
    },
    acceptInstall: (code, install) => {
      installs.set(code, install)
      byToken.set(install.token, install)
    },
    revokeToken: (token) => {
      revoked.add(token)
    },
    tokenOf,
    uploads: () => [...uploads],
    setUser: (userId, profile) => {
      users.set(userId, profile)
    },
    grantScopes: (scopes) => {
      granted = scopes
    },
    serveFile: (name, content, token = TEST_BOT_TOKEN) => {
      const path = `/files-pri/T0001-F${files.size + 1}/download/${encodeURIComponent(name)}`
      files.set(path, { content: Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), token })
      return `${double.url}${path}`
    },
  }
}

/** The file's bytes from an upload POST: the one file part of a multipart body, or the raw body. */
async function uploadedBytes(raw: Buffer, contentType: string): Promise<Buffer> {
  if (!contentType.includes('multipart/form-data')) return raw
  const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData()
  let file: Blob | undefined
  form.forEach((value) => {
    if (typeof value !== 'string') file ??= value
  })
  if (file) return Buffer.from(await file.arrayBuffer())
  throw new Error('no file part in the upload')
}
