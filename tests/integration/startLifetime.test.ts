/**
 * `npm start` on a machine without the Electron binary (`node scripts/start.mjs
 * --station`, the same path): however it is stopped or dies, nothing of its
 * process tree stays behind — not the station host, not its emulators' socat —
 * and the port is free again. Stopping by signal is a clean exit; a host that
 * dies under it makes it exit with an error, never hang.
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ChildProcess } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { descendants, exitOf, killMarked, portIsFree, spawnMarked, waitForLine, waitUntilTreeGone, type TreeMember } from '../fixtures/processTree'

const ROOT = join(__dirname, '..', '..')
// Generous: on a cold checkout start.mjs first builds the renderer.
const START_TIMEOUT_MS = 150_000
const cleanups: Array<() => void> = []

interface Launched {
  launcher: ChildProcess
  marker: string
  port: number
  tree: TreeMember[]
  host: TreeMember
  output: () => string
}

async function launch(): Promise<Launched> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ow-start-'))
  const marker = randomUUID()
  cleanups.push(() => {
    killMarked(marker)
    rmSync(dataDir, { recursive: true, force: true })
  })
  const launcher = spawnMarked(process.execPath, [join('scripts', 'start.mjs'), '--station', '--data', dataDir, '--port', '0'], marker, ROOT)
  let output = ''
  launcher.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
  launcher.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
  const open = await waitForLine(launcher, /open: http:\/\/127\.0\.0\.1:(\d+)\//, START_TIMEOUT_MS)
  const tree = descendants(launcher.pid!)
  const host = tree.find((p) => p.command.includes('main/cli.ts station'))
  expect(host, `the station host among:\n${tree.map((p) => p.command).join('\n')}`).toBeDefined()
  expect(await portIsFree(Number(open[1]))).toBe(false)
  return { launcher, marker, port: Number(open[1]), tree, host: host!, output: () => output }
}

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup()
})

describe('npm start (the station host path)', () => {
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    it(`stops its whole process tree on ${signal}, frees the port and exits 0`, { timeout: START_TIMEOUT_MS + 30_000 }, async () => {
      const run = await launch()
      run.launcher.kill(signal)
      expect(await exitOf(run.launcher)).toEqual({ code: 0, signal: null })
      expect(run.output()).toContain(`stopping (${signal})`)
      await waitUntilTreeGone(run.tree, run.marker)
      expect(await portIsFree(run.port)).toBe(true)
    })
  }

  it('takes the station host down when the launcher itself is killed outright', { timeout: START_TIMEOUT_MS + 30_000 }, async () => {
    const run = await launch()
    run.launcher.kill('SIGKILL')
    await exitOf(run.launcher)
    await waitUntilTreeGone(run.tree, run.marker)
    expect(await portIsFree(run.port)).toBe(true)
  })

  it('exits with an error, leaving nothing behind, when the station host dies under it', { timeout: START_TIMEOUT_MS + 30_000 }, async () => {
    const run = await launch()
    process.kill(run.host.pid, 'SIGKILL')
    const exit = await exitOf(run.launcher)
    expect(exit.code).toBe(1)
    expect(run.output()).toContain('意外退出（信号 SIGKILL）')
    await waitUntilTreeGone(run.tree, run.marker)
    expect(await portIsFree(run.port)).toBe(true)
  })
})
