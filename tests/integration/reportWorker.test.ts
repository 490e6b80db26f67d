/**
 * The report worker as the service uses it: requests queued and answered in
 * turn on one thread, failures as AppError in Chinese, and a stopped worker
 * refusing new requests.
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../main/domain/errors'
import { shippedCalendarDir } from '../../main/services/calendar/calendarFiles'
import { ReportReader } from '../../main/services/reports/reportReader'
import { databaseFile } from '../../main/store/database'
import { aPersonForm, tempDataDir } from '../fixtures/caseWorld'
import { caseWorldsPerTest } from '../fixtures/caseWorlds'

const world = caseWorldsPerTest()

async function failure(work: Promise<unknown>): Promise<AppError> {
  try {
    await work
  } catch (err) {
    if (err instanceof AppError) return err
    throw err
  }
  throw new Error('answered, expected a failure')
}

describe('the report worker', () => {
  it('answers requests sent together, each its own, from one thread', async () => {
    const w = world()
    w.services.intake.accept({ form: aPersonForm() })
    const reader = new ReportReader({ databaseFile: databaseFile(w.dataDir), dataDir: w.dataDir, shippedCalendarDir: shippedCalendarDir(), clock: w.clock })
    try {
      const [day, week, probe, nextDay, secondProbe] = await Promise.all([
        reader.report('day', '2026-03-02'),
        reader.report('week', '2026-03-02'),
        reader.probe(),
        reader.report('day', '2026-03-03'),
        reader.probe(),
      ])
      expect([day.period, day.accepted]).toEqual(['day', 1])
      expect([week.period, week.from, week.accepted]).toEqual(['week', '2026-03-02', 1])
      expect([nextDay.from, nextDay.accepted]).toEqual(['2026-03-03', 0])
      expect(secondProbe.threadId).toBe(probe.threadId)
    } finally {
      await reader.stop()
    }
  })

  it('says in Chinese when the database is not there, and reads once it is', async () => {
    const dir = tempDataDir()
    const reader = new ReportReader({ databaseFile: databaseFile(dir), dataDir: dir, shippedCalendarDir: shippedCalendarDir(), clock: { now: () => new Date(2026, 2, 2, 12) } })
    try {
      const missing = await failure(reader.report('day', '2026-03-02'))
      expect(missing.code).toBe('NOT_FOUND')
      expect(missing.message).toContain(`找不到数据库 ${databaseFile(dir)}`)
      const w = world({ dataDir: dir })
      w.services.intake.accept({ form: aPersonForm() })
      expect((await reader.report('day', '2026-03-02')).accepted).toBe(1)
    } finally {
      await reader.stop()
    }
  })

  it('refuses a date that does not exist, and any request once stopped', async () => {
    const w = world()
    const reader = new ReportReader({ databaseFile: databaseFile(w.dataDir), dataDir: w.dataDir, shippedCalendarDir: join(w.dataDir, 'no-calendars'), clock: w.clock })
    const bad = await failure(reader.report('day', '2026-02-30'))
    expect([bad.code, bad.field]).toEqual(['BAD_INPUT', 'date'])
    await reader.stop()
    expect((await failure(reader.report('day', '2026-03-02'))).message).toMatch(/统计已停止/)
  })

  it('reports a calendar year the hall has not loaded instead of counting days without it', async () => {
    const w = world()
    w.services.intake.accept({ form: aPersonForm() })
    w.services.cases.transition({ caseNo: w.services.cases.list({}).rows[0]!.caseNo, action: 'startReview' })
    // No shipped calendars: the open case's days over cannot be counted.
    const reader = new ReportReader({ databaseFile: databaseFile(w.dataDir), dataDir: w.dataDir, shippedCalendarDir: join(w.dataDir, 'no-calendars'), clock: { now: () => new Date(2026, 2, 20, 12) } })
    try {
      const missing = await failure(reader.report('month', '2026-03-02'))
      expect(missing.code).toBe('CALENDAR_MISSING')
      expect(missing.message).toMatch(/2026 年节假日日历/)
    } finally {
      await reader.stop()
    }
  })
})
