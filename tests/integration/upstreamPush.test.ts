/**
 * Case events to the government service platform, the real driver against
 * the real emulator over HTTP: each step the platform records is stored
 * there once, in the case's order, under every fault the emulator can make
 * (each its own case: 5xx before and after storing, a reset before and
 * after, a timeout after storing, a 429 with Retry-After); a request signed
 * with a key the platform does not hold is refused and stores nothing; the
 * ID number reaches the platform and no outbox row.
 */
import { generateKeyPairSync } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import type { UpstreamFault } from '../../main/emulators/upstreamSimFaults'
import { EVENTS_PATH } from '../../main/domain/upstream/upstreamMessages'
import { UPSTREAM_LANE, upstreamEventKey, upstreamRatingKey } from '../../main/upstream/upstreamLane'
import { APPLICANT } from '../fixtures/outputWorld'
import { openUpstreamWorld, type UpstreamWorld } from '../fixtures/upstreamWorld'

let world: UpstreamWorld | null = null
afterEach(async () => {
  await world?.dispose()
  world = null
})

const STEPS_TO_READY = ['accept', 'conclude', 'produce']

/** The case's events at the platform, and the calls that carried them. */
async function atPlatform(w: UpstreamWorld, caseNo: string) {
  const events = await w.up.events(caseNo)
  const calls = (await w.up.calls()).filter((c) => c.path === EVENTS_PATH && c.caseNo === caseNo)
  return { events, calls }
}

/** Every key stored once, and the steps in the case's order. */
function expectOnceInOrder(events: Awaited<ReturnType<UpstreamWorld['up']['events']>>, calls: Array<{ key?: string; stored: boolean }>, steps: string[]): void {
  expect(events.map((e) => e.step)).toEqual(steps)
  const seqs = events.map((e) => e.seq)
  expect([...seqs].sort((a, b) => a - b)).toEqual(seqs)
  for (const e of events) expect(calls.filter((c) => c.key === e.key && c.stored)).toHaveLength(1)
  expect(new Set(events.map((e) => e.key)).size).toBe(events.length)
}

describe('case events to the platform', () => {
  it('sends each step the platform records once, in the case order, the ID number in the request and in no outbox row', async () => {
    const w = (world = await openUpstreamWorld())
    const caseNo = await w.readyCase()
    await w.invoke('ratings.submit', { caseNo, visit: 'intake', grade: 5 })
    await w.push()

    const { events, calls } = await atPlatform(w, caseNo)
    expectOnceInOrder(events, calls, [...STEPS_TO_READY, 'rate'])
    const accept = events[0]!.body
    expect(accept).toMatchObject({ caseNo, localCaseNo: caseNo, stepName: '受理', item: { code: 'XK00201004' }, deliveryMethod: 'window' })
    expect(accept.applicant).toMatchObject({ name: APPLICANT.name, idType: 'resident', idTypeName: '居民身份证', idNumber: APPLICANT.idNumber })
    expect(events[1]!.body.result).toMatchObject({ code: 'approve', name: '准予', certificate: { type: '营业执照' } })
    expect(events[3]!.body.rating).toMatchObject({ visit: 'intake', grade: 5, gradeName: '非常满意' })
    // The key of each event names the station, the case and its timeline entry.
    expect(events[0]!.key).toBe(upstreamEventKey('001', caseNo, 1))
    expect(events[3]!.key).toBe(upstreamRatingKey('001', caseNo, 'intake'))
    for (const e of events) {
      const row = w.row(e.key)!
      expect(row).toMatchObject({ state: 'done', attempts: 1 })
      expect(row.payload).not.toContain(APPLICANT.idNumber)
    }
    const lane = w.app.services.outbox.stats().byLane[UPSTREAM_LANE]
    expect((lane?.waiting ?? 0) + (lane?.leased ?? 0) + (lane?.parked ?? 0)).toBe(0)
  })

  const faults: Array<{ name: string; fault: UpstreamFault; firstOutcome: string; uncertain: number }> = [
    { name: 'a 503 after the platform stored the event', fault: { kind: 'http', status: 503, commit: 'after' }, firstOutcome: 'stored', uncertain: 1 },
    { name: 'a 500 before the platform stored anything', fault: { kind: 'http', status: 500, commit: 'before' }, firstOutcome: 'fault', uncertain: 1 },
    { name: 'a connection reset after storing, mid-reply', fault: { kind: 'reset', commit: 'after' }, firstOutcome: 'stored', uncertain: 1 },
    { name: 'a connection reset before storing', fault: { kind: 'reset', commit: 'before' }, firstOutcome: 'reset', uncertain: 1 },
    { name: 'a reply held past the station’s timeout after storing', fault: { kind: 'delay', ms: 4000, commit: 'after' }, firstOutcome: 'stored', uncertain: 1 },
  ]
  for (const { name, fault, firstOutcome, uncertain } of faults) {
    it(`stores each event once under ${name}`, { timeout: 30_000 }, async () => {
      const w = (world = await openUpstreamWorld({ timeoutMs: 1000 }))
      await w.up.faults({ match: { path: EVENTS_PATH, step: 'accept' }, fault })
      const caseNo = await w.readyCase()
      await w.push()

      const { events, calls } = await atPlatform(w, caseNo)
      expectOnceInOrder(events, calls, STEPS_TO_READY)
      const acceptCalls = calls.filter((c) => c.step === 'accept')
      expect(acceptCalls.map((c) => c.outcome)).toEqual([firstOutcome, firstOutcome === 'stored' ? 'duplicate' : 'stored'])
      expect(w.row(events[0]!.key)).toMatchObject({ state: 'done', attempts: 2, uncertain })
    })
  }

  it('waits out a 429’s Retry-After, kept as the row’s next attempt, then stores the event once', async () => {
    const w = (world = await openUpstreamWorld())
    await w.up.faults({ match: { path: EVENTS_PATH, step: 'accept' }, fault: { kind: 'rate_limit', retryAfterSec: 30 } })
    const caseNo = await w.acceptCase()
    await w.app.services.outbox.worker.drain({ timeoutMs: 10_000, dueOnly: true })

    const key = upstreamEventKey('001', caseNo, 1)
    const waiting = w.row(key)!
    expect(waiting).toMatchObject({ state: 'waiting', attempts: 1, lastErrorClass: 'rate_limited', uncertain: 0 })
    expect(Date.parse(waiting.nextAttemptAt) - w.clock.now().getTime()).toBeGreaterThanOrEqual(30_000)
    expect((await w.up.events(caseNo)).length).toBe(0)

    await w.push()
    const { events, calls } = await atPlatform(w, caseNo)
    expectOnceInOrder(events, calls, ['accept'])
    expect(calls.map((c) => c.outcome)).toEqual(['rate_limited', 'stored'])
  })

  it('a request signed with a key the platform does not hold for the station is refused and stores nothing, until the right key is registered', async () => {
    const w = (world = await openUpstreamWorld({ register: false }))
    // The platform holds another key for station 001 (a reinstalled PC that kept the old registration).
    const other = generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' })
    await w.up.control('POST', 'register', { stationId: '001', keyId: w.app.services.upstream!.key.keyId, publicKey: Buffer.from(other.subarray(other.length - 32)).toString('base64') })
    const caseNo = await w.acceptCase()
    await w.app.services.outbox.worker.drain({ timeoutMs: 10_000, dueOnly: true })

    const key = upstreamEventKey('001', caseNo, 1)
    const refused = w.row(key)!
    expect(refused).toMatchObject({ state: 'waiting', lastErrorClass: 'upstream_auth' })
    expect(refused.lastError).toContain('BAD_SIGNATURE')
    expect(refused.lastError).toContain('upstream register')
    expect((await w.up.calls()).filter((c) => c.path === EVENTS_PATH).map((c) => c.outcome)).toEqual(['bad_signature'])
    expect(await w.up.events()).toEqual([])

    await w.register()
    await w.push()
    const { events, calls } = await atPlatform(w, caseNo)
    expectOnceInOrder(events, calls, ['accept'])
  })
})
