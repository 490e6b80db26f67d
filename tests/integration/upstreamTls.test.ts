/**
 * HTTPS to the platform (docs/upstream.md "Configuration"): a platform with
 * its own CA — here a certificate made for 127.0.0.1 — is reached when
 * `upstream.tls.caFile` names that CA, and refused (the events wait, stored
 * nowhere) when it does not.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { upstreamEventKey } from '../../main/upstream/upstreamLane'
import { openUpstreamWorld, type UpstreamWorld } from '../fixtures/upstreamWorld'

let certDir = ''
let tls: { key: Buffer; cert: Buffer }
beforeAll(() => {
  certDir = mkdtempSync(join(tmpdir(), 'onewindow-upstream-tls-'))
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem')], { stdio: 'ignore' })
  tls = { key: readFileSync(join(certDir, 'key.pem')), cert: readFileSync(join(certDir, 'cert.pem')) }
})
afterAll(() => rmSync(certDir, { recursive: true, force: true }))

let world: UpstreamWorld | null = null
afterEach(async () => {
  await world?.dispose()
  world = null
})

/** Registered in-process: the control plane speaks the same HTTPS a plain fetch would refuse. */
function registerInProcess(w: UpstreamWorld): void {
  const key = w.app.services.upstream!.key
  w.up.sim.book.register('001', key.keyId, key.publicKey.toString('base64'), true)
}

describe('the platform over HTTPS', () => {
  it('pushes to a platform whose certificate the configured CA file vouches for', async () => {
    const w = (world = await openUpstreamWorld({ register: false, sim: { tls }, upstream: { tls: { caFile: join(certDir, 'cert.pem') } } }))
    expect(w.up.sim.url).toMatch(/^https:/)
    registerInProcess(w)
    const caseNo = await w.acceptCase()
    await w.push()
    expect(w.up.sim.book.eventList(caseNo).map((e) => e.step)).toEqual(['accept'])
  })

  it('refuses a platform whose certificate nothing it trusts vouches for: the event waits, sent nowhere', async () => {
    const w = (world = await openUpstreamWorld({ register: false, sim: { tls } }))
    registerInProcess(w)
    const caseNo = await w.acceptCase()
    await w.app.services.outbox.worker.drain({ timeoutMs: 10_000, dueOnly: true })
    const row = w.row(upstreamEventKey('001', caseNo, 1))!
    expect(row).toMatchObject({ state: 'waiting', lastErrorClass: 'upstream_tls' })
    expect(row.lastError).toContain('upstream.tls.caFile')
    expect(w.up.sim.book.eventList()).toEqual([])
  })
})
