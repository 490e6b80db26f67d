/**
 * The platform from the command line, against the emulator over HTTP:
 * `upstream key` and `upstream register` give the platform the station's
 * key (a second register is a no-op), `upstream sync` pulls the online cases
 * and applies them as the station would, and `upstream notices` shows the
 * one it could not apply with the reason, and re-queues it with --retry.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { knownCases } from '../../main/store/stationCases'
import { databaseFile, openDatabaseReadOnly } from '../../main/store/database'
import { runCliHere, type CliRun } from '../fixtures/cliRun'
import { ONLINE_CERTIFICATE, onlineCaseData, startUpstreamSim, type UpstreamSimHarness } from '../fixtures/upstreamWorld'

let up: UpstreamSimHarness | null = null
let dataDir: string | null = null
afterEach(async () => {
  await up?.stop()
  up = null
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  dataDir = null
})

const cli = (...args: string[]): Promise<CliRun> => runCliHere(args)

describe('upstream from the command line', () => {
  it('registers the key once, pulls and applies online cases with sync, and shows and retries the parked notice', async () => {
    up = await startUpstreamSim()
    dataDir = mkdtempSync(join(tmpdir(), 'onewindow-upstream-cli-'))
    writeFileSync(join(dataDir, 'station.json'), JSON.stringify({ upstream: { url: up.sim.url, timeoutMs: 5000 } }), { mode: 0o600 })

    const key = await cli('upstream', 'key', '--data', dataDir)
    expect(key.code).toBe(0)
    const printed = JSON.parse(key.out[0]!) as { stationId: string; keyId: string; publicKey: string }
    const first = await cli('upstream', 'register', '--data', dataDir)
    expect(JSON.parse(first.out[0]!)).toEqual({ ...printed, registered: true, alreadyRegistered: false })
    expect(JSON.parse((await cli('upstream', 'register', '--data', dataDir)).out[0]!)).toMatchObject({ alreadyRegistered: true })
    expect(await up.control('GET', 'stations')).toMatchObject([{ stationId: '001', keyId: printed.keyId, rawPublicKey: printed.publicKey }])

    const station = '001'
    const known = await up.control<{ caseNo: string }>('POST', 'online-cases', { station, case: onlineCaseData(), decision: { code: 'approve', certificate: ONLINE_CERTIFICATE }, ready: true })
    const unknown = await up.control<{ caseNo: string }>('POST', 'online-cases', { station, case: onlineCaseData({ item: { code: 'XK99999001', name: '未开通事项' } }), decision: { code: 'approve' }, ready: false })

    const sync = await cli('upstream', 'sync', '--data', dataDir)
    expect(sync.code, sync.err.join('\n')).toBe(0)
    expect(JSON.parse(sync.out[0]!)).toEqual({ pushed: 0, pulled: 2, waiting: 0, parked: 0 })
    const reader = openDatabaseReadOnly(databaseFile(dataDir))
    try {
      expect(knownCases(reader).map((c) => c.state)).toEqual(['ready'])
    } finally {
      reader.close()
    }

    const notices = await cli('upstream', 'notices', '--data', dataDir)
    const status = JSON.parse(notices.out[0]!) as { applied: number; parked: number; parkedNotices: Array<{ platformCaseNo: string; reason: string }> }
    expect(status).toMatchObject({ applied: 2, parked: 1, waiting: 0, requeued: 0 })
    expect(status.parkedNotices).toMatchObject([{ platformCaseNo: unknown.caseNo }])
    expect(status.parkedNotices[0]!.reason).toContain('不在本站事项目录中')
    expect(known.caseNo).not.toBe(unknown.caseNo)

    expect(JSON.parse((await cli('upstream', 'notices', '--data', dataDir, '--retry')).out[0]!)).toMatchObject({ requeued: 1 })
    // Still not in the catalog: parked again, with the same reason, at the next pull.
    expect(JSON.parse((await cli('upstream', 'sync', '--data', dataDir)).out[0]!)).toMatchObject({ pulled: 0 })
    expect(JSON.parse((await cli('upstream', 'notices', '--data', dataDir)).out[0]!)).toMatchObject({ parked: 1, waiting: 0 })
  })

  it('says in one line, exit 1, when the platform cannot be reached, and keeps the station as it was', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'onewindow-upstream-cli-'))
    writeFileSync(join(dataDir, 'station.json'), JSON.stringify({ upstream: { url: 'http://127.0.0.1:9', timeoutMs: 2000 } }), { mode: 0o600 })
    const sync = await cli('upstream', 'sync', '--data', dataDir)
    expect(sync.code).toBe(1)
    expect(sync.err).toHaveLength(1)
    expect(sync.err[0]).toMatch(/读取政务服务平台通知失败（连不上政务服务平台（ECONNREFUSED/)
    expect(sync.out).toEqual([])
  })
})
