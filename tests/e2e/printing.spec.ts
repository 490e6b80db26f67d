/**
 * Printing in preview mode (the demo hall: no printer configured, receipts
 * show on screen): the words say 屏幕预览, never 已打印; the printer lights
 * have a state of their own, not green; the receipt and its button are both
 * in view, and the preview's whole title shows — at the counter's 1366×768.
 */
import type { Locator, Page } from '@playwright/test'
import type { Station } from '../../main/station'
import { anAcceptanceReceipt, CASE_NO } from '../fixtures/printDocuments'
import { signIn, test, expect } from './stationFixture'

type Box = { x: number; y: number; width: number; height: number }

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox()
  if (!box) throw new Error(`${locator.toString()} has no box on screen`)
  return box
}

const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

const isInside = (inner: Box, outer: Box): boolean =>
  inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5

/** An intake ready to accept, saved as the draft the page restores: the accept itself goes through the screen (Ctrl+Enter). */
async function acceptOnScreen(shell: Page, station: Station): Promise<string> {
  const { services } = station.app
  // The clerk signs in on this page; the draft is saved in-process as the same clerk, so the page restores it.
  await signIn(shell, 'A0123')
  services.session.actAs('王晓明 A0123', 'window')
  const item = services.catalog.search('qysl', 1)[0]
  if (!item) throw new Error('the demo hall has no item for qysl')
  services.intake.saveDraft({
    form: {
      applicant: { kind: 'person', name: '李明远', idNumber: '320302198506122313', phone: '13912345678', source: 'typed' },
      itemCode: item.code,
      materials: item.materials.filter((m) => m.required).map((m) => ({ materialId: m.id, receivedCopies: m.copies })),
      delivery: { method: 'window' },
    },
  })
  await shell.reload()
  await expect(shell.getByTestId('item-name')).toContainText(item.name)
  await expect(shell.getByTestId('accept-blockers')).toHaveCount(0)
  await shell.keyboard.press('Control+Enter')
  const caseNo = (await shell.getByTestId('result-case-no').textContent())?.trim() ?? ''
  expect(caseNo).toMatch(/^\d{21}$/)
  await expect(shell.getByTestId('print-preview-sheet')).toContainText(caseNo)
  return caseNo
}

async function switchToEnglish(shell: Page): Promise<void> {
  await shell.getByTestId('locale-switch').click()
  await expect(shell.getByTestId('nav-cases')).toContainText('Cases')
}

test('shows a receipt on screen when the demo hall has no printer, and says screen preview', async ({ shell, station }) => {
  // Shown on the page of the clerk signed in; the receipt submitted in-process as the same clerk.
  await signIn(shell, 'A0123')
  station.app.services.session.actAs('王晓明 A0123', 'window')
  station.app.services.printing.submit({ kind: 'acceptanceReceipt', data: anAcceptanceReceipt() })
  const sheet = shell.getByTestId('print-preview-sheet')
  await expect(sheet).toBeVisible()
  await expect(sheet).toContainText('受理回执')
  await expect(sheet).toContainText(`受理编号：${CASE_NO}`)
  await expect(sheet.locator('svg')).toHaveCount(3) // the case-number barcode and two QR codes
  await expect(shell.getByTestId('print-preview')).toContainText('80 mm 小票')
  const dialog = shell.locator('.ant-modal:visible')
  await expect(dialog.locator('.ant-modal-title')).toHaveText('屏幕预览')
  await expect(shell.getByTestId('print-preview-outcome')).toContainText('屏幕预览')
  await expect(dialog).not.toContainText('已打印')
})

test('opens a receipt preview only on the page of the clerk who printed it, not over a colleague', async ({ shell, station }) => {
  await signIn(shell, 'A0123')
  const { services, dispatcher } = station.app
  // A colleague at another window prints; its job completes (as a preview) before anything else happens.
  services.session.actAs('李娜 A0456', 'window')
  const job = services.printing.submit({ kind: 'acceptanceReceipt', data: anAcceptanceReceipt({ caseNo: '320300202611260010002' }) })
  await expect.poll(() => services.printing.jobs({ limit: 10 }).find((j) => j.id === job.id)?.state).toBe('done')
  // Then a light changes: events reach the page in order, so once it shows, the colleague's job has been heard.
  services.session.actAs('王晓明 A0123', 'window')
  const reported = await dispatcher.invoke('devices.reportCamera', { count: 0, error: 'NotReadableError' }, { transport: 'test' })
  expect(reported, JSON.stringify(reported)).toMatchObject({ ok: true })
  await expect(shell.getByTestId('light-camera')).toHaveAttribute('data-state', 'error')
  expect(await shell.getByTestId('print-preview-outcome').count()).toBe(0)
  // This clerk's own receipt does open.
  services.printing.submit({ kind: 'acceptanceReceipt', data: anAcceptanceReceipt() })
  services.session.actAs(null)
  await expect(shell.getByTestId('print-preview-sheet')).toContainText(`受理编号：${CASE_NO}`)
})

test('lights the printers as screen preview, not green, with what it means on hover and on the devices screen', async ({ shell }) => {
  await signIn(shell, 'A0123')
  for (const device of ['receiptPrinter', 'labelPrinter']) {
    const light = shell.getByTestId(`light-${device}`)
    await expect(light).toHaveAttribute('data-state', 'preview')
    await expect(light.locator('.ant-badge-status-success')).toHaveCount(0)
    await expect(light.locator('.light-screen-glyph')).toBeVisible()
  }
  await shell.getByTestId('light-receiptPrinter').hover()
  await expect(shell.locator('.ant-tooltip:visible')).toContainText('未连接打印机，回执在屏幕上预览')

  await shell.keyboard.press('Alt+7')
  const row = shell.getByTestId('screen-devices').locator('tr[data-row-key="receiptPrinter"]')
  await expect(row).toContainText('屏幕预览')
  await expect(row).toContainText('未连接打印机，回执在屏幕上预览')
  await expect(row).not.toContainText('正常')
  await expect(row.locator('.ant-badge-status-success')).toHaveCount(0)

  await switchToEnglish(shell)
  await expect(row).toContainText('Screen preview')
  await expect(row).toContainText('no printer connected')
})

test.describe('the accepted dialog at 1366×768', () => {
  test.use({ viewport: { width: 1366, height: 768 } })

  for (const locale of ['zh-CN', 'en'] as const) {
    test(`says the accepted receipt is a screen preview, not printed (${locale})`, async ({ shell, station }) => {
      if (locale === 'en') await switchToEnglish(shell)
      await acceptOnScreen(shell, station)
      const state = shell.getByTestId('receipt-state')
      await expect(state).toHaveAttribute('data-state', 'done')
      await expect(state).toContainText(locale === 'en' ? 'screen preview' : '屏幕预览')
      await expect(state).not.toContainText(locale === 'en' ? 'printed (' : '已打印')
      await expect(state).toHaveAttribute('data-output', 'preview')
    })

    test(`shows the preview's whole title, clear of its zoom control (${locale})`, async ({ shell, station }) => {
      if (locale === 'en') await switchToEnglish(shell)
      const caseNo = await acceptOnScreen(shell, station)
      const card = shell.getByTestId('print-preview')
      const head = card.locator('.ant-card-head-title')
      await expect(head).toContainText(caseNo)
      const headBox = await boxOf(head)
      expect(overlaps(headBox, await boxOf(card.locator('.ant-segmented'))), 'the zoom control lies over the title').toBe(false)
      expect(isInside(headBox, await boxOf(card))).toBe(true)
      // Nothing in the title runs past its edge (an ellipsis, or text under the control beside it).
      const isClipped = await head.evaluate(
        (el) => el.scrollWidth > el.clientWidth + 1 || [...el.querySelectorAll('*')].some((c) => c.getBoundingClientRect().right > el.getBoundingClientRect().right + 1),
      )
      expect(isClipped, 'the title is cut off').toBe(false)
    })
  }

  test('keeps the receipt shown, in view and uncovered, whenever its button or Alt+P is pressed', async ({ shell, station }) => {
    const caseNo = await acceptOnScreen(shell, station)
    const viewport = { x: 0, y: 0, width: 1366, height: 768 }
    const button = shell.getByTestId('receipt-show')
    const card = shell.getByTestId('print-preview')
    const sheet = shell.getByTestId('print-preview-sheet')
    for (const press of [() => shell.keyboard.press('Alt+P'), () => button.click(), () => shell.keyboard.press('Alt+P')]) {
      await press()
      await expect(sheet).toContainText(caseNo)
      const buttonBox = await boxOf(button)
      expect(overlaps(await boxOf(card), buttonBox), 'the button covers the receipt').toBe(false)
      expect(isInside(buttonBox, viewport)).toBe(true)
      // The top of the sheet is on screen and nothing lies over it.
      const sheetBox = await boxOf(sheet)
      const probe = { x: sheetBox.x + sheetBox.width / 2, y: sheetBox.y + 40 }
      expect(probe.y).toBeLessThan(viewport.height)
      const isOnTop = await sheet.evaluate((el, p) => el.contains(document.elementFromPoint(p.x, p.y)), probe)
      expect(isOnTop, 'something covers the receipt').toBe(true)
    }
  })
})
