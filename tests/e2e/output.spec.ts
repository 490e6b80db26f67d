/**
 * The output window (统一窗口出件) in the station host, on the demo hall's
 * defaults: the emulated ID card reader, preview printers. Cases are brought
 * to `ready` through the app's own services (intake, review with the
 * certificate recorded at approval, production). Everything at the window is
 * done by the keyboard — but the collector's signature, drawn on the pad.
 * From the card tap to the receipt the applicant's handover takes at most
 * three actions, counted like the intake's: each key or shortcut one, the
 * signature one; assertions between them are not actions.
 */
import type { Page } from '@playwright/test'
import { AUTHORISATION_LETTER_MATERIAL } from '../../main/domain/collection'
import type { Station } from '../../main/station'
import { auditRowsOf } from '../../main/store/auditChain'
import { databaseFile, openDatabaseReadOnly } from '../../main/store/database'
import { expect, signIn, test } from './stationFixture'

test.use({ stationConfig: { devices: { idcard: { mode: 'emulator', pollMs: 100 } } } })

/** 个体工商户设立登记: issues a 营业执照, window or express. */
const ITEM = 'XK00201004'
/** The demo reader's cards (resources/demo/cards.json). */
const APPLICANT_CARD = 0 // 李明远 320302198506122313
const OTHER_CARD = 1 // 王秀兰 320303196203050022
const MAX_ACTIONS = 3
/** The demo hall's 出件 account. */
const CLERK = { id: 'C0310', label: '周敏 C0310' }
/** Above the wedge detector's 50 ms gap: a person typing, not a scanner. */
const TYPE_DELAY_MS = 60

/** A case of 李明远's accepted, reviewed, approved with its licence number, and produced (待出件). */
function aReadyCase(station: Station, licenceNo: string): string {
  const { services } = station.app
  const item = services.catalog.item(ITEM)
  // Each step in-process as the demo hall's operator whose step it is; the output window's clerk last.
  services.session.actAs('王晓明 A0123', 'window')
  const { caseNo } = services.intake.accept({
    form: {
      applicant: { kind: 'person', name: '李明远', idNumber: '320302198506122313', phone: '13912345678', source: 'card' },
      itemCode: item.code,
      materials: item.materials.map((m) => ({ materialId: m.id, receivedCopies: m.copies })),
      delivery: { method: 'window' },
    },
  })
  services.session.actAs('刘芳 R0003', 'reviewer')
  services.cases.transition({ caseNo, action: 'startReview' })
  services.cases.transition({ caseNo, action: 'approve', certificate: { type: '营业执照', number: licenceNo } })
  services.session.actAs(CLERK.label, 'output')
  services.cases.transition({ caseNo, action: 'produce' })
  return caseNo
}

/** Opens the window, its clerk signed in, once the seeded cases' receipts are printed (each would otherwise pop up its on-screen preview). */
async function openWindow(page: Page, station: Station): Promise<void> {
  await expect.poll(() => station.app.services.printing.jobs({ limit: 500 }).filter((j) => j.state !== 'done').length).toBe(0)
  await page.goto(station.server.openUrl)
  await expect(page.getByTestId('station-name')).toContainText(station.app.services.config.stationName)
  await signIn(page, CLERK.id)
  await page.keyboard.press('Alt+3')
  await expect(page.getByTestId('screen-output')).toBeVisible()
  await expect(page.getByTestId('light-idcard')).toHaveAttribute('data-state', 'ok')
}

/** The person at the counter taps their card on the emulated reader (the demo command the tap panel uses). */
async function tapCard(station: Station, cardIndex: number): Promise<void> {
  const placed = await station.app.dispatcher.invoke('demo.idcard.place', { cardIndex }, { transport: 'test' })
  expect(placed.ok).toBe(true)
}

/** The collector signs: three strokes across the pad with the mouse, as a finger or stylus would. */
async function sign(page: Page): Promise<void> {
  const box = await page.getByTestId('signature-pad').boundingBox()
  if (!box) throw new Error('the signature pad is not on screen')
  for (const [x1, y1, x2, y2] of [
    [0.1, 0.6, 0.4, 0.3],
    [0.45, 0.4, 0.7, 0.65],
    [0.72, 0.5, 0.92, 0.35],
  ]) {
    await page.mouse.move(box.x + box.width * x1!, box.y + box.height * y1!)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width * x2!, box.y + box.height * y2!, { steps: 8 })
    await page.mouse.up()
  }
  await expect(page.getByTestId('signature-pad')).toHaveAttribute('data-signed', 'true')
}

/** The clerk's hands, counted. */
class CountedHands {
  actions: string[] = []
  constructor(private readonly page: Page) {}

  async press(key: string): Promise<void> {
    this.actions.push(key)
    await this.page.keyboard.press(key)
  }

  async sign(): Promise<void> {
    this.actions.push('signature')
    await sign(this.page)
  }
}

function auditActions(station: Station, caseNo: string): string[] {
  const reader = openDatabaseReadOnly(databaseFile(station.app.services.config.dataDir))
  try {
    return auditRowsOf(reader, caseNo).map((r) => r.action)
  } finally {
    reader.close()
  }
}

test('hands a certificate to the applicant in three actions after the card tap, and prints the output receipt', async ({ page, station }) => {
  const caseNo = aReadyCase(station, '92320302MA1XYW12B0')
  await openWindow(page, station)

  await tapCard(station, APPLICANT_CARD)
  await expect(page.getByTestId('output-collector-name')).toHaveText('李明远')
  await expect(page.getByTestId('output-case')).toHaveAttribute('data-case-no', caseNo)
  await expect(page.getByTestId('output-verdict')).toHaveAttribute('data-role', 'applicant')
  // The number recorded at approval, in its field, focused: the clerk checks it against the licence in hand.
  const certificate = page.getByTestId('output-certificate')
  await expect(certificate).toHaveValue('92320302MA1XYW12B0')
  await expect(certificate).toBeFocused()

  const hands = new CountedHands(page)
  // 1. Enter confirms the number; the pad is next.
  await hands.press('Enter')
  await expect(page.getByTestId('output-signature-box')).toBeFocused()
  // 2. The applicant signs.
  await hands.sign()
  // 3. Ctrl+Enter hands over.
  await hands.press('Control+Enter')

  await expect(page.getByTestId('output-result')).toHaveAttribute('data-state', 'collected')
  await expect(page.getByTestId('output-result-title')).toContainText(caseNo)
  const sheet = page.getByTestId('print-preview-sheet')
  await expect(sheet).toContainText('出件回执')
  await expect(sheet).toContainText(caseNo)
  await expect(sheet).toContainText('李**（本人）')
  await expect(sheet).toContainText('92320302MA1XYW12B0')
  // Shown in the result only: no print dialog over the window for the next person.
  await expect(page.getByTestId('print-preview-outcome')).toHaveCount(0)
  expect(hands.actions, hands.actions.join(' · ')).toHaveLength(MAX_ACTIONS)

  const stored = station.app.services.cases.get(caseNo)
  expect(stored.state).toBe('collected')
  expect(stored.timeline.at(-1)).toMatchObject({ action: 'collect', operator: CLERK.label, note: '窗口领取：申请人本人 李**（3203**********2313）' })

  // 一次一评 at output too: Alt+E turns the screen to the applicant, who rates 5; Enter hands it back.
  await page.keyboard.press('Alt+E')
  await expect(page.getByTestId('rating-pad')).toBeVisible()
  await page.keyboard.press('5')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('rating-thanks')).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('rating-pad')).toHaveCount(0)
  await expect(page.getByTestId('rating-result')).toContainText('非常满意')
  expect(station.app.services.ratings.forCase(caseNo)).toMatchObject([{ visit: 'output', grade: 5 }])

  // Esc: the window is clear for the next person, the field ready for a receipt.
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('output-result')).toHaveCount(0)
  await expect(page.getByTestId('output-entry')).toBeFocused()
})

test('refuses a stranger big, naming who may collect, and records the refusal', async ({ page, station }) => {
  const caseNo = aReadyCase(station, '92320302MA1XYW12B1')
  await openWindow(page, station)

  // The receipt the stranger brought, typed in first; then their card.
  await page.keyboard.press('Alt+S')
  await expect(page.getByTestId('output-entry')).toBeFocused()
  await page.keyboard.type(caseNo, { delay: TYPE_DELAY_MS })
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('output-verdict')).toHaveAttribute('data-allowed', 'unknown')
  await tapCard(station, OTHER_CARD)
  await expect(page.getByTestId('output-collector-name')).toHaveText('王秀兰')
  await expect(page.getByTestId('output-found-none')).toBeVisible()

  // Their card is checked against the case in hand, which stays.
  await expect(page.getByTestId('output-case')).toHaveAttribute('data-case-no', caseNo)
  await expect(page.getByTestId('output-verdict')).toHaveAttribute('data-allowed', 'false')
  await expect(page.getByTestId('output-refusal-reason')).toContainText('持证人（3203**********0022）不是办件')
  await expect(page.getByTestId('output-may-collect')).toContainText('申请人本人 李**（3203**********2313）')
  await expect(page.getByTestId('output-certificate')).toHaveCount(0)
  // Ctrl+Enter hands nothing over.
  await page.keyboard.press('Control+Enter')
  await expect(page.getByTestId('output-result')).toHaveCount(0)
  expect(station.app.services.cases.get(caseNo).state).toBe('ready')
  expect(auditActions(station, caseNo)).toContain('output.refuse')
})

test('hands a certificate to an agent once named with the authorisation letter on file', async ({ page, station }) => {
  const { services } = station.app
  const caseNo = aReadyCase(station, '92320302MA1XYW12B2')
  // The letter 李明远 signed for 王秀兰, photographed with the document camera onto the case.
  services.attachments.add({
    caseNo,
    materialId: AUTHORISATION_LETTER_MATERIAL,
    mime: 'image/jpeg',
    imageBase64: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(256, 9)]).toString('base64'),
  })
  await openWindow(page, station)

  await tapCard(station, OTHER_CARD)
  await expect(page.getByTestId('output-found-none')).toBeVisible()
  await page.keyboard.press('Alt+S')
  await page.keyboard.type(caseNo, { delay: TYPE_DELAY_MS })
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('output-verdict')).toHaveAttribute('data-allowed', 'false')

  // Alt+W: the agent from the card just read, the letter on its line; Enter names them.
  await page.keyboard.press('Alt+W')
  const dialog = page.getByTestId('output-agent-dialog')
  await expect(page.getByTestId('output-agent-name')).toHaveValue('王秀兰')
  await expect(page.getByTestId('output-agent-id')).toHaveValue('320303196203050022')
  await expect(dialog.getByTestId('material-photo')).toHaveCount(1)
  await expect(page.getByTestId('output-agent-confirm')).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(dialog).toBeHidden()

  await expect(page.getByTestId('output-verdict')).toHaveAttribute('data-role', 'agent')
  await expect(page.getByTestId('output-certificate')).toBeFocused()
  await page.keyboard.press('Enter')
  await sign(page)
  await page.keyboard.press('Control+Enter')

  await expect(page.getByTestId('output-result')).toHaveAttribute('data-state', 'collected')
  await expect(page.getByTestId('print-preview-sheet')).toContainText('王**（代领人）')
  expect(auditActions(station, caseNo)).toEqual(expect.arrayContaining(['output.refuse', 'output.agent', 'case.transition']))
})

test.describe('a station of the output profile', () => {
  test.use({ stationConfig: { profile: 'output', devices: { idcard: { mode: 'emulator', pollMs: 100 }, scanner: { mode: 'emulator' } } } })

  test('takes a receipt scanned on another screen into the output window', async ({ page, station }) => {
    const caseNo = aReadyCase(station, '92320302MA1XYW12B3')
    await openWindow(page, station)
    await page.keyboard.press('Alt+2')
    await expect(page.getByTestId('screen-cases')).toBeVisible()

    // The receipt on the counter's serial scanner (the wedge's timing is the scanning spec's business).
    const scanned = await station.app.dispatcher.invoke('demo.scanner.simulate', { text: caseNo }, { transport: 'test' })
    expect(scanned.ok).toBe(true)
    await expect(page.getByTestId('screen-output')).toBeVisible()
    await expect(page.getByTestId('output-case')).toHaveAttribute('data-case-no', caseNo)
    await expect(page.getByTestId('output-verdict')).toHaveAttribute('data-allowed', 'unknown')
    await tapCard(station, APPLICANT_CARD)
    await expect(page.getByTestId('output-verdict')).toHaveAttribute('data-role', 'applicant')
    await expect(page.getByTestId('output-certificate')).toBeFocused()
  })
})
