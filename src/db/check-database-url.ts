// Before the bot opens its pool, one connection to DATABASE_URL with a time limit: a wrong
// setting then stops the start with one sentence saying what to check, instead of a driver
// error from inside the first migration (or a pool that waits for ever on a silent host).
import pg from 'pg'
import { BotError } from '../core/errors.js'

/** libpq's own name for the limit, so a URL that works with psql means the same here. */
const DEFAULT_CONNECT_TIMEOUT_SECONDS = 10

/** Connects once and disconnects; throws a BotError('storage') whose message is one sentence naming DATABASE_URL. */
export async function checkDatabaseUrl(url: string): Promise<void> {
  const where = describeTarget(url)
  const seconds = connectTimeoutSeconds(url)
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: seconds * 1000 })
  // A connection the server drops after a failed start must not become an unhandled 'error' event.
  client.on('error', () => {})
  try {
    await client.connect()
  } catch (error) {
    throw new BotError('storage', databaseUrlProblem(error, where, seconds), { cause: error })
  } finally {
    await client.end().catch(() => {})
  }
}

/** The sentence for a failed connection; exported for tests of codes no local server produces. */
export function databaseUrlProblem(error: unknown, where: Target, seconds: number): string {
  const code = errorCodeOf(error)
  const server = `the Postgres server at ${where.host}:${where.port}`
  switch (code) {
    case 'ECONNREFUSED':
      return `DATABASE_URL points at ${server}, which refused the connection: check that Postgres is running there and that the host and port in DATABASE_URL are right.`
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `DATABASE_URL names the host "${where.host}", which cannot be found: check the host name in DATABASE_URL (and the machine's DNS).`
    case '28P01':
    case '28000':
      return `DATABASE_URL was refused by ${server}: the user "${where.user}" or its password is wrong, or that user may not connect; check the user and password in DATABASE_URL.`
    case '3D000':
      return `DATABASE_URL names the database "${where.database}", which does not exist on ${server}: create it (createdb ${where.database}) or correct the name in DATABASE_URL.`
    case 'timeout':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `DATABASE_URL points at ${server}, which did not answer within ${seconds} seconds: check the host and port in DATABASE_URL and that a firewall lets this machine reach it.`
    default:
      return `DATABASE_URL could not be used to connect to ${server} (${oneLine(error)}): check the address, user, password and database name in DATABASE_URL.`
  }
}

export interface Target {
  host: string
  port: string
  user: string
  database: string
}

/** Where the URL points, without its password (the sentence goes to logs). */
export function describeTarget(url: string): Target {
  try {
    const parsed = new URL(url)
    return {
      host: decodeURIComponent(parsed.hostname) || 'localhost',
      port: parsed.port || '5432',
      user: decodeURIComponent(parsed.username) || 'postgres',
      database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || decodeURIComponent(parsed.username) || 'postgres',
    }
  } catch {
    return { host: 'localhost', port: '5432', user: 'postgres', database: 'postgres' }
  }
}

function connectTimeoutSeconds(url: string): number {
  try {
    const given = Number(new URL(url).searchParams.get('connect_timeout'))
    return Number.isFinite(given) && given > 0 ? given : DEFAULT_CONNECT_TIMEOUT_SECONDS
  } catch {
    return DEFAULT_CONNECT_TIMEOUT_SECONDS
  }
}

function errorCodeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const { code, message, errors } = error as { code?: unknown; message?: unknown; errors?: unknown }
  if (typeof code === 'string' && code !== '') return code
  // Node reports a host with several addresses (localhost: ::1 and 127.0.0.1) as an AggregateError.
  if (Array.isArray(errors)) for (const inner of errors) if (errorCodeOf(inner)) return errorCodeOf(inner)
  // pg's own wording for connectionTimeoutMillis running out.
  if (typeof message === 'string' && /timeout/i.test(message)) return 'timeout'
  return undefined
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.split('\n')[0]!.replace(/\.$/, '') || 'no reason given'
}
