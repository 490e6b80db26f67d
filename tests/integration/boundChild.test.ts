/**
 * Helper processes (socat for emulated serial ports, headless Chromium) never
 * outlive the process that started them, however it ends: killed outright,
 * where no code of ours runs, or crashing on an uncaught exception.
 */
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { descendants, exitOf, killMarked, spawnMarked, waitForLine, waitUntilTreeGone } from '../fixtures/processTree'

const ROOT = join(__dirname, '..', '..')
const HOST = join(ROOT, 'tests', 'fixtures', 'boundChildHost.ts')
const dirs: string[] = []
const markers: string[] = []

function startHost(args: string[]) {
  const marker = randomUUID()
  markers.push(marker)
  const child = spawnMarked(process.execPath, ['--import', 'tsx', HOST, ...args], marker, ROOT)
  return { child, marker }
}

afterEach(() => {
  for (const marker of markers.splice(0)) killMarked(marker)
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('a helper process bound to its host', () => {
  for (const ending of ['SIGKILL', 'an uncaught exception'] as const) {
    it(`goes when the host ends by ${ending}: socat stops and removes both pty links`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ow-bound-'))
      dirs.push(dir)
      const { child, marker } = startHost(['pty', dir])
      await waitForLine(child, /^ready$/m, 20_000)
      const tree = descendants(child.pid!)
      expect(tree.some((p) => p.command.includes('socat'))).toBe(true)
      expect(existsSync(join(dir, 'ttyApp'))).toBe(true)

      child.kill(ending === 'SIGKILL' ? 'SIGKILL' : 'SIGUSR2')
      const exit = await exitOf(child)
      expect(ending === 'SIGKILL' ? exit.signal : exit.code).toBe(ending === 'SIGKILL' ? 'SIGKILL' : 1)

      await waitUntilTreeGone(tree, marker)
      expect(existsSync(join(dir, 'ttyApp'))).toBe(false)
      expect(existsSync(join(dir, 'ttyDev'))).toBe(false)
    })
  }

  it('goes when the host is killed even though it runs in its own process group', async () => {
    const { child, marker } = startHost(['detached'])
    await waitForLine(child, /^ready$/m, 20_000)
    const tree = descendants(child.pid!)
    expect(tree.some((p) => p.command.includes('sleep 600'))).toBe(true)

    child.kill('SIGKILL')
    await exitOf(child)
    await waitUntilTreeGone(tree, marker)
  })
})
