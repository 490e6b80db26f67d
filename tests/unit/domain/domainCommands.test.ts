import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../../main/cli'
import { resourcesDir } from '../../../main/config/paths'
import { aCatalog, anItem } from '../../fixtures/catalogBuilder'
import { aCalendarYear } from '../../fixtures/calendarBuilder'
import { captureConsole } from '../../fixtures/captureConsole'


let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'onewindow-domain-cli-'))
})
afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
  rmSync(dir, { recursive: true, force: true })
})

describe('idcard check and uscc check', () => {
  it('prints valid and exits 0 for a good ID number', async () => {
    const { out } = captureConsole()
    expect(await runCli(['idcard', 'check', '11010519491231002x'])).toBe(0)
    expect(out).toEqual(['valid'])
  })

  it('prints the reason and exits 1 for a bad ID number', async () => {
    const { out } = captureConsole()
    expect(await runCli(['idcard', 'check', '110105194912310021'])).toBe(1)
    expect(out).toEqual(['invalid: 校验位应为 X，实为 1'])
  })

  it('accepts a 2017 foreigner card number by its shape', async () => {
    const { out } = captureConsole()
    expect(await runCli(['idcard', 'check', 'USA123456789012'])).toBe(0)
    expect(out).toEqual(['valid'])
  })

  it('checks credit codes the same way', async () => {
    const { out } = captureConsole()
    expect(await runCli(['uscc', 'check', '914403001922038216'])).toBe(0)
    expect(await runCli(['uscc', 'check', '914403001922038217'])).toBe(1)
    expect(out).toEqual(['valid', 'invalid: 校验位应为 6，实为 7'])
  })

  it('exits 2 with the usage when the number is missing', async () => {
    vi.stubEnv('LANG', 'zh_CN.UTF-8')
    vi.stubEnv('LC_ALL', '')
    vi.stubEnv('LC_MESSAGES', '')
    const { err } = captureConsole()
    expect(await runCli(['uscc', 'check'])).toBe(2)
    expect(err).toEqual(['用法：npm run cli -- uscc check 代码'])
  })
})

describe('calendar add', () => {
  it('prints the deadline across the National Day holiday from the shipped calendars', async () => {
    const { out } = captureConsole()
    expect(await runCli(['calendar', 'add', '2026-09-30', '3'])).toBe(0)
    expect(out).toEqual(['2026-10-10'])
  })

  it('answers provisionally on the same line that names the missing year, never with a bare weekend count', async () => {
    const { out, err } = captureConsole()
    // 2026-12-20 (Sun) + 10: Dec 21–25, 28–31 are 9; Jan 1 2027 is a Friday, a working day only by the weekend guess.
    expect(await runCli(['calendar', 'add', '2026-12-20', '10'])).toBe(0)
    expect(out).toEqual(['2027-01-01（暂定：2027 年节假日安排未导入，该年按周末计算；导入后以重新计算为准）'])
    expect(err).toEqual([])
  })

  it('gives a plain date when every year it counts is loaded', async () => {
    const { out } = captureConsole()
    expect(await runCli(['calendar', 'add', '2026-12-29', '2'])).toBe(0)
    expect(out).toEqual(['2026-12-31'])
  })

  it('also reads the calendars imported into the data directory', async () => {
    mkdirSync(join(dir, 'calendar'))
    writeFileSync(join(dir, 'calendar', '2027.json'), JSON.stringify(aCalendarYear({ year: 2027 })))
    const { out } = captureConsole()
    expect(await runCli(['calendar', 'add', '2026-12-30', '2', '--data', dir])).toBe(0)
    expect(out).toEqual(['2027-01-04'])
  })

  it('names the file when an imported calendar is broken', async () => {
    mkdirSync(join(dir, 'calendar'))
    writeFileSync(join(dir, 'calendar', '2027.json'), JSON.stringify(aCalendarYear({ makeupWorkdays: ['2027-02-10'] })))
    const { err } = captureConsole()
    expect(await runCli(['calendar', 'add', '2026-12-30', '2', '--data', dir])).toBe(1)
    expect(err[0]).toContain(`节假日日历文件 ${join(dir, 'calendar', '2027.json')} 有误：makeupWorkdays[0]：2027-02-10 不是周末`)
  })

  it('refuses a malformed date or day count with exit 2', async () => {
    const { err } = captureConsole()
    expect(await runCli(['calendar', 'add', '2026-9-30', '3'])).toBe(2)
    expect(await runCli(['calendar', 'add', '2026-09-30', 'three'])).toBe(2)
    expect(err).toEqual(['日期“2026-9-30”无效，应为 YYYY-MM-DD', '工作日数“three”应为非负整数'])
  })
})

describe('catalog check', () => {
  it('summarises the shipped sample catalog', async () => {
    const { out } = captureConsole()
    expect(await runCli(['catalog', 'check', join(resourcesDir(), 'catalog', 'sample-hall.json')])).toBe(0)
    expect(out).toHaveLength(1)
    expect(out[0]).toMatch(/^OK: \d+ items, \d+ departments$/)
  })

  it('prints each error on its own line and exits 1', async () => {
    const file = join(dir, 'bad.json')
    const items = [anItem({ code: 'XK00201001', name: '企业设立登记', promisedDays: 30, legalDays: 20 }), anItem({ code: 'bad', name: '坏编码' })]
    writeFileSync(file, JSON.stringify(aCatalog({ items })))
    const { out, err } = captureConsole()
    expect(await runCli(['catalog', 'check', file])).toBe(1)
    expect(out).toEqual([
      '事项 XK00201001（企业设立登记）的 promisedDays：承诺时限 30 个工作日不能超过法定时限 legalDays 20 个工作日',
      '事项 bad（坏编码）的 code：不符合本目录的编码规则 ^(XK|QR|GG)\\d{5}\\d{3}$',
    ])
    expect(err).toEqual(['事项目录有误：共 2 处'])
  })

  it('says when the file is not JSON at all', async () => {
    const file = join(dir, 'catalog.json')
    writeFileSync(file, '{ "items": [ ')
    const { err } = captureConsole()
    expect(await runCli(['catalog', 'check', file])).toBe(1)
    expect(err[0]).toMatch(new RegExp(`^${file.replaceAll('/', '\\/')} 不是合法的 JSON：`))
  })

  it('says when the file cannot be read', async () => {
    const { err } = captureConsole()
    expect(await runCli(['catalog', 'check', join(dir, 'missing.json')])).toBe(1)
    expect(err[0]).toBe(`无法读取 ${join(dir, 'missing.json')}：ENOENT`)
  })
})
