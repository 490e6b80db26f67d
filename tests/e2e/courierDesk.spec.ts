/**
 * The courier desk (寄递) in the station host, on the demo hall's defaults:
 * the manual carrier (pre-printed waybills), preview printers, the emulated
 * ID card reader. Cases are brought to `ready` with express delivery through
 * the app's own services; everything at the desk is done by the keyboard —
 * but the courier's signature, which is drawn on the pad.
 */
import type { Page } from '@playwright/test'
import { makeSfWaybillNo } from '../../main/domain/dispatch/waybillCheck'
import type { IntakeForm } from '../../main/domain/intakeForm'
import type { Station } from '../../main/station'
import { applicantOf } from '../fixtures/queueSeed'
import { sendKeyBurst } from './keyBursts'
import { expect, signIn, test } from './stationFixture'

test.use({ stationConfig: { devices: { idcard: { mode: 'emulator', pollMs: 100 } } } })

/** The demo hall's 寄递 account. */
const COURIER = { id: 'K0007', label: '赵强 K0007' }
const ITEM = 'XK00201004' // 个体工商户设立登记: window or express
/** A USB wedge scanner's pace: a key every 4 ms. */
const SCANNER_GAP_MS = 4

/** A case accepted, reviewed, approved and produced (待出件), its certificate to go by express unless `window`. */
function aReadyCase(station: Station, i: number, delivery: 'express' | 'window' = 'express'): string {
  const { services } = station.app
  const item = services.catalog.item(ITEM)
  const a = applicantOf(i)
  const form: IntakeForm = {
    applicant: { kind: 'person', name: a.name, idNumber: a.idNumber, phone: a.phone, source: 'typed' },
    itemCode: item.code,
    materials: item.materials.map((m) => ({ materialId: m.id, receivedCopies: m.copies })),
    delivery:
      delivery === 'express'
        ? { method: 'express', recipient: a.name, phone: a.phone, province: '江苏省', city: '徐州市', district: '鼓楼区', address: `中山北路 ${12 + i} 号` }
        : { method: 'window' },
  }
  // Each step in-process as the demo hall's operator whose step it is.
  services.session.actAs('王晓明 A0123', 'window')
  const { caseNo } = services.intake.accept({ form })
  // 个体工商户设立登记 issues 营业执照: its number is recorded at approval.
  const certificate = { type: '营业执照', number: `92320302MA${String(i).padStart(8, '0')}` }
  services.session.actAs('刘芳 R0003', 'reviewer')
  for (const action of ['startReview', 'approve'] as const) services.cases.transition({ caseNo, action, ...(action === 'approve' ? { certificate } : {}) })
  services.session.actAs('周敏 C0310', 'output')
  services.cases.transition({ caseNo, action: 'produce' })
  services.session.actAs(COURIER.label, 'courier')
  return caseNo
}

/** Opens the desk, the courier desk's clerk signed in, once the seeded cases' receipts are printed (each would otherwise pop up its on-screen preview). */
async function openDesk(page: Page, station: Station): Promise<void> {
  await expect.poll(() => station.app.services.printing.jobs({ limit: 500 }).filter((j) => j.state !== 'done').length).toBe(0)
  await page.goto(station.server.openUrl)
  await expect(page.getByTestId('station-name')).toContainText(station.app.services.config.stationName)
  await signIn(page, COURIER.id)
  await page.keyboard.press('Alt+4')
  await expect(page.getByTestId('screen-courier')).toBeVisible()
  await expect(page.getByTestId('desk-carrier')).toHaveAttribute('data-kind', 'manual')
  await expect(page.getByTestId('desk-entry')).toBeFocused()
}

/** `SF1000000000011` → `SF 1000 0000 0001 1`, as the label and the desk show it. */
function grouped(waybillNo: string): string {
  return [waybillNo.slice(0, 2), waybillNo.slice(2, 6), waybillNo.slice(6, 10), waybillNo.slice(10, 14), waybillNo.slice(14)].join(' ')
}

/** The courier signs: three strokes across the pad with the mouse, as a finger or stylus would. */
async function sign(page: Page): Promise<void> {
  const box = await page.getByTestId('signature-pad').boundingBox()
  if (!box) throw new Error('the signature pad is not on screen')
  const strokes = [
    [0.1, 0.6, 0.3, 0.3, 0.45, 0.7],
    [0.45, 0.4, 0.6, 0.25, 0.7, 0.65],
    [0.72, 0.5, 0.85, 0.35, 0.92, 0.6],
  ]
  for (const [x1, y1, x2, y2, x3, y3] of strokes) {
    await page.mouse.move(box.x + box.width * x1!, box.y + box.height * y1!)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width * x2!, box.y + box.height * y2!, { steps: 8 })
    await page.mouse.move(box.x + box.width * x3!, box.y + box.height * y3!, { steps: 8 })
    await page.mouse.up()
  }
  await expect(page.getByTestId('signature-pad')).toHaveAttribute('data-signed', 'true')
}

test('the desk from scan to printed handover list, keyboard only', async ({ page, station }) => {
  const { services } = station.app
  const scanned = aReadyCase(station, 1)
  const typed = aReadyCase(station, 2)
  const atWindow = aReadyCase(station, 3, 'window')
  const firstWaybill = makeSfWaybillNo(1_000_000_001)
  const secondWaybill = makeSfWaybillNo(1_000_000_002)
  await openDesk(page, station)
  const entry = page.getByTestId('desk-entry')
  const outcome = page.getByTestId('desk-outcome')

  // A receipt scanned (wedge): the case can go, the desk asks for the pre-printed waybill; its scan binds it.
  await sendKeyBurst(page, scanned, { gapMs: SCANNER_GAP_MS })
  await expect(entry).toHaveAttribute('data-phase', 'awaitingWaybill')
  await expect(page.locator('label[for="desk-entry"]')).toContainText(scanned)
  await sendKeyBurst(page, firstWaybill, { gapMs: SCANNER_GAP_MS })
  await expect(page.getByTestId('desk-waybill')).toContainText(grouped(firstWaybill))
  // The label went to the screen (no printer in the demo hall): shown beside the outcome, not in a dialog over it.
  await expect(page.getByTestId('desk-label-state')).toHaveAttribute('data-label', 'preview')
  await expect(page.getByTestId('desk-label-preview').getByTestId('print-preview-sheet')).toBeVisible()
  await expect(page.getByTestId('desk-batch').locator(`[data-case-no="${scanned}"]`)).toContainText(firstWaybill)
  await expect(entry).toBeFocused()

  // A case number typed + Enter, then the waybill typed + Enter: the same path.
  await page.keyboard.insertText(typed)
  await page.keyboard.press('Enter')
  await expect(entry).toHaveAttribute('data-phase', 'awaitingWaybill')
  await expect(entry).toHaveValue('')
  await page.keyboard.insertText(secondWaybill)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('desk-label-state')).toHaveAttribute('data-label', 'preview')
  await expect(page.getByTestId('desk-batch').locator(`[data-case-no="${typed}"]`)).toContainText(secondWaybill)
  await expect(page.getByTestId('batch-count')).toHaveText('2 件')

  // A window-pickup case is refused with its reason; the typed number stays to correct.
  await page.keyboard.insertText(atWindow)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('desk-refusal')).toHaveAttribute('data-reason', 'window_pickup')
  await expect(outcome).toContainText('窗口领取')
  await expect(entry).toHaveValue(atWindow)
  await page.keyboard.press('Escape')
  await expect(entry).toHaveAttribute('data-phase', 'idle')

  // Alt+H: the handover. The courier taps their card (the demo hall's tap, reached by Shift+Tab from the name) and signs.
  await page.keyboard.press('Alt+H')
  const dialog = page.getByTestId('close-batch-dialog')
  await expect(dialog).toContainText('2 件')
  await expect(page.getByTestId('courier-name')).toBeFocused()
  // Without a signature the handover is refused before anything is sent.
  await page.keyboard.press('Control+Enter')
  await expect(dialog).toContainText('请读取或填写快递员姓名')
  await expect(dialog).toContainText('请快递员签名')
  const tap = page.getByTestId('demo-card-tap-button')
  await expect(tap).toBeEnabled()
  await expect(page.getByTestId('courier-name')).toBeFocused()
  await page.keyboard.press('Shift+Tab')
  await expect(tap).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('courier-name')).toHaveValue('李明远')
  await expect(page.getByTestId('courier-idNumber')).toHaveValue('320302198506122313')
  await expect(page.getByTestId('courier-card-notice')).toContainText('李明远')
  await sign(page)
  await page.keyboard.press('Control+Enter')

  // Closed: what left, what stays, and the handover list (A4) as it printed.
  const closed = page.getByTestId('batch-closed')
  await expect(closed).toContainText('本批已交接：2 件')
  await expect(page.getByTestId('batch-left')).toHaveText('留待下一批：0 件')
  await expect(closed.getByTestId('print-preview-title')).toContainText('交接清单')
  const sheet = closed.getByTestId('print-preview-sheet')
  await expect(sheet).toContainText(firstWaybill)
  await expect(sheet).toContainText(secondWaybill)
  await expect(sheet).toContainText('李明远')
  for (const caseNo of [scanned, typed]) expect(services.cases.get(caseNo).state).toBe('handed_over')
  expect(services.cases.get(atWindow).state).toBe('ready')

  // Enter: back at the desk, an empty batch, the field ready for the next parcel.
  await page.keyboard.press('Enter')
  await expect(closed).toBeHidden()
  await expect(page.getByTestId('batch-count')).toHaveText('0 件')
  await expect(entry).toBeFocused()
})

test.describe('at a courier station', () => {
  test.use({ stationConfig: { profile: 'courier', devices: { idcard: { mode: 'emulator', pollMs: 100 } } } })

  test('a receipt scanned on another screen is put on the desk, and its waybill scan ships it', async ({ page, station }) => {
    const caseNo = aReadyCase(station, 4)
    const waybillNo = makeSfWaybillNo(1_000_000_004)
    await expect.poll(() => station.app.services.printing.jobs({ limit: 50 }).filter((j) => j.state !== 'done').length).toBe(0)
    await page.goto(station.server.openUrl)
    await expect(page.getByTestId('station-name')).toContainText(station.app.services.config.stationName)
    await signIn(page, COURIER.id)
    await page.keyboard.press('Alt+2')
    await expect(page.getByTestId('screen-cases')).toBeVisible()

    await sendKeyBurst(page, caseNo, { gapMs: SCANNER_GAP_MS })
    await expect(page.getByText(`办件 ${caseNo} 已放到寄递台`)).toBeVisible()
    await expect(page.getByTestId('desk-entry')).toHaveAttribute('data-phase', 'awaitingWaybill')
    await expect(page.locator('label[for="desk-entry"]')).toContainText(caseNo)
    // The case number left the address: a reload or Back does not put it on the desk again.
    await expect.poll(() => new URL(page.url()).hash).toBe('#/courier')

    await sendKeyBurst(page, waybillNo, { gapMs: SCANNER_GAP_MS })
    await expect(page.getByTestId('desk-waybill')).toContainText(grouped(waybillNo))
    await expect(page.getByTestId('desk-batch').locator(`[data-case-no="${caseNo}"]`)).toContainText(waybillNo)
    expect(station.app.services.cases.get(caseNo).state).toBe('shipping')
  })
})

test('a shipment is cancelled from the desk with a reason, by the keyboard: the case back to ready, the batch empty', async ({ page, station }) => {
  const { services } = station.app
  const caseNo = aReadyCase(station, 5)
  const waybillNo = makeSfWaybillNo(1_000_000_005)
  await openDesk(page, station)
  // A real (here: manual) carrier: no demo clock on the desk.
  await expect(page.getByTestId('demo-carrier-clock')).toHaveCount(0)
  await sendKeyBurst(page, caseNo, { gapMs: SCANNER_GAP_MS })
  await expect(page.getByTestId('desk-entry')).toHaveAttribute('data-phase', 'awaitingWaybill')
  await sendKeyBurst(page, waybillNo, { gapMs: SCANNER_GAP_MS })
  await expect(page.getByTestId('desk-batch').locator(`[data-case-no="${caseNo}"]`)).toContainText(waybillNo)
  const shipment = services.dispatch.shipments({ limit: 10 }).find((s) => s.caseNo === caseNo)!

  // The row's cancel is a Tab stop like every desk button; Enter opens the question.
  const cancel = page.getByTestId(`cancel-shipment-${shipment.id}`)
  await cancel.focus()
  await page.keyboard.press('Enter')
  const reason = page.getByTestId('shipment-cancel-reason')
  await expect(reason).toBeFocused()
  await expect(page.getByRole('dialog')).toContainText(waybillNo)
  // No reason, no cancel: main says what is missing and the question stays.
  await page.keyboard.press('Control+Enter')
  await expect(page.getByRole('dialog')).toContainText('请填写取消寄递的原因')
  await page.keyboard.insertText('申请人改为窗口自取')
  await page.keyboard.press('Control+Enter')

  await expect(reason).toBeHidden()
  await expect(page.getByText(`办件 ${caseNo} 已取消寄递`)).toBeVisible()
  await expect(page.getByTestId('batch-count')).toHaveText('0 件')
  expect(services.cases.get(caseNo).state).toBe('ready')
  expect(services.cases.get(caseNo).timeline.at(-1)).toMatchObject({ action: 'unship', note: '取消寄递：申请人改为窗口自取' })
})

test.describe('in the demo hall, on the carrier emulator', () => {
  test.use({ stationConfig: { devices: { idcard: { mode: 'emulator', pollMs: 100 } }, carrier: { kind: 'emulator', autoPickupAfterMs: 0 } } })

  test('the demo clock on the desk moves the carrier a day ahead and the parcel shows 签收', async ({ page, station }) => {
    const { services } = station.app
    const caseNo = aReadyCase(station, 6)
    await expect.poll(() => services.printing.jobs({ limit: 50 }).filter((j) => j.state !== 'done').length).toBe(0)
    await page.goto(station.server.openUrl)
    await expect(page.getByTestId('station-name')).toContainText(services.config.stationName)
    await signIn(page, COURIER.id)
    await page.keyboard.press('Alt+4')
    await expect(page.getByTestId('desk-carrier')).toHaveAttribute('data-kind', 'http')
    await expect(page.getByTestId('desk-entry')).toBeFocused()
    await page.keyboard.insertText(caseNo)
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('desk-waybill')).toContainText('SF')
    const row = page.getByTestId('desk-batch').locator(`[data-case-no="${caseNo}"]`)

    const advance = page.getByTestId('demo-carrier-advance')
    await advance.focus()
    await page.keyboard.press('Enter')

    await expect(page.getByTestId('demo-carrier-outcome')).toContainText('承运商时钟已到')
    // The emulator pushes the day's events to the station host (and the poll asks for them): the batch shows 签收.
    await expect(row.locator('[data-status]')).toHaveAttribute('data-status', 'delivered')
    await expect(row).toContainText('已签收')
  })
})
