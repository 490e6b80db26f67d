import { afterEach, describe, expect, it } from 'vitest'
import type { DeviceStatus } from '../../../main/contract/system'
import { DeviceStatusBoard } from '../../../main/services/system/deviceStatusBoard'
import { StoreIntegrityService } from '../../../main/services/system/storeIntegrity'
import { IntegrityCheckError, type BackgroundIntegrityCheck } from '../../../main/store/integrityCheck'
import { aPersonForm, openCaseWorld, type CaseWorld } from '../../fixtures/caseWorld'
import { damageDeepInside } from '../../fixtures/damagedDatabase'

interface Watched {
  world: CaseWorld
  service: StoreIntegrityService
  lights: Array<Pick<DeviceStatus, 'state' | 'reason'>>
  log: string[]
}

/** A case world with the database light and its check, every light change and log line kept. */
function watch(world: CaseWorld, runCheck?: (file: string) => BackgroundIntegrityCheck): Watched {
  const devices = new DeviceStatusBoard(world.events)
  const lights: Watched['lights'] = []
  world.events.subscribe((name, payload) => {
    const status = payload as DeviceStatus
    if (name === 'device.status' && status.device === 'database') lights.push({ state: status.state, reason: status.reason })
  })
  const log: string[] = []
  const service = new StoreIntegrityService({ store: world.store, devices, log: (line) => log.push(line), runCheck })
  return { world, service, lights, log }
}

describe('the database light and its integrity check', () => {
  const worlds: CaseWorld[] = []
  afterEach(() => {
    for (const world of worlds.splice(0)) world.dispose()
  })
  const track = (world: CaseWorld): CaseWorld => (worlds.push(world), world)

  it('goes from opened to checking to passed on a whole database, and the counter keeps accepting', async () => {
    const w = watch(track(openCaseWorld()))
    expect(await w.service.checkInBackground()).toEqual({ state: 'ok' })
    expect(w.lights).toEqual([
      { state: 'ok', reason: 'opened' },
      { state: 'busy', reason: 'checking' },
      { state: 'ok', reason: 'checked' },
    ])
    expect(w.world.services.intake.accept({ form: aPersonForm() }).caseNo).toMatch(/^320300/)
  })

  it('on damage turns red, logs every problem, refuses every write with the reason and still answers look-ups', async () => {
    const first = openCaseWorld()
    const { caseNo } = first.services.intake.accept({ form: aPersonForm() })
    first.close()
    damageDeepInside(first.dataDir)
    const w = watch(track(openCaseWorld({ dataDir: first.dataDir })))

    const outcome = await w.service.checkInBackground()
    expect(outcome.state).toBe('damaged')
    expect(w.lights.at(-1)).toEqual({ state: 'error', reason: 'integrity_failed' })
    const problems = outcome.state === 'damaged' ? outcome.problems : []
    for (const problem of problems) expect(w.log).toContain(`[store]   ${problem}`)

    expect(() => w.world.services.intake.accept({ form: aPersonForm() })).toThrow(/完整性检查未通过.*已停止写入.*从备份恢复/)
    expect(w.world.store.writesRefusedBecause).toMatch(/完整性检查未通过/)
    // A write that bypasses the store's transactions is refused by SQLite itself.
    expect(() => w.world.store.db.prepare("INSERT INTO store_meta (key, value) VALUES ('x', 'y')").run()).toThrow(/readonly/)
    expect(w.world.services.cases.get(caseNo).caseNo).toBe(caseNo)
  })

  it('shows a yellow light and keeps writing when the check could not run at all', async () => {
    const failing = (): BackgroundIntegrityCheck => {
      const verdict = Promise.reject(new IntegrityCheckError('完整性检查未能读取数据库：database is locked'))
      verdict.catch(() => undefined)
      return { verdict, cancel: async () => undefined }
    }
    const w = watch(track(openCaseWorld()), failing)
    expect(await w.service.checkInBackground()).toEqual({ state: 'unchecked', reason: '完整性检查未能读取数据库：database is locked' })
    expect(w.lights.at(-1)).toEqual({ state: 'warning', reason: 'check_failed' })
    expect(w.log.at(-1)).toContain('database is locked')
    expect(w.world.services.intake.accept({ form: aPersonForm() }).caseNo).toMatch(/^320300/)
  })

  it('runs one check per start however often it is asked, and stops it when the app closes', async () => {
    let runs = 0
    let cancelled = 0
    let rejectVerdict: (err: Error) => void = () => undefined
    const pending = (): BackgroundIntegrityCheck => {
      runs++
      const verdict = new Promise<never>((_, reject) => (rejectVerdict = reject))
      return {
        verdict,
        cancel: async () => {
          cancelled++
          rejectVerdict(new IntegrityCheckError('完整性检查已取消（程序正在关闭）'))
        },
      }
    }
    const w = watch(track(openCaseWorld()), pending)
    const first = w.service.checkInBackground()
    expect(w.service.checkInBackground()).toBe(first)
    await w.service.stop()
    expect(await first).toEqual({ state: 'unchecked', reason: '完整性检查已取消（程序正在关闭）' })
    expect({ runs, cancelled }).toEqual({ runs: 1, cancelled: 1 })
    // Closing is no fault of the database: the light stays as it was, not yellow.
    expect(w.lights.at(-1)).toEqual({ state: 'busy', reason: 'checking' })
  })
})
