// Reads the options of the hub commands (`--hub "North West Maths Hub" --quiet 21:00-07:00`).
// Written out rather than left to node's parseArgs so that every mistake gets a sentence for
// school IT staff, with the option they probably meant, instead of a Node error code.
import { closest, distance } from 'fastest-levenshtein'

export interface CommandLine {
  /** Option name (without the dashes) → its value; flags have the value "yes". */
  options: Map<string, string>
  positionals: string[]
}

export interface CommandSpec {
  /** Options that take a value, without the dashes: "hub", "notice-hours". */
  valued: readonly string[]
  /** Options that take none: "help". */
  flags?: readonly string[]
}

export type CommandReading = { ok: true; line: CommandLine } | { ok: false; problems: string[] }

export function readCommandLine(argv: readonly string[], spec: CommandSpec): CommandReading {
  const flags = spec.flags ?? []
  const known = [...spec.valued, ...flags]
  const options = new Map<string, string>()
  const positionals: string[] = []
  const problems: string[] = []
  // npm passes on the "--" that separates its own options from the command's.
  const args = argv.filter((a) => a !== '--')
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (!arg.startsWith('--') && !/^-[a-z]$/i.test(arg)) {
      positionals.push(arg)
      continue
    }
    const [rawName, inline] = splitOption(arg)
    const name = rawName === 'h' ? 'help' : rawName
    if (!known.includes(name)) {
      problems.push(unknownOptionMessage(arg, known))
      continue
    }
    if (options.has(name)) {
      problems.push(`--${name} is given twice; give it once.`)
      continue
    }
    if (flags.includes(name)) {
      options.set(name, 'yes')
      continue
    }
    const value = inline ?? (args[i + 1]?.startsWith('--') ? undefined : args[++i])
    if (value === undefined || value.trim() === '') problems.push(`--${name} needs a value after it.`)
    else options.set(name, value)
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, line: { options, positionals } }
}

function splitOption(arg: string): [string, string | undefined] {
  const body = arg.replace(/^--?/, '')
  const equals = body.indexOf('=')
  return equals === -1 ? [body, undefined] : [body.slice(0, equals), body.slice(equals + 1)]
}

function unknownOptionMessage(arg: string, known: readonly string[]): string {
  const name = splitOption(arg)[0]
  const hint = probablyMeant(name, known) ? ` Did you mean --${probablyMeant(name, known)}?` : ''
  return `${arg.split('=')[0]} is not an option I know.${hint} The options are: ${known.map((k) => `--${k}`).join(', ')}.`
}

/** A known option the name starts ("--notice") or nearly spells ("--notice-hour"). */
function probablyMeant(name: string, known: readonly string[]): string | undefined {
  const started = known.filter((k) => name.length >= 3 && k.startsWith(name))
  if (started.length === 1) return started[0]
  const guess = closest(name, [...known])
  return distance(name, guess) <= Math.max(2, Math.floor(name.length / 3)) ? guess : undefined
}
