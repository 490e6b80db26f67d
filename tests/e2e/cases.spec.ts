/**
 * 办件 in the station host: the queue filtered and searched, a case opened by
 * its number, a transition made from the case page and the timeline growing;
 * and a queue longer than a page loading as it scrolls. Cases are seeded
 * through the app's own intake service.
 */
import type { Page } from '@playwright/test'
import { seedCases } from '../fixtures/queueSeed'
import { test, expect } from './stationFixture'

const ESTABLISH = 'XK00201001' // 企业设立登记
const SOLE_TRADER = 'XK00201004' // 个体工商户设立登记

async function openQueue(shell: Page): Promise<void> {
  await shell.keyboard.press('Alt+2')
  await expect(shell.getByTestId('queue-table')).toBeVisible()
}

test('filters by state, finds a case by its number, and a transition grows its timeline', async ({ shell, station }) => {
  const { services } = station.app
  services.session.signIn('陈静 B0042')
  const seeded = seedCases(services, 12, [ESTABLISH, SOLE_TRADER])
  for (const c of seeded.slice(0, 3)) services.cases.transition({ caseNo: c.caseNo, action: 'startReview' })
  const target = seeded[1]!

  await openQueue(shell)
  await expect(shell.getByTestId('queue-count')).toHaveText('共 12 件')

  // State filter: only the three in review.
  await shell.getByTestId('filter-states').click()
  await shell.getByTitle('审查中').click()
  await shell.keyboard.press('Escape')
  await expect(shell.getByTestId('queue-count')).toHaveText('共 3 件')
  await expect(shell.locator('[data-case-no]')).toHaveCount(3)
  await shell.getByTestId('filter-clear').click()
  await expect(shell.getByTestId('queue-count')).toHaveText('共 12 件')

  // Search by name, then by case number: Enter opens that case.
  await shell.keyboard.press('Alt+S')
  await shell.keyboard.insertText(target.name)
  await expect(shell.getByTestId('queue-count')).toHaveText('共 1 件')
  await expect(shell.locator(`[data-case-no="${target.caseNo}"]`)).toContainText(target.phone.slice(0, 3))
  await shell.getByTestId('queue-search').fill('')
  await shell.keyboard.insertText(target.caseNo)
  await shell.keyboard.press('Enter')
  await expect(shell.getByTestId('case-no')).toHaveText(target.caseNo)
  expect(shell.url()).toContain(`#/cases/${target.caseNo}`)

  // The case page shows the full ID number (lists mask it) and the allowed actions.
  await expect(shell.getByTestId('case-id-number')).toContainText(target.idNumber)
  await expect(shell.getByTestId('case-state')).toHaveAttribute('data-state', 'in_review')
  await expect(shell.getByTestId('timeline-entry')).toHaveCount(2)

  // 补正 asks for the reason; Ctrl+Enter confirms; the clock stops and the timeline grows.
  await shell.keyboard.press('Alt+B')
  await expect(shell.getByTestId('transition-note')).toBeFocused()
  await shell.keyboard.insertText('住所使用证明缺少产权人签字')
  await shell.keyboard.press('Control+Enter')
  await expect(shell.getByTestId('case-state')).toHaveAttribute('data-state', 'needs_supplement')
  await expect(shell.getByTestId('timeline-entry')).toHaveCount(3)
  await expect(shell.getByTestId('case-timeline')).toContainText('住所使用证明缺少产权人签字')
  await expect(shell.getByTestId('case-deadline')).toContainText('暂停计时')
  expect(services.cases.get(target.caseNo).state).toBe('needs_supplement')

  // A change made elsewhere (another window) shows up without a reload.
  services.cases.transition({ caseNo: target.caseNo, action: 'supply' })
  await expect(shell.getByTestId('case-state')).toHaveAttribute('data-state', 'in_review')
  await expect(shell.getByTestId('timeline-entry')).toHaveCount(4)

  // A plain action by its key; Esc back to the queue.
  await shell.keyboard.press('Alt+Y')
  await expect(shell.getByTestId('case-state')).toHaveAttribute('data-state', 'approved')
  await expect(shell.getByTestId('action-produce')).toBeVisible()
  await shell.keyboard.press('Escape')
  await expect(shell.getByTestId('queue-table')).toBeVisible()
})

test('a queue longer than a page loads the next page as it scrolls, keeping only visible rows in the page', async ({ shell, station }) => {
  const { services } = station.app
  services.session.signIn('陈静 B0042')
  seedCases(services, 230, [ESTABLISH, SOLE_TRADER])

  await openQueue(shell)
  await expect(shell.getByTestId('queue-count')).toHaveText('共 230 件')
  const rows = shell.locator('[data-case-no]')
  await expect(rows.first()).toBeVisible()
  // Virtual: a page of 100 rows, but only those in view are rendered.
  expect(await rows.count()).toBeLessThan(60)

  // Keyboard into the list and End: the next pages arrive as the end nears.
  await shell.keyboard.press('Alt+S')
  await shell.keyboard.press('ArrowDown')
  await expect(shell.getByTestId('queue-table')).toBeFocused()
  for (let i = 0; i < 3; i++) {
    await shell.keyboard.press('End')
    await shell.waitForTimeout(150)
  }
  await expect(shell.getByText('已显示 230 / 230')).toBeVisible()
  const oldest = services.cases.list({ sort: 'oldest', limit: 1 }).rows[0]!
  await expect(shell.locator(`[data-case-no="${oldest.caseNo}"]`)).toBeVisible()
  await shell.keyboard.press('Enter')
  await expect(shell.getByTestId('case-no')).toHaveText(oldest.caseNo)
})
