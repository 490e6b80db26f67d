/**
 * 好差评 in the station host, by keyboard only: the clerk accepts a case and
 * offers the rating (Alt+E); the applicant rates on the same screen (no
 * customer panel attached) or on a second browser window at `#/rate`; a
 * 差评 appears on the supervisor's 统计 screen with its light, and the
 * return visit closes it.
 *
 * Typing goes through `keyboard.type` with a delay: faster bursts ending in
 * Enter look like a barcode scanner to the wedge detector, as they should.
 */
import type { Locator, Page } from '@playwright/test'
import { signIn, test, expect } from './stationFixture'

/** Above the wedge detector's 50 ms gap: a person typing, not a scanner. */
const TYPE_DELAY_MS = 60

async function typeInto(page: Page, field: Locator, text: string): Promise<void> {
  await expect(field).toBeFocused()
  if (/^[\x20-\x7e]*$/.test(text)) await page.keyboard.type(text, { delay: TYPE_DELAY_MS })
  else await page.keyboard.insertText(text)
}

/** 个人所得税纳税记录开具 (one material) for 王秀兰, typed and accepted without the mouse; answers the case number. */
async function acceptByKeyboard(shell: Page): Promise<string> {
  await signIn(shell, 'A0123')
  await expect(shell.getByTestId('intake-form')).toBeVisible()
  await typeInto(shell, shell.getByTestId('field-applicant.name'), '王秀兰')
  await shell.keyboard.press('Enter')
  await typeInto(shell, shell.getByTestId('field-applicant.idNumber'), '320303196203050022')
  await shell.keyboard.press('Enter')
  await typeInto(shell, shell.getByTestId('field-applicant.phone'), '13912345678')
  await shell.keyboard.press('Alt+S')
  await typeInto(shell, shell.getByTestId('item-search'), 'grsds')
  await expect(shell.getByTestId('item-results').getByRole('option').first()).toContainText('个人所得税纳税记录开具')
  await shell.keyboard.press('Enter')
  await shell.keyboard.press('Space')
  await shell.keyboard.press('Control+Enter')
  const caseNo = (await shell.getByTestId('result-case-no').textContent())?.trim() ?? ''
  expect(caseNo).not.toBe('')
  return caseNo
}

test('a 差评 given on the counter screen becomes a follow-up with its light, and the return visit closes it', async ({ shell, station }) => {
  const caseNo = await acceptByKeyboard(shell)

  // No customer panel attached: Alt+E turns this screen to the applicant.
  await shell.keyboard.press('Alt+E')
  const pad = shell.getByTestId('rating-pad')
  await expect(pad).toHaveAttribute('data-step', 'grade')
  await expect(pad).toContainText('个人所得税纳税记录开具')
  await expect(pad).toContainText('王**')
  await shell.keyboard.press('1')
  await expect(pad).toHaveAttribute('data-step', 'reasons')
  // A 差评 with no reason does not go: the pad says why, nothing is stored.
  await shell.keyboard.press('Enter')
  await expect(shell.getByTestId('rating-error')).toContainText('至少选择一项原因')
  expect(station.app.services.ratings.forCase(caseNo)).toEqual([])
  await shell.keyboard.press('3')
  await expect(shell.getByTestId('reason-attitude')).toHaveAttribute('aria-pressed', 'true')
  await expect(shell.getByTestId('rating-error')).toHaveCount(0)
  await shell.screenshot({ path: test.info().outputPath('rating-reasons.png') })
  await shell.keyboard.press('Enter')
  await expect(shell.getByTestId('rating-thanks')).toBeVisible()
  const [followUp] = station.app.services.ratings.followUps()
  expect(followUp).toMatchObject({ caseNo, visit: 'intake', grade: 1, reasons: ['attitude'], state: 'open', signed: true, staff: '王晓明 A0123' })
  await expect(shell.getByTestId('rating-thanks')).toContainText(followUp!.dueDate)

  // Enter hands the screen back: the accepted dialog shows the rating; Enter again starts the next applicant.
  await shell.keyboard.press('Enter')
  await expect(pad).toHaveCount(0)
  await expect(shell.getByTestId('rating-result')).toContainText('非常不满意')
  await expect(shell.getByTestId('rating-result')).toContainText(followUp!.dueDate)
  await shell.keyboard.press('Enter')
  await expect(shell.getByTestId('accept-result')).toHaveCount(0)

  // The clerk signs out; the supervisor (值班长) signs in on the same screen.
  await shell.getByTestId('sign-out').click()
  await expect(shell.getByTestId('operator')).toContainText('未登录')
  await signIn(shell, 'B0042')
  // The supervisor's 统计 screen, its 差评整改 tab (F): the follow-up with its due date and a green light, focus on the list.
  await shell.keyboard.press('Alt+6')
  await expect(shell.getByTestId('report-view')).toBeVisible()
  await shell.keyboard.press('f')
  const row = shell.locator(`[data-follow-up="${caseNo}/intake"]`)
  await expect(row).toContainText('非常不满意')
  await expect(row).toContainText('服务态度')
  await expect(row.getByTestId('follow-up-due')).toHaveText(followUp!.dueDate)
  await expect(row.getByTestId('deadline-light')).toHaveAttribute('data-light', 'green')
  await expect(shell.getByTestId('follow-ups-count')).toHaveText('待整改 1 件')
  await expect(shell.getByTestId('follow-up-list')).toBeFocused()
  await shell.screenshot({ path: test.info().outputPath('follow-ups.png') })

  // Enter: the return visit of this signed 差评; Ctrl+Enter saves it and the follow-up closes.
  await shell.keyboard.press('Enter')
  await typeInto(shell, shell.getByTestId('follow-up-note'), '电话回访：已向评价人致歉，窗口人员已培训')
  await shell.keyboard.press('Tab')
  await expect(shell.getByTestId('follow-up-signed')).toBeFocused()
  await shell.keyboard.press('Space')
  await shell.keyboard.press('Control+Enter')
  await expect(shell.getByTestId('follow-up-done')).toContainText(caseNo)
  await expect(row).toHaveCount(0)
  await expect(shell.getByTestId('follow-ups-count')).toHaveText('待整改 0 件')
  expect(station.app.services.ratings.forCase(caseNo)[0]!.followUp).toMatchObject({
    state: 'closed',
    returnVisit: { by: '陈静 B0042', note: '电话回访：已向评价人致歉，窗口人员已培训', signed: true },
  })
})

test('a second browser window at #/rate is the customer panel: the offer goes there and the clerk sees the grade', async ({ shell, station }) => {
  const panel = await shell.context().newPage()
  await panel.goto(`${station.server.url}#/rate&token=${station.server.token}`)
  await expect(panel.getByTestId('customer-panel-idle')).toBeVisible()
  await expect.poll(() => station.app.services.ratings.board.state().panels).toBe(1)

  const caseNo = await acceptByKeyboard(shell)
  await shell.keyboard.press('Alt+E')
  await expect(shell.getByTestId('rating-waiting')).toContainText('已推送到评价屏')
  await expect(shell.getByTestId('rating-pad')).toHaveCount(0)

  const pad = panel.getByTestId('rating-pad')
  await expect(pad).toHaveAttribute('data-case-no', caseNo)
  await panel.keyboard.press('5')
  await expect(panel.getByTestId('rating-thanks')).toHaveAttribute('data-grade', '5')
  await expect(shell.getByTestId('rating-result')).toContainText('非常满意')
  expect(station.app.services.ratings.forCase(caseNo)).toMatchObject([{ visit: 'intake', grade: 5, followUp: null }])
  expect(station.app.services.ratings.followUps()).toEqual([])
  // The panel keeps its thanks up until the next applicant's offer.
  await expect(panel.getByTestId('rating-thanks')).toBeVisible()
  await panel.screenshot({ path: test.info().outputPath('panel-thanks.png') })
})
