// Runs the children of `npm start` so that none outlives this script, on any path:
// - each child leads its own process group (detached), so its whole tree can be
//   signalled at once, and whatever it leaves behind when it dies (socat,
//   Chromium's helpers, Electron's) is swept before we exit;
// - SIGINT, SIGTERM and SIGHUP are forwarded to the child alone, which shuts its
//   own helpers down in order (a group-wide signal would kill socat under a
//   still-running host); a second signal, or no exit within the grace period,
//   kills the group;
// - npm runs us under `sh -c`, and `kill <npm>` takes only that shell down:
//   our parent changing means whoever started us is gone, so we stop too;
// - if this script crashes, its 'exit' hook signals the group, and the child
//   also sees its IPC channel close (the kernel closes it even on SIGKILL).
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { setInterval } from 'node:timers'

const GRACE_MS = 20_000
const SWEEP_MS = 3_000
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP']

let current = null // { child, label, exited }
let stopSignal = null
let escalated = false

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal)
  } catch {
    // the group is empty
  }
}

/** Live (not zombie) members of a process group; on Linux read from /proc, elsewhere kill(-pgid, 0). */
function groupAlive(pgid) {
  if (process.platform !== 'linux') {
    try {
      process.kill(-pgid, 0)
      return true
    } catch {
      return false
    }
  }
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    let stat
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
    } catch {
      continue // exited while we looked
    }
    // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so split after the last ')'.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    if (Number(pgrp) === pgid && state !== 'Z') return true
  }
  return false
}

/** After the leader exits: TERM what is left of its group, wait a little, then KILL. */
async function sweep(pgid) {
  killGroup(pgid, 'SIGTERM')
  const deadline = Date.now() + SWEEP_MS
  while (groupAlive(pgid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
  killGroup(pgid, 'SIGKILL')
}

function requestStop(signal, reason = signal) {
  if (stopSignal) {
    // A second Ctrl+C: stop waiting.
    if (SIGNALS.includes(reason) && current && !current.exited && !escalated) {
      escalated = true
      console.error(`再次收到 ${reason}：强制结束 ${current.label}`)
      killGroup(current.child.pid, 'SIGKILL')
    }
    return
  }
  stopSignal = signal
  if (!current || current.exited) process.exit(0)
  current.child.kill(signal)
  setTimeout(() => {
    if (current && !current.exited) {
      console.error(`${current.label} 在 ${GRACE_MS / 1000} 秒内没有退出：强制结束`)
      escalated = true
      killGroup(current.child.pid, 'SIGKILL')
    }
  }, GRACE_MS).unref()
}

let installed = false
function installGuards() {
  if (installed) return
  installed = true
  for (const signal of SIGNALS) process.on(signal, () => requestStop(signal))
  const parent = process.ppid
  // Polling is the only parent-death notice a Node process has; once a second is plenty for a launcher.
  setInterval(() => {
    if (process.ppid !== parent) requestStop('SIGTERM', 'parent gone')
  }, 1000).unref()
  process.on('exit', () => {
    if (current && !current.exited) killGroup(current.child.pid, 'SIGTERM')
  })
}

/** Whether a stop was asked for (then the caller starts nothing more). */
export function stopRequested() {
  return stopSignal !== null
}

/**
 * Runs one child to its end and resolves with an exit code for this script:
 * the child's own, 0 when it stopped cleanly because we asked, 1 when a
 * signal we did not send killed it.
 */
export function runSupervised(label, command, args, { ipc = false, quiet = false } = {}) {
  installGuards()
  return new Promise((resolve) => {
    const stdio = ['ignore', quiet ? 'ignore' : 'inherit', 'inherit', ...(ipc ? ['ipc'] : [])]
    // The mark tells the child its IPC channel is ours to watch (main/cli/emulatorConsole.ts, main/index.ts).
    const env = ipc ? { ...process.env, ONEWINDOW_SUPERVISED: '1' } : process.env
    const child = spawn(command, args, { stdio, detached: true, env })
    current = { child, label, exited: false }
    child.once('error', (err) => {
      current.exited = true
      console.error(`无法启动 ${label}（${command}）：${err.message}`)
      resolve(1)
    })
    child.once('exit', (code, signal) => {
      current.exited = true
      if (!stopSignal) {
        if (signal) console.error(`${label} 意外退出（信号 ${signal}）`)
        else if (code !== 0) console.error(`${label} 退出码 ${code}`)
      }
      sweep(child.pid).then(() => resolve(signal ? (stopSignal && !escalated ? 0 : 1) : (code ?? 1)))
    })
  })
}
