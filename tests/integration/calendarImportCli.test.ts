import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../main/cli'
import { captureConsole } from '../fixtures/captureConsole'

describe('calendar import and calendar add', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ow-calendar-cli-'))
  afterEach(() => vi.restoreAllMocks())

  it('counts with a year imported into the data directory’s database, and marks the answer provisional naming the year without it', async () => {
    const { out } = captureConsole()

    expect(await runCli(['calendar', 'add', '2026-12-28', '5', '--data', dir])).toBe(0)
    // Dec 29, 30, 31, then Jan 1 (Fri: a weekday when 2027 is guessed) and Jan 4.
    expect(out).toEqual(['2027-01-04（暂定：2027 年节假日安排未导入，该年按周末计算；导入后以重新计算为准）'])

    const file = join(dir, 'notice-2027.json')
    writeFileSync(file, JSON.stringify({ year: 2027, source: '测试通知', holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], makeupWorkdays: [] }))
    expect(await runCli(['calendar', 'import', file, '--data', dir])).toBe(0)
    rmSync(file)
    out.length = 0
    expect(await runCli(['calendar', 'add', '2026-12-28', '5', '--data', dir])).toBe(0)
    // Dec 29, 30, 31, then Jan 4 (Mon) and Jan 5: New Year's Day 2027 falls on a Friday
    expect(out).toEqual(['2027-01-05'])
    rmSync(dir, { recursive: true, force: true })
  })
})
