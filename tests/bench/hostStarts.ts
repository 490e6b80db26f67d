/**
 * Timing how long a process takes to say it is ready, for the start-up
 * figures. Every process started here leads its own process group, and the
 * whole group (tsx's child, the station host's socat) is gone before the
 * timing returns, on every path: ready, timed out, exited early, failed to
 * spawn, or the bench itself interrupted, crashing or killed outright.
 */
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'

/** How long a process may take to print its marker. */
const READY_TIMEOUT_MS = 120_000
/** How long a group may take to stop after SIGTERM (a host closing its store, socat its ptys) before SIGKILL. */
const STOP_GRACE_MS = 30_000
const POLL_MS = 50

// Under `setpriv --pdeathsig` the kernel signals a started process even when the bench is SIGKILLed.
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((path) => existsSync(path))

const liveGroups = new Set<number>()
let hooked = false

/** The bench ending in any way takes its groups along. */
function hookExit(): void {
  if (hooked) return
  hooked = true
  const killAll = (): void => {
    for (const pgid of liveGroups) {
      try {
        process.kill(-pgid, 'SIGKILL')
      } catch {
        // already gone
      }
    }
  }
  process.on('exit', killAll)
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAll()
      process.exit(130)
    })
  }
}

/** Live (not zombie) processes of a process group, from /proc; zombies hold nothing and die with their reaper. */
function groupMembers(pgid: number): number[] {
  const members: number[] = []
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(pgrp) === pgid && state !== 'Z') members.push(Number(name))
    } catch {
      // exited while we looked
    }
  }
  return members
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim()
  } catch {
    return '?'
  }
}

async function waitUntilGone(pgid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (groupMembers(pgid).length === 0) return true
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
  return groupMembers(pgid).length === 0
}

/**
 * Ends a group: SIGTERM to its leader (which stops its own children as it
 * would at a counter), SIGKILL to the whole group after the grace period.
 * Throws, naming them, if anything still lives after that.
 */
async function endGroup(pgid: number): Promise<void> {
  try {
    process.kill(pgid, 'SIGTERM')
  } catch {
    // the leader is gone already; its children may not be
  }
  if (!(await waitUntilGone(pgid, STOP_GRACE_MS))) {
    try {
      process.kill(-pgid, 'SIGKILL')
    } catch {
      // gone between the check and the kill
    }
    if (!(await waitUntilGone(pgid, 5000))) {
      const left = groupMembers(pgid).map((pid) => `${pid} ${commandOf(pid)}`)
      throw new Error(`进程组 ${pgid} 在 SIGKILL 后仍有进程：${left.join('；')}`)
    }
  }
  liveGroups.delete(pgid)
}

/** Milliseconds from spawn until the process prints a line containing `marker` on stdout. */
export async function timeUntilReady(command: string, args: string[], marker: string, cwd: string): Promise<number> {
  hookExit()
  const started = performance.now()
  const [file, argv] = SETPRIV ? [SETPRIV, ['--pdeathsig', 'SIGTERM', command, ...args]] : [command, args]
  const child = spawn(file, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  const pgid = child.pid
  if (pgid === undefined) {
    // Spawn failed: no process, no group; the 'error' event says why.
    const err = await new Promise<Error>((resolve) => child.once('error', resolve))
    throw new Error(`无法启动 ${command}：${err.message}`)
  }
  liveGroups.add(pgid)
  let out = ''
  const outcome = await new Promise<{ ms: number } | { error: string }>((resolve) => {
    const timer = setTimeout(() => resolve({ error: `${READY_TIMEOUT_MS / 1000} s 内没有输出 "${marker}"` }), READY_TIMEOUT_MS)
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      out += chunk
      if (out.includes(marker)) {
        clearTimeout(timer)
        resolve({ ms: performance.now() - started })
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.once('error', (err) => {
      clearTimeout(timer)
      resolve({ error: err.message })
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      resolve({ error: `未就绪就退出了（${signal ?? `exit ${code}`}）` })
    })
  })
  child.stdout.removeAllListeners('data')
  child.stdout.resume()
  child.stderr.resume()
  await endGroup(pgid)
  if ('error' in outcome) throw new Error(`${command} ${args.join(' ')}：${outcome.error}：${out.slice(-400)}`)
  return outcome.ms
}
