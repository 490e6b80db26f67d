/**
 * Helper processes that must never outlive this one: socat (the emulated
 * serial ports) and headless Chromium (PDFs). Two guards, because each alone
 * has a gap:
 * - on Linux the child runs under `setpriv --pdeathsig` (util-linux, always on
 *   Debian), so the kernel signals it when this process dies in any way —
 *   SIGKILL and the OOM killer included, where no JavaScript runs at all;
 * - a process 'exit' hook kills whatever is still running: it covers an
 *   uncaught exception ('exit' still fires) on systems without setpriv.
 * The normal path stays each owner's own close(): these only catch leftovers.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import { existsSync } from 'node:fs'
import { delimiter, isAbsolute, join } from 'node:path'

const SETPRIV = process.platform === 'linux' ? ['/usr/bin/setpriv', '/bin/setpriv'].find((path) => existsSync(path)) : undefined

export interface BoundSpawnOptions extends SpawnOptions {
  /** What the child gets when we die: SIGTERM lets socat remove its links; SIGKILL for a renderer with nothing to save. */
  deathSignal?: NodeJS.Signals
}

interface Bound {
  child: ChildProcess
  signal: NodeJS.Signals
  group: boolean
}

const live = new Set<Bound>()
let hooked = false

function killLeftovers(): void {
  for (const { child, signal, group } of live) {
    if (child.pid === undefined) continue
    try {
      // A detached child leads its own process group: take its helpers (Chromium's renderers) along.
      process.kill(group ? -child.pid : child.pid, signal)
    } catch {
      // already gone
    }
  }
}

function onPath(command: string): string | undefined {
  if (isAbsolute(command)) return existsSync(command) ? command : undefined
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue
    const candidate = join(dir, command)
    if (existsSync(candidate)) return candidate
  }
  return undefined
}

/** Whether children started here get a kernel parent-death signal (Linux with setpriv). */
export const hasParentDeathSignal = SETPRIV !== undefined

/**
 * spawn(), with the child bound to this process's life. A command missing from
 * PATH is spawned as is, so the caller still gets Node's own ENOENT error
 * (under setpriv it would only be exit code 127).
 */
export function spawnBound(command: string, args: string[], options: BoundSpawnOptions = {}): ChildProcess {
  const { deathSignal = 'SIGTERM', ...spawnOptions } = options
  const resolved = onPath(command)
  const child =
    SETPRIV && resolved
      ? spawn(SETPRIV, ['--pdeathsig', deathSignal, resolved, ...args], spawnOptions)
      : spawn(command, args, spawnOptions)
  if (!hooked) {
    hooked = true
    process.on('exit', killLeftovers)
  }
  const bound: Bound = { child, signal: deathSignal, group: spawnOptions.detached === true }
  live.add(bound)
  child.once('exit', () => live.delete(bound))
  child.once('error', () => live.delete(bound))
  return child
}
