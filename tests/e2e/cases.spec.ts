/**
 * 办件 in the station host: the queue filtered and searched, a case opened by
 * its number, a transition made from the case page and the timeline growing;
 * and a queue longer than a page loading as it scrolls. Cases are seeded
 * through the app's own intake service.
 */
import type { Page } from '@playwright/test'
import type { Station } from '../../main/station'
import { seedCases } from '../fixtures/queueSeed'
import { signIn, test, expect } from './stationFixture'

const ESTABLISH = 'XK00201001' // 企业设立登记
const SOLE_TRADER = 'XK00201004' // 个体工商户设立登记

/**
 * Opens the app on the queue once the seeded cases' receipts are printed:
 * in the demo hall each would otherwise pop up its on-screen preview, as a
 * receipt printed at this station should.
 */
async function openQueue(page: Page, station: Station, operatorId: string): Promise<void> {
  await expect.poll(() => station.app.services.printing.jobs({ limit: 500 }).filter((j) => j.state !== 'done').length).toBe(0)
  await page.goto(station.server.openUrl)
  await expect(page.getByTestId('station-name')).toContainText(station.app.services.config.stationName)
  await signIn(page, operatorId)
  await page.keyboard.press('Alt+2')
  await expect(page.getByTestId('queue-table')).toBeVisible()
}

/** Opens the case whose number is typed into the queue's search, as a clerk does. */
async function openCase(page: Page, caseNo: string): Promise<void> {
  await page.keyboard.press('Alt+S')
  // The queue may still be mounting after a route change: the text goes in once its search has the cursor.
  await expect(page.getByTestId('queue-search')).toBeFocused()
  await page.keyboard.insertText(caseNo)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('case-no')).toHaveText(caseNo)
}

/**
 * Slows the page's animations (Chromium's animation domain) by `factor`, so a
 * dialog that was just closed is surely still fading out when the next key is
 * pressed: the moment the keyboard used to go dead.
 */
async function slowAnimations(page: Page, factor: number): Promise<void> {
  const devtools = await page.context().newCDPSession(page)
  await devtools.send('Animation.enable')
  await devtools.send('Animation.setPlaybackRate', { playbackRate: 1 / factor })
}

/** Presses an action's key and waits for the `cases.transition` it must send (a swallowed key sends none). */
async function pressForTransition(page: Page, key: string): Promise<void> {
  const sent = page.waitForRequest((r) => r.url().endsWith('/api/cases.transition'), { timeout: 10_000 })
  await page.keyboard.press(key)
  await sent
}

test('filters by state, finds a case by its number, and a transition grows its timeline', async ({ page, station }) => {
  const { services } = station.app
  services.session.actAs('王晓明 A0123', 'window')
  const seeded = seedCases(services, 12, [ESTABLISH, SOLE_TRADER])
  services.session.actAs('刘芳 R0003', 'reviewer')
  for (const c of seeded.slice(0, 3)) services.cases.transition({ caseNo: c.caseNo, action: 'startReview' })
  const target = seeded[1]!

  // The reviewer works the queue: 补正, 补齐 and 通过 are theirs.
  await openQueue(page, station, 'R0003')
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
  await expect(page.getByTestId('queue-search')).toBeFocused()
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

  // 补正 asks for the reason; Ctrl+Enter confirms. The dialog is still on its way out (its
  // animation slowed) when the next key comes: the key acts on the page, 补齐 (Alt+Q) brings the case back.
  await page.keyboard.press('Alt+B')
  await expect(page.getByTestId('transition-note')).toBeFocused()
  await page.keyboard.insertText('住所使用证明缺少产权人签字')
  await slowAnimations(page, 10)
  await page.keyboard.press('Control+Enter')
  await expect(page.getByTestId('case-state')).toHaveAttribute('data-state', 'needs_supplement')
  await pressForTransition(page, 'Alt+Q')
  await expect(page.getByTestId('case-state')).toHaveAttribute('data-state', 'in_review')
  // Alt+B came with nothing focused: the keyboard went back to the screen's region.
  await expect(page.getByTestId('screen-cases')).toBeFocused()
  await expect(page.getByTestId('timeline-entry')).toHaveCount(4)
  await expect(page.getByTestId('case-timeline')).toContainText('住所使用证明缺少产权人签字')
  await expect(page.getByTestId('transition-note')).toHaveCount(0)
  expect(services.cases.get(target.caseNo).state).toBe('in_review')

  // A change made elsewhere (another window) shows up without a reload: the clock stops, and restarts.
  services.cases.transition({ caseNo: target.caseNo, action: 'requestSupplement', note: '经营范围表述需调整' })
  await expect(page.getByTestId('case-state')).toHaveAttribute('data-state', 'needs_supplement')
  await expect(page.getByTestId('case-deadline')).toContainText('暂停计时')
  await expect(page.getByTestId('timeline-entry')).toHaveCount(5)
  services.session.actAs('王晓明 A0123', 'window')
  services.cases.transition({ caseNo: target.caseNo, action: 'supply' })
  await expect(page.getByTestId('case-state')).toHaveAttribute('data-state', 'in_review')
  await expect(page.getByTestId('timeline-entry')).toHaveCount(6)

  // 通过 by its key: the item issues 营业执照, so its number is asked first; Ctrl+Enter; Esc back to the queue.
  await page.keyboard.press('Alt+Y')
  await expect(page.getByTestId('approve-number')).toBeFocused()
  await page.keyboard.insertText('92320302MA1XYZ0001')
  await pressForTransition(page, 'Control+Enter')
  await expect(page.getByTestId('case-state')).toHaveAttribute('data-state', 'approved')
  await expect(page.getByTestId('case-certificate')).toContainText('92320302MA1XYZ0001')
  await expect(page.getByTestId('action-produce')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('queue-table')).toBeVisible()
})

test('any dialog gives the keyboard back the moment it closes, to the element that had it', async ({ page, station }) => {
  const { services } = station.app
  services.session.actAs('王晓明 A0123', 'window')
  const [target] = seedCases(services, 1, [ESTABLISH])
  services.session.actAs('刘芳 R0003', 'reviewer')
  services.cases.transition({ caseNo: target!.caseNo, action: 'startReview' })
  await openQueue(page, station, 'R0003')
  await openCase(page, target!.caseNo)
  await expect(page.getByTestId('case-state')).toHaveAttribute('data-state', 'in_review')
  // Every fade-out now outlasts any wait below: the keyboard must not wait for it.
  await slowAnimations(page, 100)

  // 补正 opened from its button and cancelled with Esc: focus is back on the button at once.
  const supplement = page.getByTestId('action-requestSupplement')
  await supplement.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('transition-note')).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(supplement).toBeFocused()
  // That Esc was the dialog's, not the page's: still on the case.
  await expect(page.getByTestId('case-no')).toHaveText(target!.caseNo)

  // Another dialog, the camera scanner (F8), closed with Esc: the case's keys work straight away.
  await page.keyboard.press('F8')
  await expect(page.getByTestId('camera-scanner')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(supplement).toBeFocused()
  await page.keyboard.press('Alt+Y')
  await expect(page.getByTestId('approve-number')).toBeFocused()
  await page.keyboard.insertText('91320302MA1XYZ0002')
  await pressForTransition(page, 'Control+Enter')
  await expect(page.getByTestId('case-state')).toHaveAttribute('data-state', 'approved')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('queue-table')).toBeVisible()
})

test('a queue longer than a page loads the next page as it scrolls, keeping only visible rows in the page', async ({ page, station }) => {
  const { services } = station.app
  services.session.actAs('王晓明 A0123', 'window')
  seedCases(services, 230, [ESTABLISH, SOLE_TRADER])

  await openQueue(page, station, 'A0123')
  await expect(page.getByTestId('queue-count')).toHaveText('共 230 件')
  const rows = page.locator('[data-case-no]')
  await expect(rows.first()).toBeVisible()
  // Virtual: a page of 100 rows, but only those in view are rendered.
  expect(await rows.count()).toBeLessThan(60)

  // Keyboard into the list and End: the next pages arrive as the end nears.
  await page.keyboard.press('Alt+S')
  await page.keyboard.press('ArrowDown')
  await expect(page.getByTestId('queue-table')).toBeFocused()
  // End again as each page arrives (no sleeping between presses), until the oldest case is the row in view.
  const oldest = services.cases.list({ sort: 'oldest', limit: 1 }).rows[0]!
  await expect(async () => {
    await page.keyboard.press('End')
    await expect(page.locator(`[data-case-no="${oldest.caseNo}"]`)).toBeVisible({ timeout: 1_000 })
  }).toPass()
  await expect(page.getByText('已显示 230 / 230')).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('case-no')).toHaveText(oldest.caseNo)
})
