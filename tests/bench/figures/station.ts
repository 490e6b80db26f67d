/**
 * Starting the station host: from spawn until it prints its `open:` URL (the
 * HTTP server listens and every service is up), each start ended with its
 * whole process group, socat included, before the next.
 *
 * - ÷ a bare tsx HTTP server's start: what our start-up costs beyond the
 *   loader and Node itself. Target < 4.
 * - With 1,000,000 cases ÷ with none: whether start-up grows with the
 *   database. It did (≈ 6 s at a million cases) while the integrity check ran
 *   before the window; it now runs in the background after. Target ≤ 2.
 * Both are same-run ratios of medians, the two sides' starts interleaved.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { appRoot } from '../../../main/config/paths'
import { caseBenchFixture } from '../caseBenchFixture'
import { median, sameRunRatio, type BenchFigure } from '../figure'
import { timeUntilReady } from '../hostStarts'

const ROUNDS = 5
const MARKER = 'open:'

// tsx itself, not through npx: npm's own start-up would pad both sides alike and flatter the ratio.
const tsx = (): string => join(appRoot(), 'node_modules', '.bin', 'tsx')
const baselineScript = "require('node:http').createServer().listen(0,'127.0.0.1',()=>console.log('open: ready'))"

/** Any free port: a fixed one could be taken by a host someone else is running on this machine. */
const startStation = (dataDir: string): Promise<number> => timeUntilReady(tsx(), ['main/cli.ts', 'station', '--data', dataDir, '--port', '0'], MARKER, appRoot())

/** Interleaves the two sides' starts after one unmeasured start each (first-start work, cold caches). */
async function interleaved(a: () => Promise<number>, b: () => Promise<number>): Promise<{ a: number[]; b: number[] }> {
  await a()
  await b()
  const times = { a: [] as number[], b: [] as number[] }
  for (let i = 0; i < ROUNDS; i++) {
    times.a.push(await a())
    times.b.push(await b())
  }
  if (process.env.BENCH_VERBOSE) console.error(`station: ${times.a.map((ms) => ms.toFixed(0)).join(' ')} ms vs ${times.b.map((ms) => ms.toFixed(0)).join(' ')} ms`)
  return times
}

export const figures: BenchFigure[] = [
  {
    name: 'station host start-to-ready ÷ bare tsx HTTP server start',
    async run() {
      const data = mkdtempSync(join(tmpdir(), 'ow-bench-station-'))
      try {
        const times = await interleaved(
          () => startStation(data),
          () => timeUntilReady(tsx(), ['-e', baselineScript], MARKER, appRoot()),
        )
        return sameRunRatio(median(times.a) / median(times.b), { below: 4 }, 'a bare HTTP server started through the same tsx, interleaved')
      } finally {
        rmSync(data, { recursive: true, force: true })
      }
    },
  },
  {
    name: 'station host start-to-ready with 1,000,000 cases ÷ with none',
    async run() {
      const fixture = caseBenchFixture((line) => console.error(`station: ${line}`))
      const empty = mkdtempSync(join(tmpdir(), 'ow-bench-station-empty-'))
      try {
        // The empty side's unmeasured first start makes its database: both sides then open an existing one.
        const times = await interleaved(
          () => startStation(fixture.dataDir),
          () => startStation(empty),
        )
        return sameRunRatio(median(times.a) / median(times.b), { atMost: 2 }, 'the same host starting on a database with no cases, interleaved')
      } finally {
        rmSync(empty, { recursive: true, force: true })
      }
    },
  },
]
