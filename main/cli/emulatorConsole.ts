/**
 * The shared life of a long-running CLI command (station host, emulators):
 * stdin lines are handled one at a time in order, and the command runs until
 * SIGINT/SIGTERM or a handler asks to quit. With no stdin (a service, CI) the
 * line reader just ends and the command keeps running until a signal.
 */
import { createInterface } from 'node:readline'

/** Resolves with the signal's name when the process is told to stop. */
export function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => resolve(signal)
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
}

/**
 * Feeds each non-empty stdin line to `onLine` (serially; a failure is printed,
 * never fatal) until a signal or `quit()`. Returns why it stopped, after the
 * last line's handling finished.
 */
export async function runConsole(onLine: (line: string, quit: () => void) => Promise<void> | void): Promise<string> {
  let quit: () => void = () => undefined
  const quitRequested = new Promise<string>((resolve) => (quit = () => resolve('quit')))
  const lines = createInterface({ input: process.stdin, terminal: false })
  let queue = Promise.resolve()
  lines.on('line', (raw) => {
    const line = raw.trim()
    if (!line) return
    queue = queue
      .then(() => onLine(line, quit))
      .catch((err: unknown) => {
        console.error(`失败：${err instanceof Error ? err.message : String(err)}`)
      })
  })
  const reason = await Promise.race([untilSignal(), quitRequested])
  lines.close()
  process.stdin.destroy()
  await queue
  return reason
}
