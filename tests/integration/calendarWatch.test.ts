import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../main/cli'
import type { DeviceStatus } from '../../main/contract/system'
import { CalendarWatch } from '../../main/services/cases/calendarWatch'
import { DeviceStatusBoard } from '../../main/services/system/deviceStatusBoard'
import { aCalendarYear } from '../fixtures/calendarBuilder'
import { captureConsole } from '../fixtures/captureConsole'
import { aPersonForm, caseCatalog, type CaseWorld } from '../fixtures/caseWorld'
import { caseWorldsPerTest } from '../fixtures/caseWorlds'
import { anItem } from '../fixtures/catalogBuilder'

const world = caseWorldsPerTest()
afterEach(() => vi.restoreAllMocks())

const PERMIT = 'XK90006001'
const catalog = { ...caseCatalog(), items: [...caseCatalog().items, anItem({ code: PERMIT, name: '建筑工程施工许可证核发', promisedDays: 50, legalDays: 60 })] }
const permitForm = aPersonForm({ itemCode: PERMIT, materials: [{ materialId: 'application', receivedCopies: 1 }, { materialId: 'id-card', receivedCopies: 1 }] })
const notice2027 = aCalendarYear({ year: 2027 })

function watched(w: CaseWorld): { watch: CalendarWatch; board: DeviceStatusBoard; pushed: DeviceStatus[] } {
  const board = new DeviceStatusBoard(w.events)
  const pushed: DeviceStatus[] = []
  w.events.on('device.status', (s) => s.device === 'calendar' && pushed.push(s))
  return { watch: new CalendarWatch({ calendar: w.services.calendar, devices: board, stationId: '001', log: () => {} }), board, pushed }
}

describe('the holiday-calendar light in the status bar', () => {
  it('is green on 31 October, warns from 1 November that next year is missing, and is green again once it is imported', () => {
    const w = world({ now: new Date(2026, 9, 31, 23, 59), catalog })
    const { watch, board, pushed } = watched(w)
    watch.check()
    expect(board.get('calendar')).toMatchObject({ state: 'ok', reason: 'loaded', message: '已载入 2025–2026 年节假日安排' })

    w.clock.set(new Date(2026, 10, 1, 0, 0))
    watch.check()
    expect(board.get('calendar')).toMatchObject({ state: 'warning', reason: 'next_year_missing', message: '2027 年节假日安排未导入，新受理办件的时限将暂按周末计算' })
    // Checked again the same day: no second push.
    watch.check()

    w.services.calendar.importYear(notice2027, '2027.json', { operator: 'A009', stationId: '001' })
    watch.check()
    expect(board.get('calendar')).toMatchObject({ state: 'ok', reason: 'loaded', message: '已载入 2025–2027 年节假日安排' })
    expect(pushed.map((s) => s.state)).toEqual(['ok', 'warning', 'ok'])
  })

  it('lists the calendar light with the devices', () => {
    const w = world({ now: new Date(2026, 10, 15, 9, 0), catalog })
    const { watch, board } = watched(w)
    watch.check()
    expect(board.list().map((s) => s.device)).toContain('calendar')
  })
})

describe('provisional deadlines recounted without an import in this process', () => {
  it('recounts, as the system, when a new start finds the year in the data folder', () => {
    const first = world({ now: new Date(2026, 11, 2, 9, 30), catalog })
    const { caseNo } = first.services.intake.accept({ form: permitForm })
    first.close()
    mkdirSync(join(first.dataDir, 'calendar'), { recursive: true })
    writeFileSync(join(first.dataDir, 'calendar', '2027.json'), JSON.stringify(notice2027))

    const again = world({ dataDir: first.dataDir, now: new Date(2026, 11, 3, 8, 0), catalog })
    const { watch } = watched(again)
    expect(watch.check().map((r) => r.caseNo)).toEqual([caseNo])
    const page = again.services.cases.get(caseNo)
    expect(page.deadlineProvisional).toBeNull()
    expect(page.timeline.at(-1)).toMatchObject({ action: 'recountDeadline', operator: 'system', note: '已载入 2027 年节假日日历，时限已按正式日历重算' })
    // Nothing left to do on the next minute's check.
    expect(watch.check()).toEqual([])
  })

  it('finds nothing left to recount after `calendar import` ran beside the open app', async () => {
    const w = world({ now: new Date(2026, 11, 2, 9, 30), catalog })
    const { watch } = watched(w)
    watch.check()
    const { caseNo } = w.services.intake.accept({ form: permitForm })
    const file = join(w.dataDir, 'notice-2027.json')
    writeFileSync(file, JSON.stringify(notice2027))
    const { out } = captureConsole()

    expect(await runCli(['calendar', 'import', file, '--data', w.dataDir])).toBe(0)
    expect(out[1]).toBe('已重算 1 个未办结办件的暂定时限')
    expect(out[2]).toMatch(new RegExp(`^  ${caseNo}：2027-\\d\\d-\\d\\d → 2027-\\d\\d-\\d\\d$`))
    expect(watch.check()).toEqual([])
    expect(w.services.cases.get(caseNo)).toMatchObject({ deadlineProvisional: null })
    expect(w.services.cases.get(caseNo).timeline.at(-1)).toMatchObject({ action: 'recountDeadline', note: '导入 2027 年节假日日历，时限已按正式日历重算' })
  })
})
