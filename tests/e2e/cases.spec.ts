/**
 * 办件 in the station host: the queue filtered and searched, a case opened by
 * its number, a transition made from the case page and the timeline growing;
 * and a queue longer than a page loading as it scrolls. Cases are seeded
 * through the app's own intake service.
 */
import type { Page } from '@playwright/test'
import type { Station } from '../../main/station'
import { seedCases } from '../fixtures/queueSeed'
import { test, expect } from './stationFixture'

const ESTABLISH = 'XK00201001' // 企业设立登记
const SOLE_TRADER = 'XK00201004' // 个体工商户设立登记

/**
 * Opens the app on the queue once the seeded cases' receipts are printed:
 * in the demo hall each would otherwise pop up its on-screen preview, as a
 * receipt printed at this station should.
 */
async function openQueue(page: Page, station: Station): Promise<void> {
  await expect.poll(() => station.app.services.printing.jobs({ limit: 500 }).filter((j) => j.state !== 'done').length).toBe(0)
  await page.goto(station.server.openUrl)
  await expect(page.getByTestId('station-name')).toContainText(station.app.services.config.stationName)
  await page.keyboard.press('Alt+2')
  await expect(page.getByTestId('queue-table')).toBeVisible()
}

test('filters by state, finds a case by its number, and a transition grows its timeline', async ({ page, station }) => {
  const { services } = station.app
  services.session.signIn('陈静 B0042')
  const seeded = seedCases(services, 12, [ESTABLISH, SOLE_TRADER])
  for (const c of seeded.slice(0, 3)) services.cases.transition({ caseNo: c.caseNo, action: 'startReview' })
  const target = seeded[1]!

  await openQueue(page, station)
  await expect(page.getByTestId('queue-count')).toHaveText('共 12 件')

  // State filter: only the three in review.
  await page.getByTestId('filter-states').click()
  await page.getByTitle('审查中').click()
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('queue-count')).toHaveText('共 3 件')
  await expect(page.locator('[data-case-no]')).toHaveCount(3)
  await page.getByTestId('filter-clear').click()
  await expect(page.getByTestId('queue-count')).toHaveText('共 12 件')

  // Search by name, then by case number: Enter opens that case.
  await page.keyboard.press('Alt+S')
  await page.keyboard.insertText(target.name)
  await expect(page.getByTestId('queue-count')).toHaveText('共 1 件')
  await expect(page.locator(`[data-case-no="${target.caseNo}"]`)).toContainText(target.phone.slice(0, 3))
  await page.getByTestId('queue-search').fill('')
  await page.keyboard.insertText(target.caseNo)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('case-no')).toHaveText(target.caseNo)
  expect(page.url()).toContain(`#/cases/${target.caseNo}`)

  // The case page shows the full ID number (lists mask it) and the allowed actions.
  await expect(page.getByTestId('case-id-number')).toContainText(target.idNumber)
  await expect(page.getByTestId('case-state')).toHaveAttribute('data-state', 'in_review')
  await expect(page.getByTestId('timeline-entry')).toHaveCount(2)

  // 补正 asks for the reason; Ctrl+Enter confirms; the clock stops and the timeline grows.
  await page.keyboard.press('Alt+B')
  await expect(page.getByTestId('transition-note')).toBeFocused()
  await page.keyboard.insertText('住所使用证明缺少产权人签字')
  await page.keyboard.press('Control+Enter')
  await expect(page.getByTestId('case-state')).toHaveAttribute('data-state', 'needs_supplement')
  await expect(page.getByTestId('timeline-entry')).toHaveCount(3)
  await expect(page.getByTestId('case-timeline')).toContainText('住所使用证明缺少产权人签字')
  await expect(page.getByTestId('case-deadline')).toContainText('暂停计时')
  expect(services.cases.get(target.caseNo).state).toBe('needs_supplement')

  // A change made elsewhere (another window) shows up without a reload.
  services.cases.transition({ caseNo: target.caseNo, action: 'supply' })
  await expect(page.getByTestId('case-state')).toHaveAttribute('data-state', 'in_review')
  await expect(page.getByTestId('timeline-entry')).toHaveCount(4)

  // A plain action by its key; Esc back to the queue.
  await page.keyboard.press('Alt+Y')
  await expect(page.getByTestId('case-state')).toHaveAttribute('data-state', 'approved')
  await expect(page.getByTestId('action-produce')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('queue-table')).toBeVisible()
})

test('a queue longer than a page loads the next page as it scrolls, keeping only visible rows in the page', async ({ page, station }) => {
  const { services } = station.app
  services.session.signIn('陈静 B0042')
  seedCases(services, 230, [ESTABLISH, SOLE_TRADER])

  await openQueue(page, station)
  await expect(page.getByTestId('queue-count')).toHaveText('共 230 件')
  const rows = page.locator('[data-case-no]')
  await expect(rows.first()).toBeVisible()
  // Virtual: a page of 100 rows, but only those in view are rendered.
  expect(await rows.count()).toBeLessThan(60)

  // Keyboard into the list and End: the next pages arrive as the end nears.
  await page.keyboard.press('Alt+S')
  await page.keyboard.press('ArrowDown')
  await expect(page.getByTestId('queue-table')).toBeFocused()
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('End')
    await page.waitForTimeout(150)
  }
  await expect(page.getByText('已显示 230 / 230')).toBeVisible()
  const oldest = services.cases.list({ sort: 'oldest', limit: 1 }).rows[0]!
  await expect(page.locator(`[data-case-no="${oldest.caseNo}"]`)).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('case-no')).toHaveText(oldest.caseNo)
})
