/**
 * The intake at counter speed: on a fresh demo hall, after sign-in and the
 * applicant's card tap, a standard intake takes six keyboard actions —
 * phone, Enter, `qysl`, Enter, Ctrl+A, Ctrl+Enter — and ends with the case
 * number and the receipt on screen. Each typed value counts as one action,
 * each key or shortcut as one; assertions between them are not actions.
 */
import type { Page } from '@playwright/test'
import type { Station } from '../../main/station'
import { signIn, test, expect } from './stationFixture'

test.use({ stationConfig: { devices: { idcard: { mode: 'emulator', pollMs: 100 } } } })

/** Above the wedge detector's 50 ms gap: a person typing, not a scanner. */
const TYPE_DELAY_MS = 60
const MAX_ACTIONS = 6

/** The clerk's keyboard, counted. */
class CountedKeyboard {
  actions: string[] = []
  constructor(private readonly page: Page) {}

  async type(text: string): Promise<void> {
    this.actions.push(`type ${text}`)
    await this.page.keyboard.type(text, { delay: TYPE_DELAY_MS })
  }

  async press(key: string): Promise<void> {
    this.actions.push(key)
    await this.page.keyboard.press(key)
  }
}

/** The applicant's tap on the emulated reader, through the demo command the tap-card panel uses. */
async function tapCard(station: Station, cardIndex: number): Promise<void> {
  // In-process, as the clerk at this window (the command needs a signed-in operator like every other).
  station.app.services.session.actAs('王晓明 A0123', 'window')
  const placed = await station.app.dispatcher.invoke('demo.idcard.place', { cardIndex }, { transport: 'test' })
  expect(placed.ok).toBe(true)
}

test('a standard intake takes six keyboard actions after the card tap', async ({ shell, station }) => {
  await signIn(shell, 'A0123')
  await expect(shell.getByTestId('intake-form')).toBeVisible()
  await expect(shell.getByTestId('draft-status')).toHaveAttribute('data-state', 'empty')
  await expect(shell.getByTestId('light-idcard')).toHaveAttribute('data-state', 'ok')
  const firstByInitials = station.app.services.catalog.search('qysl', 1)[0]
  if (!firstByInitials) throw new Error('the demo hall has no item for qysl')

  await tapCard(station, 0)
  await expect(shell.getByTestId('field-applicant.name')).toHaveValue('李明远')
  // The phone is required, and listed as what still stops Accept.
  const phone = shell.getByTestId('field-applicant.phone')
  await expect(phone).toHaveAttribute('aria-required', 'true')
  await expect(shell.getByTestId('accept-blockers')).toContainText('未填联系电话')

  const keys = new CountedKeyboard(shell)
  // 1. The tap left focus in 联系电话.
  await expect(phone).toBeFocused()
  await keys.type('13912345678')
  // 2. Enter passes the address the card filled, to the item search.
  await keys.press('Enter')
  await expect(shell.getByTestId('item-search')).toBeFocused()
  // 3–4. Pinyin initials, Enter takes the first match; focus goes to the checklist.
  await keys.type('qysl')
  await keys.press('Enter')
  await expect(shell.getByTestId('item-name')).toContainText(firstByInitials.name)
  const required = firstByInitials.materials.filter((m) => m.required)
  await expect(shell.getByTestId(`tick-${firstByInitials.materials[0]!.id}`)).toBeFocused()
  // 5. Ctrl+A: every required material received with its copies.
  await keys.press('Control+A')
  for (const m of required) await expect(shell.getByTestId(`material-${m.id}`)).toHaveAttribute('data-state', 'received')
  await expect(shell.getByTestId('accept-blockers')).toHaveCount(0)
  // 6. Ctrl+Enter: accepted.
  await keys.press('Control+Enter')

  const caseNo = (await shell.getByTestId('result-case-no').textContent())?.trim() ?? ''
  expect(caseNo).toMatch(/^\d{21}$/)
  await expect(shell.getByTestId('print-preview-sheet')).toContainText(caseNo)
  expect(keys.actions, keys.actions.join(' · ')).toHaveLength(MAX_ACTIONS)

  const stored = station.app.services.cases.get(caseNo)
  expect(stored.itemCode).toBe(firstByInitials.code)
  expect(stored.applicant).toMatchObject({ name: '李明远', idNumber: '320302198506122313', phone: '13912345678' })
  expect(stored.materials.filter((m) => m.required).every((m) => m.status === 'received')).toBe(true)
})

test('an empty item search offers what this window takes most often first', async ({ shell, station }) => {
  await signIn(shell, 'A0123')
  await expect(shell.getByTestId('intake-form')).toBeVisible()
  station.app.services.session.actAs('王晓明 A0123', 'window')
  const catalogFirst = station.app.services.catalog.search('', 1)[0]!.name
  // This station's history: three 个人所得税纳税记录开具, taken through the intake service like any other.
  const taxRecord = station.app.services.catalog.search('grsds', 1)[0]!
  for (let i = 0; i < 3; i++) {
    station.app.services.intake.accept({
      form: {
        applicant: { kind: 'person', name: '王秀兰', idNumber: '320303196203050022', phone: '13912345678', source: 'typed' },
        itemCode: taxRecord.code,
        materials: taxRecord.materials.map((m) => ({ materialId: m.id, receivedCopies: m.copies })),
        delivery: { method: 'window' },
      },
    })
  }
  expect(catalogFirst).not.toBe(taxRecord.name)
  // Those receipts previewed as they were queued; a fresh page starts without them.
  await shell.reload()
  await expect(shell.getByTestId('draft-status')).toHaveAttribute('data-state', 'empty')

  await shell.keyboard.press('Alt+S')
  const options = shell.getByTestId('item-results').getByRole('option')
  await expect(options.first()).toContainText(taxRecord.name)
  // Nothing is highlighted: a plain Enter moves on without picking.
  await expect(shell.getByTestId('item-results').locator('[aria-selected="true"]')).toHaveCount(0)
  await shell.keyboard.press('ArrowDown')
  await expect(options.first()).toHaveAttribute('aria-selected', 'true')
  await shell.keyboard.press('Enter')
  await expect(shell.getByTestId('item-name')).toContainText(taxRecord.name)
})

test('an enterprise being set up is taken by its proposed name and the handler, and the receipt names it', async ({ shell, station }) => {
  await signIn(shell, 'A0123')
  await expect(shell.getByTestId('draft-status')).toHaveAttribute('data-state', 'empty')
  await expect(shell.getByTestId('light-idcard')).toHaveAttribute('data-state', 'ok')
  await tapCard(station, 0)
  await expect(shell.getByTestId('field-applicant.phone')).toBeFocused()
  await shell.keyboard.type('13912345678', { delay: TYPE_DELAY_MS })
  await shell.keyboard.press('Enter')
  await shell.keyboard.type('qysl', { delay: TYPE_DELAY_MS })
  await shell.keyboard.press('Enter')
  await expect(shell.getByTestId('establishment-mark')).toContainText('Alt+T')

  // The person at the counter becomes the handler; the enterprise has a proposed name and no credit code field.
  await shell.keyboard.press('Alt+T')
  await expect(shell.getByTestId('establishment-mark')).toContainText('拟设立名称')
  await expect(shell.getByTestId('field-applicant.handlerName')).toHaveValue('李明远')
  await expect(shell.getByTestId('field-applicant.uscc')).toHaveCount(0)
  await expect(shell.getByTestId('accept-blockers')).toContainText('未填拟设立名称')
  await expect(shell.getByTestId('field-applicant.name')).toBeFocused()
  await shell.keyboard.insertText('徐州青禾科技有限公司')
  await shell.keyboard.press('Alt+M')
  await shell.keyboard.press('Control+A')
  await shell.keyboard.press('Control+Enter')

  const caseNo = (await shell.getByTestId('result-case-no').textContent())?.trim() ?? ''
  await expect(shell.getByTestId('print-preview-sheet')).toContainText('申请人：徐州青禾科技有限公司')
  await expect(shell.getByTestId('print-preview-sheet')).toContainText('设立中，尚未核发')
  expect(station.app.services.cases.get(caseNo).applicant).toMatchObject({ kind: 'enterprise', uscc: null, handlerName: '李明远' })
})
