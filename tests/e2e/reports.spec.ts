/**
 * 统计 as the supervisor uses it: cases seeded on known days of the hall's
 * clock, the day's report read off the screen (headline, tables, a chart
 * drawn), stepped by the keys to the day before and back to today, widened
 * to the week and the month, the CSV and the daily sheet (its audit head,
 * its PDF) downloaded, an overdue case opened from the list. In a
 * 1366×768 window, with nothing scrolling sideways.
 */
import { readFileSync } from 'node:fs'
import type { Download, Page } from '@playwright/test'
import { SettableClock } from '../../main/services/cases/hallClock'
import type { Station } from '../../main/station'
import { seedCases, type SeededCase } from '../fixtures/queueSeed'
import { signIn, test as stationTest, expect } from './stationFixture'

const ESTABLISH = 'XK00201001' // 企业设立登记, 3 working days
const SOLE_TRADER = 'XK00201004' // 个体工商户设立登记

/** The hall's "now": Wednesday 25 November 2026, mid-afternoon (the station's clock, not the browser's). */
const TODAY = '2026-11-25'
const at = (day: number, hour: number): Date => new Date(2026, 10, day, hour, 0, 0)

const test = stationTest.extend<{ hallClock: SettableClock }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from its first parameter's pattern.
  hallClock: async ({}, use) => {
    await use(new SettableClock(at(25, 15)))
  },
})

interface Seeded {
  /** Accepted on Monday 2 November and never decided: overdue by the end of the month. */
  overdue: SeededCase
}

/**
 * Seeds, as the window clerk on the hall's clock: 1 case on 2 November, 2 on
 * Tuesday 24 November, 3 on Wednesday 25 November (2 企业设立, 1 个体), then
 * puts the clock back to the 25th.
 */
function seed(station: Station, clock: SettableClock): Seeded {
  const { services } = station.app
  services.session.actAs('王晓明 A0123', 'window')
  clock.set(at(2, 10))
  const [overdue] = seedCases(services, 1, [ESTABLISH])
  clock.set(at(24, 10))
  seedCases(services, 2, [SOLE_TRADER])
  clock.set(at(25, 10))
  seedCases(services, 3, [ESTABLISH, SOLE_TRADER])
  clock.set(at(25, 15))
  return { overdue: overdue! }
}

/** Opens 统计 (Alt+6) as the supervisor, once the seeded receipts are printed (each would pop up its preview). */
async function openReports(page: Page, station: Station): Promise<void> {
  await expect.poll(() => station.app.services.printing.jobs({ limit: 500 }).filter((j) => j.state !== 'done').length).toBe(0)
  await page.setViewportSize({ width: 1366, height: 768 })
  await page.goto(station.server.openUrl)
  await expect(page.getByTestId('station-name')).toContainText(station.app.services.config.stationName)
  await signIn(page, 'B0042')
  await page.keyboard.press('Alt+6')
  await expect(page.getByTestId('report-view')).toBeVisible()
}

const figure = (page: Page, key: string) => page.getByTestId(`figure-${key}-value`)
const tableRow = (page: Page, chart: string, key: string) => page.getByTestId(`chart-${chart}`).locator(`tr[data-row-key="${key}"]`)

/** Nothing on the page is wider than the window: the supervisor never scrolls sideways. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => {
    const content = document.querySelector('.app-content')
    return {
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      content: content ? content.scrollWidth - content.clientWidth : 0,
    }
  })
  expect(overflow).toEqual({ page: 0, content: 0 })
}

/** The bytes of a download, read from where the browser saved it. */
async function bytesOf(download: Download): Promise<Buffer> {
  return readFileSync(await download.path())
}

test('shows the hall’s day: headline, tables beside drawn charts; the keys step a day and come back to today', async ({ page, station, hallClock }) => {
  const policyErrors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content[- ]Security[- ]Policy/i.test(m.text())) policyErrors.push(m.text())
  })
  seed(station, hallClock)
  await openReports(page, station)

  // The station's today, whatever the browser's clock says.
  await expect(page.getByTestId('report-range')).toHaveText(TODAY)
  await expect(figure(page, 'accepted')).toHaveText('3')
  await expect(tableRow(page, 'byItem', ESTABLISH)).toContainText('企业设立登记')
  await expect(tableRow(page, 'byItem', ESTABLISH).locator('td').nth(1)).toHaveText('2')
  await expect(tableRow(page, 'byItem', SOLE_TRADER).locator('td').nth(1)).toHaveText('1')
  await expect(tableRow(page, 'byState', 'accepted')).toContainText('已受理')
  await expect(tableRow(page, 'byState', 'accepted').locator('td').nth(1)).toHaveText('3')

  // The chart beside the table is drawn on its canvas (some pixel painted).
  const canvas = page.getByTestId('chart-canvas-byItem').locator('canvas')
  await expect(canvas).toHaveCount(1)
  await expect
    .poll(() =>
      canvas.evaluate((c: HTMLCanvasElement) => {
        const pixels = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray()
        let painted = 0
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) painted++
        return painted
      }),
    )
    .toBeGreaterThan(100)
  await expectNoSidewaysScroll(page)
  await page.screenshot({ path: test.info().outputPath('reports-day.png'), fullPage: true })

  // ← the day before (2 cases), → back; T is today again from any day.
  await page.keyboard.press('ArrowLeft')
  await expect(page.getByTestId('report-range')).toHaveText('2026-11-24')
  await expect(figure(page, 'accepted')).toHaveText('2')
  // Typed into the date field, T is a letter, not "today".
  await page.getByRole('textbox', { name: '日期' }).click()
  await page.keyboard.press('t')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('report-range')).toHaveText('2026-11-24')
  await page.getByRole('textbox', { name: '日期' }).blur()
  await page.keyboard.press('ArrowLeft')
  await expect(page.getByTestId('report-range')).toHaveText('2026-11-23')
  await expect(page.getByTestId('report-empty')).toContainText('这一天没有受理')
  await page.keyboard.press('t')
  await expect(page.getByTestId('report-range')).toHaveText(TODAY)
  await expect(figure(page, 'accepted')).toHaveText('3')
  expect(policyErrors).toEqual([])
})

test('widens to the week and the month, opens an overdue case from the list, and saves the CSV and the daily sheet', async ({ page, station, hallClock }) => {
  const { overdue } = seed(station, hallClock)
  await openReports(page, station)
  await expect(figure(page, 'accepted')).toHaveText('3')

  // W: Monday 23 to Sunday 29 November, 5 cases, a column per day.
  await page.keyboard.press('w')
  await expect(page.getByTestId('report-range')).toHaveText('2026-11-23 至 2026-11-29')
  await expect(figure(page, 'accepted')).toHaveText('5')
  await expect(tableRow(page, 'byDay', '2026-11-24').locator('td').nth(1)).toHaveText('2')
  await expect(tableRow(page, 'byDay', '2026-11-25').locator('td').nth(1)).toHaveText('3')

  // The CSV of the week (E): UTF-8 with its BOM, the items' rows as main wrote them.
  const csvDownload = page.waitForEvent('download')
  await page.keyboard.press('e')
  const csv = await bytesOf(await csvDownload)
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const csvText = csv.subarray(3).toString('utf8')
  expect(csvText).toContain(`${ESTABLISH},企业设立登记,2\r\n`)
  expect(csvText).toContain(`${SOLE_TRADER},个体工商户设立登记,3\r\n`)

  // 月 (by the mouse: the letters still work after it): the whole of November, 6 cases; the one of 2 November is overdue and still open.
  await page.getByTestId('report-period').getByText('月').click()
  await expect(page.getByTestId('report-range')).toHaveText('2026-11-01 至 2026-11-30')
  await expect(figure(page, 'accepted')).toHaveText('6')
  await expect(figure(page, 'overdue')).toHaveText('1')
  const overdueRow = page.getByTestId('report-overdue').locator(`tr[data-case-no="${overdue.caseNo}"]`)
  await expect(overdueRow).toContainText('企业设立登记')
  await expect(overdueRow).toContainText('2026-11-02')
  await expect(overdueRow).toContainText('未办结')
  await expectNoSidewaysScroll(page)
  await page.screenshot({ path: test.info().outputPath('reports-month.png'), fullPage: true })

  // The daily sheet of the date shown (P): as it prints, with the audit chain's head; its PDF downloads.
  await page.keyboard.press('p')
  const sheet = page.getByTestId('daily-sheet').getByTestId('print-preview-sheet')
  await expect(sheet).toContainText('政务服务统计日报')
  await expect(sheet).toContainText(`统计日期：${TODAY}`)
  await expect(sheet).toContainText(/审计链末条：第 \d+ 条\s*[0-9a-f]{64}/)
  await page.screenshot({ path: test.info().outputPath('daily-sheet.png') })
  const pdfDownload = page.waitForEvent('download')
  await page.getByTestId('daily-sheet-pdf').click()
  expect((await bytesOf(await pdfDownload)).subarray(0, 5).toString('latin1')).toBe('%PDF-')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('daily-sheet')).toHaveCount(0)

  // Enter on the overdue row opens the case, as the queue does.
  await overdueRow.focus()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`#/cases/${overdue.caseNo}$`))
  await expect(page.getByTestId('case-no')).toHaveText(overdue.caseNo)
})

test('keeps the day current while cases are accepted and decided elsewhere, without a key pressed', async ({ page, station, hallClock }) => {
  seed(station, hallClock)
  await openReports(page, station)
  await expect(figure(page, 'accepted')).toHaveText('3')
  const { services } = station.app
  // Two more intakes at a window and one review started, on the hall's clock of the same day.
  services.session.actAs('王晓明 A0123', 'window')
  const [first] = seedCases(services, 2, [SOLE_TRADER])
  services.session.actAs('刘芳 R0003', 'reviewer')
  services.cases.transition({ caseNo: first!.caseNo, action: 'startReview' })
  services.session.actAs(null)
  await expect(figure(page, 'accepted')).toHaveText('5')
  await expect(tableRow(page, 'byItem', SOLE_TRADER).locator('td').nth(1)).toHaveText('3')
  await expect(tableRow(page, 'byState', 'in_review').locator('td').nth(1)).toHaveText('1')
  await expect(tableRow(page, 'byState', 'accepted').locator('td').nth(1)).toHaveText('4')
})

test('is the supervisor’s alone: a window clerk is told who may use it', async ({ page, station }) => {
  await page.goto(station.server.openUrl)
  await signIn(page, 'A0123')
  await page.keyboard.press('Alt+6')
  await expect(page.getByTestId('screen-forbidden')).toContainText('值班长')
  await expect(page.getByTestId('report-view')).toHaveCount(0)
})
