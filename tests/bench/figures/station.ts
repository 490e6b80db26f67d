import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { appRoot } from '../../../main/config/paths'
import { atMost, median, type BenchFigure } from '../figure'

/** Milliseconds from spawn until the process prints a line containing `marker`. */
function timeUntil(command: string, args: string[], marker: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(command, args, { cwd: appRoot(), stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${command} did not print "${marker}" within 30 s: ${out.slice(-300)}`))
    }, 30_000)
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      out += chunk
      if (out.includes(marker)) {
        const elapsed = performance.now() - started
        clearTimeout(timer)
        child.once('exit', () => resolve(elapsed))
        child.kill('SIGTERM')
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.on('error', reject)
  })
}

const baselineScript = "require('node:http').createServer().listen(0,'127.0.0.1',()=>console.log('open: ready'))"

export const figures: BenchFigure[] = [
  {
    // Baseline: the same machine starting a bare Node HTTP server through the same tsx loader.
    name: 'station host start-to-ready ÷ bare tsx HTTP server start',
    async run() {
      const data = mkdtempSync(join(tmpdir(), 'ow-bench-station-'))
      const station: number[] = []
      const baseline: number[] = []
      try {
        for (let i = 0; i < 5; i++) {
          baseline.push(await timeUntil('npx', ['tsx', '-e', baselineScript], 'open:'))
          station.push(await timeUntil('npx', ['tsx', 'main/cli.ts', 'station', '--data', data], 'open:'))
        }
      } finally {
        rmSync(data, { recursive: true, force: true })
      }
      return atMost(median(station) / median(baseline), 4)
    },
  },
]
