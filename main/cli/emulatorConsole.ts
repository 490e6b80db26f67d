/**
 * The shared life of a long-running CLI command (station host, emulators):
 * stdin lines are handled one at a time in order, and the command runs until
 * SIGINT/SIGTERM/SIGHUP, its supervisor's exit, or a handler's quit(). With no
 * stdin (a service, CI) the line reader just ends and the command keeps running
 * until a signal.
 */
import { createInterface } from 'node:readline'

const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']

// Started by scripts/supervise.mjs over an IPC channel: the channel closing means the
// supervisor is gone, however it died (the kernel closes the pipe even on SIGKILL).
// Only under that supervisor (its env mark, not passed on): any other IPC parent
// (a test runner's worker pool) owns its channel. Unref'd so the channel alone
// never keeps a finished command running.
let parentGone = false
const parentGoneListeners = new Set<() => void>()
const supervised = process.env.ONEWINDOW_SUPERVISED === '1'
delete process.env.ONEWINDOW_SUPERVISED
if (supervised && process.channel) {
  process.channel.unref()
  process.once('disconnect', () => {
    parentGone = true
    for (const listener of parentGoneListeners) listener()
  })
}

/**
 * Resolves with the signal's name (or 'parent gone') when the process is told
 * to stop. Only the first is handled: a second Ctrl+C kills at once, and the
 * helpers (socat, Chromium) still go with us (main/devices/boundChild.ts).
 */
export function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    if (parentGone) return resolve('parent gone')
    const stop = (reason: string): void => {
      for (const signal of STOP_SIGNALS) process.off(signal, stop)
      parentGoneListeners.delete(onParentGone)
      resolve(reason)
    }
    const onParentGone = (): void => stop('parent gone')
    for (const signal of STOP_SIGNALS) process.on(signal, stop)
    parentGoneListeners.add(onParentGone)
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
