/**
 * 受理 in the station host: the counter's whole intake by keyboard, the
 * checklist rule (a missing required material blocks Accept until 容缺 with
 * a promise date), errors next to their field, and a draft that survives a reload.
 *
 * Typing goes through `keyboard.type` with a delay: faster bursts ending in
 * Enter look like a barcode scanner to the wedge detector, as they should.
 */
import type { Locator, Page } from '@playwright/test'
import { plainDateOf } from '../../main/domain/plainDate'
import { DEMO_PIN } from '../../main/demoOperators'
import { signIn, test, expect } from './stationFixture'

/** Above the wedge detector's 50 ms gap: a person typing, not a scanner. */
const TYPE_DELAY_MS = 60

/** The window clerk signs in on this page; the form opens for them. */
async function signInAtWindow(shell: Page): Promise<void> {
  await signIn(shell, 'A0123')
  await expect(shell.getByTestId('intake-form')).toBeVisible()
}

/** Chinese arrives as an IME commits it (one text input); codes and numbers key by key. */
async function typeInto(shell: Page, field: Locator, text: string): Promise<void> {
  await expect(field).toBeFocused()
  if (/^[\x20-\x7e]*$/.test(text)) await shell.keyboard.type(text, { delay: TYPE_DELAY_MS })
  else await shell.keyboard.insertText(text)
}

const field = (shell: Page, name: string): Locator => shell.getByTestId(`field-${name}`)

test('takes an application from the first key to Accept without the mouse', async ({ shell, station }) => {
  // Signed out, the screen offers sign-in with focus on it: Enter, the staff number, Enter, the PIN, Enter.
  await expect(shell.getByTestId('intake-sign-in')).toBeFocused()
  await shell.keyboard.press('Enter')
  await typeInto(shell, shell.getByTestId('operator-input'), 'A0123')
  await shell.keyboard.press('Enter')
  await typeInto(shell, shell.getByTestId('pin-input'), DEMO_PIN)
  await shell.keyboard.press('Enter')
  await expect(shell.getByTestId('intake-form')).toBeVisible()
  await expect(shell.getByTestId('operator')).toContainText('王晓明 A0123')
  // Focus is where the next keystroke belongs: the applicant's name.
  await typeInto(shell, field(shell, 'applicant.name'), '张晓梅')
  await shell.keyboard.press('Enter')
  await typeInto(shell, field(shell, 'applicant.idNumber'), '320302198506122313')
  await expect(shell.getByTestId('help-applicant.idNumber')).toContainText('1985-06-12')
  await shell.keyboard.press('Enter')
  await typeInto(shell, field(shell, 'applicant.phone'), '13912345678')
  await shell.keyboard.press('Enter')
  await typeInto(shell, field(shell, 'applicant.address'), '江苏省徐州市鼓楼区中山北路88号')
  await shell.keyboard.press('Enter')

  // Item search by pinyin initials: two hits, ↓ then ↑ back to the first, Enter picks.
  await typeInto(shell, shell.getByTestId('item-search'), 'bdcdy')
  const options = shell.getByTestId('item-results').getByRole('option')
  await expect(options).toHaveCount(2)
  await shell.keyboard.press('ArrowDown')
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true')
  await shell.keyboard.press('ArrowUp')
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true')
  await shell.keyboard.press('Enter')
  await expect(shell.getByTestId('item-name')).toContainText('不动产抵押权首次登记')
  await expect(shell.getByTestId('item-summary')).toContainText('¥80.00')

  // The checklist: Space ticks a line (all copies), ↓ moves, Enter moves on past the last line.
  const materials = ['application', 'party-ids', 'title-certificate', 'mortgage-contract']
  await expect(shell.getByTestId('tick-application')).toBeFocused()
  for (const [i, id] of materials.entries()) {
    await shell.keyboard.press('Space')
    await expect(shell.getByTestId(`material-${id}`)).toHaveAttribute('data-state', 'received')
    if (i < materials.length - 1) await shell.keyboard.press('ArrowDown')
  }
  await expect(shell.getByTestId('copies-party-ids')).toHaveValue('2')
  await shell.keyboard.press('Enter')

  // 一票单据交费, then express delivery prefilled from the applicant.
  await typeInto(shell, field(shell, 'fee.receiptNo'), 'FS2026-00871')
  await shell.keyboard.press('Enter')
  await shell.keyboard.press('ArrowRight')
  await expect(field(shell, 'delivery.recipient')).toHaveValue('张晓梅')
  await expect(field(shell, 'delivery.city')).toHaveValue('徐州市')
  await expect(field(shell, 'delivery.address')).toHaveValue('中山北路88号')
  for (let i = 0; i < 7; i++) await shell.keyboard.press('Enter') // from the choice through six express fields to the note
  await expect(field(shell, 'note')).toBeFocused()
  await shell.keyboard.press('Enter')
  await expect(shell.getByTestId('accept')).toBeFocused()
  await shell.keyboard.press('Enter')

  const caseNo = (await shell.getByTestId('result-case-no').textContent())?.trim() ?? ''
  expect(caseNo).toMatch(/^\d{6}\d{8}\d{3}\d{4}$/)
  await expect(shell.getByTestId('result-deadline')).toContainText('1 个工作日')
  // Read back in-process, as the same clerk (a case's full ID number is for a signed-in operator only).
  station.app.services.session.actAs('王晓明 A0123', 'window')
  const stored = station.app.services.cases.get(caseNo)
  expect(stored.applicant.idNumber).toBe('320302198506122313')
  expect(stored.fee).toMatchObject({ cents: 8000, receiptNo: 'FS2026-00871' })
  expect(stored.express).toMatchObject({ recipient: '张晓梅', province: '江苏省', district: '鼓楼区' })
  expect(stored.materials.every((m) => m.status === 'received')).toBe(true)
  await expect(shell.getByTestId('result-deadline')).toContainText(stored.deadline)
  // The receipt was queued with the case; with no printer it shows right here, not in a second dialog.
  await expect(shell.getByTestId('receipt-state')).toHaveAttribute('data-state', 'done')
  await expect(shell.getByTestId('print-preview-sheet')).toContainText(caseNo)
  await expect(shell.locator('.ant-modal:visible')).toHaveCount(1)
  await shell.screenshot({ path: test.info().outputPath('accepted.png') })
  // Alt+P, like the button, shows the receipt it names: it stays on screen (printing.spec.ts checks it stays in view).
  await shell.keyboard.press('Alt+P')
  await expect(shell.getByTestId('print-preview-sheet')).toContainText(caseNo)

  // Enter: the next applicant, on an empty form.
  await shell.keyboard.press('Enter')
  await expect(shell.getByTestId('accept-result')).toHaveCount(0)
  await expect(field(shell, 'applicant.name')).toBeFocused()
  await expect(field(shell, 'applicant.name')).toHaveValue('')
})

/** Applicant filled and the 个体工商户设立登记 checklist open, without a case yet. */
async function startSoleTrader(shell: Page): Promise<void> {
  await signInAtWindow(shell)
  await field(shell, 'applicant.name').fill('李明远')
  await field(shell, 'applicant.idNumber').fill('320302198506122313')
  await field(shell, 'applicant.phone').fill('13805161234')
  await shell.keyboard.press('Alt+S')
  await typeInto(shell, shell.getByTestId('item-search'), 'gtgsh')
  await expect(shell.getByTestId('item-results').getByRole('option').first()).toContainText('个体工商户设立登记')
  await shell.keyboard.press('Enter')
  await expect(shell.getByTestId('tick-application')).toBeFocused()
}

test('a missing required material blocks Accept until it is deferred with a promise date', async ({ shell, station }) => {
  await startSoleTrader(shell)
  await shell.keyboard.press('Space') // application
  await shell.keyboard.press('ArrowDown')
  await shell.keyboard.press('Space') // applicant-id; premises stays missing
  await shell.keyboard.press('Control+Enter')
  await expect(shell.getByTestId('error-premises')).toContainText('经营场所使用证明')
  await expect(shell.getByTestId('tick-premises')).toBeFocused()
  await expect(shell.getByTestId('accept-blockers')).toContainText('经营场所使用证明')
  expect(station.app.services.cases.count({}).count).toBe(0)

  // 容缺 without a date still blocks; with a working day after today it goes through.
  await shell.keyboard.press('Alt+R')
  await expect(shell.getByTestId('promise-premises')).toBeFocused()
  await shell.keyboard.press('Control+Enter')
  await expect(shell.getByTestId('error-premises')).toContainText('承诺补交日期')
  expect(station.app.services.cases.count({}).count).toBe(0)
  // As the counter counts it: a day in a year whose holidays are not imported yet is counted provisionally, never refused.
  const promise = station.app.services.calendar.deadlineAnswer(plainDateOf(new Date()), 3).deadline
  await typeInto(shell, shell.getByTestId('promise-premises'), promise)
  await expect(shell.getByTestId('accept-blockers')).toHaveCount(0)
  await shell.keyboard.press('Control+Enter')

  await expect(shell.getByTestId('result-deferred')).toContainText(`经营场所使用证明 — ${promise}`)
  const caseNo = (await shell.getByTestId('result-case-no').textContent())?.trim() ?? ''
  station.app.services.session.actAs('王晓明 A0123', 'window')
  const premises = station.app.services.cases.get(caseNo).materials.find((m) => m.materialId === 'premises')
  expect(premises).toMatchObject({ status: 'deferred', promiseDate: promise })
})

test('a bad ID number is flagged while typing, and Accept puts main’s refusal next to the field', async ({ shell, station }) => {
  await signInAtWindow(shell)
  await typeInto(shell, field(shell, 'applicant.name'), '王秀兰')
  await shell.keyboard.press('Enter')
  await typeInto(shell, field(shell, 'applicant.idNumber'), '320303196203050023')
  await expect(shell.getByTestId('help-applicant.idNumber')).toContainText('校验位')
  await expect(field(shell, 'applicant.idNumber')).toHaveAttribute('aria-invalid', 'true')

  await field(shell, 'applicant.phone').fill('13912345678')
  await shell.keyboard.press('Alt+S')
  await typeInto(shell, shell.getByTestId('item-search'), 'grsds')
  await expect(shell.getByTestId('item-results').getByRole('option').first()).toContainText('个人所得税纳税记录开具')
  await shell.keyboard.press('Enter')
  await shell.keyboard.press('Space')
  await shell.keyboard.press('Control+Enter')

  // Main refuses; the message names the field, focus goes there, nothing typed is lost.
  await expect(shell.getByTestId('help-applicant.idNumber')).toContainText('申请人身份证号码有误')
  await expect(field(shell, 'applicant.idNumber')).toBeFocused()
  await expect(field(shell, 'applicant.name')).toHaveValue('王秀兰')
  await expect(shell.getByTestId('item-name')).toContainText('个人所得税纳税记录开具')
  expect(station.app.services.cases.count({}).count).toBe(0)

  // Fixing the number clears the error and Accept goes through.
  await field(shell, 'applicant.idNumber').fill('320303196203050022')
  await shell.keyboard.press('Control+Enter')
  await expect(shell.getByTestId('result-case-no')).toBeVisible()
})

test('the draft comes back after a reload, item, ticks and all', async ({ shell }) => {
  await startSoleTrader(shell)
  await shell.keyboard.press('Space')
  await shell.keyboard.press('Alt+F') // no fee on this item: nothing happens, nothing breaks
  await expect(shell.getByTestId('draft-status')).toHaveAttribute('data-state', 'saved')

  await shell.reload()
  await expect(shell.getByTestId('draft-status')).toContainText('已取回上次未完成的草稿')
  await expect(field(shell, 'applicant.name')).toHaveValue('李明远')
  await expect(field(shell, 'applicant.idNumber')).toHaveValue('320302198506122313')
  await expect(shell.getByTestId('item-name')).toContainText('个体工商户设立登记')
  await expect(shell.getByTestId('material-application')).toHaveAttribute('data-state', 'received')
  await expect(shell.getByTestId('material-premises')).toHaveAttribute('data-state', 'missing')
  // Restored with an item picked: focus waits on the checklist.
  await expect(shell.getByTestId('tick-application')).toBeFocused()
})
