/**
 * 分类审核办理 at a review station, keyboard only: the department's queue in
 * deadline order; start review; 补正 with the checklist ticked by digit and
 * its one-time notice printed (a PDF on the station host); the clock paused;
 * the materials supplied; 准予 with the certificate; 制证 makes it ready, and
 * the certificate shows on the case page. Cases come through the app's own
 * intake service.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { Station } from '../../main/station'
import { seedCases } from '../fixtures/queueSeed'
import { signIn, test, expect } from './stationFixture'

const ESTABLISH = 'XK00201001' // 企业设立登记 (市场监督管理局): issues 营业执照
const CHANGE = 'XK00201002' // 企业变更登记 (市场监督管理局): 2 days, due before the 3 of 设立
const PENSION_CARD = 'GG00602001' // 社会保障卡申领 (人力资源和社会保障局): another department's

test.use({ stationConfig: { profile: 'review', department: 'SCJG' } })

/** The demo hall's 审核 account. */
const REVIEWER = { id: 'R0003', label: '刘芳 R0003' }

/** Opens the review screen by its key once the seeded cases' receipts are printed (each would pop up its preview). */
async function openReview(page: Page, station: Station): Promise<void> {
  await expect.poll(() => station.app.services.printing.jobs({ limit: 500 }).filter((j) => j.state !== 'done').length).toBe(0)
  await page.goto(station.server.openUrl)
  await expect(page.getByTestId('station-name')).toContainText(station.app.services.config.stationName)
  await signIn(page, REVIEWER.id)
  await page.keyboard.press('Alt+8')
  await expect(page.getByTestId('screen-review')).toBeVisible()
  await expect(page.getByRole('heading', { name: '分类审核办理 · 市场监督管理局' })).toBeVisible()
}

/** Presses a key and waits for the `cases.transition` it must send (a swallowed key sends none). */
async function pressForTransition(page: Page, key: string): Promise<void> {
  const sent = page.waitForRequest((r) => r.url().endsWith('/api/cases.transition'), { timeout: 10_000 })
  await page.keyboard.press(key)
  await sent
}

const panelState = (page: Page) => page.getByTestId('review-case-state')

test('review → 补正 with its notice → supplied → approved with the certificate → produced, by keyboard', async ({ page, station }) => {
  const { services } = station.app
  services.session.actAs('王晓明 A0123', 'window')
  const [establish, change] = seedCases(services, 3, [ESTABLISH, CHANGE, PENSION_CARD])
  services.session.actAs(REVIEWER.label, 'reviewer')
  await openReview(page, station)

  // The department's two cases, the one due first on top, each with its light; the other department's is not here.
  await expect(page.getByTestId('review-count')).toHaveText('待办 2 件')
  const rows = page.getByTestId('review-queue').locator('[data-case-no]')
  await expect(rows).toHaveCount(2)
  await expect(rows.nth(0)).toHaveAttribute('data-case-no', change!.caseNo)
  await expect(rows.nth(1)).toHaveAttribute('data-case-no', establish!.caseNo)
  await expect(rows.nth(1).getByTestId('deadline-light')).toHaveAttribute('data-light', 'green')

  // The keyboard is on the list: ↓ moves the cursor to 企业设立登记.
  await expect(page.getByTestId('review-queue')).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(page.getByTestId('review-case-no')).toHaveText(establish!.caseNo)
  await expect(page.getByTestId('review-certificate')).toHaveText('准予时须登记：营业执照')

  await pressForTransition(page, 'Alt+R')
  await expect(panelState(page)).toHaveAttribute('data-state', 'in_review')

  // 补正: the checklist has the keyboard; 2 ticks 公司章程; Tab to the words; Ctrl+Enter.
  await page.keyboard.press('Alt+B')
  await expect(page.getByTestId('supplement-materials')).toBeFocused()
  await page.keyboard.press('2')
  await expect(page.getByTestId('supplement-material-charter')).toBeChecked()
  await page.keyboard.press('Tab')
  await expect(page.getByTestId('supplement-text')).toBeFocused()
  await page.keyboard.insertText('股东会决议缺少全体股东签字')
  await pressForTransition(page, 'Control+Enter')

  // The one-time notice: printed on A4 (a PDF under the data directory) and shown as printed.
  await expect(page.getByTestId('notice-status')).toHaveAttribute('data-state', 'printed', { timeout: 30_000 })
  await expect(page.getByTestId('notice-status')).toContainText('补正材料一次性告知书')
  const sheet = page.getByTestId('notice-dialog').getByTestId('print-preview-sheet')
  await expect(sheet).toContainText('补正材料一次性告知书')
  await expect(sheet).toContainText('公司章程')
  await expect(sheet).toContainText('股东会决议缺少全体股东签字')
  const prints = readdirSync(join(services.config.dataDir, 'prints'))
  expect(prints.some((f) => f.startsWith(`补正材料一次性告知书_${establish!.caseNo}_`))).toBe(true)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('notice-dialog')).toHaveCount(0)

  // The clock stopped: the light is the paused one, in the panel and in the list.
  await expect(panelState(page)).toHaveAttribute('data-state', 'needs_supplement')
  await expect(page.getByTestId('review-panel').getByTestId('deadline-light')).toHaveAttribute('data-light', 'paused')
  await expect(page.getByTestId('review-queue').locator(`[data-case-no="${establish!.caseNo}"]`).getByTestId('deadline-light')).toHaveAttribute('data-light', 'paused')

  // Supplied: back in review, the clock running again.
  await pressForTransition(page, 'Alt+Q')
  await expect(panelState(page)).toHaveAttribute('data-state', 'in_review')
  await expect(page.getByTestId('review-panel').getByTestId('deadline-light')).toHaveAttribute('data-light', 'green')

  // 准予: the certificate's type comes from the catalog; the number is typed; Ctrl+Enter.
  await page.keyboard.press('Alt+Y')
  await expect(page.getByTestId('approve-number')).toBeFocused()
  await expect(page.getByTestId('approve-type')).toHaveValue('营业执照')
  await page.keyboard.insertText('91320302MA7ABCDE1X')
  await pressForTransition(page, 'Control+Enter')
  await expect(panelState(page)).toHaveAttribute('data-state', 'approved')
  await expect(page.getByTestId('review-certificate')).toContainText('营业执照 91320302MA7ABCDE1X')

  // 制证: the case is ready for the output window and leaves the reviewer's list; the cursor goes on to the next.
  await pressForTransition(page, 'Alt+Z')
  await expect(page.getByTestId('review-count')).toHaveText('待办 1 件')
  await expect(page.getByTestId('review-case-no')).toHaveText(change!.caseNo)
  const ready = services.cases.get(establish!.caseNo)
  expect(ready).toMatchObject({ state: 'ready', certificate: { type: '营业执照', number: '91320302MA7ABCDE1X' } })
  expect(ready.timeline.map((e) => e.action)).toEqual(['accept', 'startReview', 'requestSupplement', 'supply', 'approve', 'produce'])

  // The case page shows the certificate the output window will check.
  await page.keyboard.press('Alt+2')
  await page.keyboard.press('Alt+S')
  // The queue mounts after the route changes: the text goes in once its search has the cursor.
  await expect(page.getByTestId('queue-search')).toBeFocused()
  await page.keyboard.insertText(establish!.caseNo)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('case-no')).toHaveText(establish!.caseNo)
  await expect(page.getByTestId('case-certificate')).toContainText('营业执照 91320302MA7ABCDE1X')
  // Its timeline keeps what the decisions said: the materials 补正 asked for, the certificate recorded.
  await expect(page.getByTestId('timeline-missing')).toHaveText('须补正：公司章程')
  await expect(page.getByTestId('timeline-certificate')).toHaveText('证照：营业执照 91320302MA7ABCDE1X')
})

test('a refusal needs its legal basis, then prints the 决定书 with the applicant’s remedies', async ({ page, station }) => {
  const { services } = station.app
  services.session.actAs('王晓明 A0123', 'window')
  const [target] = seedCases(services, 1, [ESTABLISH])
  services.session.actAs(REVIEWER.label, 'reviewer')
  services.cases.transition({ caseNo: target!.caseNo, action: 'startReview' })
  await openReview(page, station)
  await expect(page.getByTestId('review-case-no')).toHaveText(target!.caseNo)
  await expect(panelState(page)).toHaveAttribute('data-state', 'in_review')

  await page.keyboard.press('Alt+J')
  await expect(page.getByTestId('reject-reason')).toBeFocused()
  await page.keyboard.insertText('经营范围涉及前置审批事项，未取得许可')
  // Without the legal basis main refuses, and says so under that field.
  await pressForTransition(page, 'Control+Enter')
  await expect(page.getByTestId('decision-reject')).toContainText('不予办理须写明法律依据')
  await page.keyboard.press('Tab')
  await expect(page.getByTestId('reject-basis')).toBeFocused()
  await page.keyboard.insertText('《中华人民共和国行政许可法》第三十八条第二款')
  await pressForTransition(page, 'Control+Enter')

  await expect(page.getByTestId('notice-status')).toHaveAttribute('data-state', 'printed', { timeout: 30_000 })
  const sheet = page.getByTestId('notice-dialog').getByTestId('print-preview-sheet')
  await expect(sheet).toContainText('不予行政许可决定书')
  await expect(sheet).toContainText('《中华人民共和国行政许可法》第三十八条第二款')
  await expect(sheet).toContainText('六十日内依法申请行政复议')
  await expect(sheet).toContainText('六个月内依法向人民法院提起行政诉讼')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('notice-dialog')).toHaveCount(0)
  // Decided: no longer the reviewer's.
  await expect(page.getByTestId('review-count')).toHaveText('待办 0 件')
  expect(services.cases.get(target!.caseNo).state).toBe('rejected')
})
