/**
 * The life of an `emulate …` command: start the emulator (a failure is one
 * line), print where it is — the first stdout line is the address alone, so a
 * script can do `ADDR=$(… | head -1)` — and what to type, feed it the console
 * until a signal or `quit`, stop it, and say why and what it did.
 */
import { CliError } from './command'
import { runConsole } from './emulatorConsole'

export interface EmulatorRun<E> {
  start(): Promise<E>
  /** The start of the one line a failed start prints; the error's message follows. */
  cannotStart: string
  /** stdout: the address alone first, then what a client needs. */
  stdout(emulator: E): string[]
  /** stderr: ready, and the console's commands. */
  stderr(emulator: E): string[]
  /** One console line; a throw prints its message and the console goes on. */
  onLine(emulator: E, line: string, quit: () => void): Promise<void> | void
  stop(emulator: E): Promise<void>
  /** The last stderr line, after the stop. */
  stopped(emulator: E, reason: string): string
}

export async function runEmulator<E>(run: EmulatorRun<E>): Promise<number> {
  let emulator: E
  try {
    emulator = await run.start()
  } catch (err) {
    throw new CliError(run.cannotStart + (err instanceof Error ? err.message : String(err)))
  }
  for (const line of run.stdout(emulator)) console.log(line)
  for (const line of run.stderr(emulator)) console.error(line)
  const reason = await runConsole((line, quit) => run.onLine(emulator, line, quit))
  await run.stop(emulator)
  console.error(run.stopped(emulator, reason))
  return 0
}

/** A console command: the words after its own. */
export type ConsoleWord<E> = (emulator: E, args: string[]) => Promise<void> | void

/**
 * A console of commands, one word each with its arguments after it: `quit`
 * and `exit` stop; anything else is refused in `unknown`'s words.
 */
export function consoleWords<E>(words: Record<string, ConsoleWord<E>>, unknown: (line: string, word: string) => string): EmulatorRun<E>['onLine'] {
  return (emulator, line, quit) => {
    const [word = '', ...args] = line.split(/\s+/)
    if (word === 'quit' || word === 'exit') return quit()
    const handler = Object.hasOwn(words, word) ? words[word] : undefined
    if (!handler) throw new Error(unknown(line, word))
    return handler(emulator, args)
  }
}
