/**
 * Hall mode (issue 15, docs/hall.md), against a throwaway PostgreSQL started
 * by the bench itself (tests/fixtures/pgCluster.ts: fsync off, on this
 * machine — a LAN hall adds its round trips; both sides of the ratio run on
 * the same server):
 *
 * - Ingest ratio: 10,000 intakes taken while the station's pusher was not
 *   running, then drained to the hall by the real push consumer through the
 *   outbox — events per second ÷ a bare batched INSERT (500 rows a
 *   statement) of the same 10,000 event rows into a copy of case_events, in
 *   the same PostgreSQL, same run. Target ≥ 0.3. A same-run ratio.
 * - Ingest drain time ÷ 30 s: the limit for those 10,000, a target we
 *   set, so it moves with the machine.
 * - Change-to-visible p99 ÷ 2 s: a change at station A until station B has it
 *   (its follower committed it and told its screens), over 200 changes, half
 *   intakes, half steps. 2 s is the promise for a LAN, a target we
 *   set; p50 is printed beside it (with LISTEN/NOTIFY, tens of milliseconds).
 * Each part is measured once per run, whichever of its figures asks first.
 * See tests/bench/hallIngest.ts and tests/bench/hallLatency.ts.
 */
import { median, overFixedLimit, percentile, sameRunRatio, type BenchFigure } from '../figure'
import { INTAKES, measureIngest, type IngestMeasured } from '../hallIngest'
import { CHANGES, measureLatency, type LatencyMeasured } from '../hallLatency'

let ingest: Promise<IngestMeasured> | undefined
let latency: Promise<LatencyMeasured> | undefined

const ingestOnce = (): Promise<IngestMeasured> => (ingest ??= measureIngest())
const latencyOnce = (): Promise<LatencyMeasured> => (latency ??= measureLatency())

const perSecond = (n: number, ms: number): string => `${Math.round(n / (ms / 1000))}/s`
const ms = (value: number): string => `${value.toFixed(1)} ms`

export const figures: BenchFigure[] = [
  {
    name: 'hall: ingest of 10,000 offline intakes after reconnect ÷ raw batched INSERT (same PostgreSQL)',
    async run() {
      const m = await ingestOnce()
      return {
        ...sameRunRatio(m.rawMs / m.drainMs, { atLeast: 0.3 }, `the same ${INTAKES} event rows by a bare INSERT of 500 rows a statement into a copy of case_events, same server, before and after the drain (mean)`),
        note: `drain ${perSecond(INTAKES, m.drainMs)}, raw ${perSecond(INTAKES, m.rawMs)} (runs ${m.rawRuns.map((r) => ms(r)).join(', ')})`,
      }
    },
  },
  {
    name: 'hall: drain of 10,000 offline intakes ÷ 30 s',
    async run() {
      const m = await ingestOnce()
      return {
        ...overFixedLimit(m.drainMs, { ms: 30_000, basis: 'target', what: '30 s for 10,000 offline intakes to reach the hall once it is back (issue 15)' }, { atMost: 1 }),
        note: `drain ${(m.drainMs / 1000).toFixed(2)} s, ${m.pushed} outbox rows done`,
      }
    },
  },
  {
    name: 'hall: change at A visible at B, p99 ÷ 2 s',
    async run() {
      const m = await latencyOnce()
      return {
        ...overFixedLimit(percentile(m.samples, 99), { ms: 2_000, basis: 'target', what: '2 s, a change at one station shows at the others on a LAN (issue 15)' }, { below: 1 }),
        note: `${CHANGES} changes: p50 ${ms(median(m.samples))}, p99 ${ms(percentile(m.samples, 99))}; intakes p50 ${ms(median(m.accepts))} p99 ${ms(percentile(m.accepts, 99))}; steps p50 ${ms(median(m.steps))} p99 ${ms(percentile(m.steps, 99))}`,
      }
    },
  },
]
