import { say, type Bilingual } from './cliLanguage'

/**
 * One CLI command. `npm run cli -- <name words…> [args]`; the longest matching
 * name wins, so `idcard decode` and `idcard read` can live side by side.
 */
export interface CliCommand {
  /** Words of the command, e.g. `['idcard', 'decode']`. */
  name: string[]
  /** The name words and options; placeholders in the reader's language. */
  usage: Bilingual
  summary: Bilingual
  /** Returns the exit code. Print results on stdout, one-line reasons on stderr. */
  run(args: string[]): Promise<number> | number
}

/** A failure the CLI prints as one line (no stack trace) with its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message)
  }
}

/** The one-line usage failure (exit 2), in this run's language. */
export function usageError(usage: Bilingual): CliError {
  return new CliError(`${say({ zh: '用法：', en: 'Usage: ' })}npm run cli -- ${say(usage)}`, 2)
}

/**
 * `--name value`, `--name=value` and `--flag` options; everything else is positional.
 * Name the boolean flags so `--json ID` does not swallow the ID as the flag's value.
 */
export function parseArgs(
  args: string[],
  spec: { flags?: string[] } = {},
): { positional: string[]; options: Map<string, string | true> } {
  const flags = new Set(spec.flags ?? [])
  const positional: string[] = []
  const options = new Map<string, string | true>()
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=')
      if (eq > 0) {
        options.set(arg.slice(2, eq), arg.slice(eq + 1))
        continue
      }
      const next = args[i + 1]
      if (!flags.has(arg.slice(2)) && next !== undefined && !next.startsWith('--')) {
        options.set(arg.slice(2), next)
        i++
      } else {
        options.set(arg.slice(2), true)
      }
    } else {
      positional.push(arg)
    }
  }
  return { positional, options }
}

export function stringOption(options: Map<string, string | true>, name: string): string | undefined {
  const value = options.get(name)
  if (value === true) throw new CliError(say({ zh: `--${name} 需要一个值`, en: `--${name} needs a value` }))
  return value
}

export function numberOption(options: Map<string, string | true>, name: string, fallback: number): number {
  const value = stringOption(options, name)
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isFinite(n)) throw new CliError(say({ zh: `--${name} 应为数字，收到 "${value}"`, en: `--${name} must be a number, got "${value}"` }))
  return n
}
