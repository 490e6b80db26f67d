/**
 * 代办 at a bank branch's station (profile `agent`), in the station host,
 * keyboard only: the 代办 screen's intake takes a card tap, an item bank
 * branches may take, the applicant's authorisation ticked and photographed
 * with the document camera, express delivery pre-selected from the card's
 * address, and prints a receipt naming the branch; the branch's own list and
 * the case page mark the case 代办.
 *
 * Chromium's fake camera (its built-in test pattern) stands in for the
 * document camera; the emulated reader takes the card.
 */
import type { LaunchOptions, Locator, Page } from '@playwright/test'
import { DEMO_PIN } from '../../main/demoOperators'
import { expect, signIn, test as stationTest } from './stationFixture'

const BRANCH = { branchName: '中国工商银行徐州鼓楼支行', branchCode: 'ICBC-XZ-0301' }
/** The demo hall's 代办 account: its label is what the case records as the agent. */
const CLERK = { id: 'G0015', label: '孙丽 G0015' }
/** Above the wedge detector's 50 ms gap: a person typing, not a scanner. */
const TYPE_DELAY_MS = 60

const test = stationTest.extend({
  // Chromium reads the fake camera flags at launch.
  launchOptions: async ({ launchOptions }, use) => {
    const options: LaunchOptions = {
      ...launchOptions,
      args: [...(launchOptions.args ?? []), '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
    }
    await use(options)
  },
})

test.use({ stationConfig: { profile: 'agent', agent: BRANCH, devices: { idcard: { mode: 'emulator', pollMs: 100 } } } })

async function typeInto(shell: Page, field: Locator, text: string): Promise<void> {
  await expect(field).toBeFocused()
  if (/^[\x20-\x7e]*$/.test(text)) await shell.keyboard.type(text, { delay: TYPE_DELAY_MS })
  else await shell.keyboard.insertText(text)
}

const field = (shell: Page, name: string): Locator => shell.getByTestId(`field-${name}`)

test('an agent intake from the card tap to a receipt naming the branch, keyboard only', async ({ shell, station }) => {
  // Alt+5: the 代办 screen, its branch named; the intake offers sign-in first.
  await shell.keyboard.press('Alt+5')
  await expect(shell.getByTestId('screen-agent')).toBeVisible()
  await expect(shell.getByTestId('agent-branch')).toContainText(`代办网点：${BRANCH.branchName}`)
  await expect(shell.getByTestId('intake-sign-in')).toBeFocused()
  await shell.keyboard.press('Enter')
  await typeInto(shell, shell.getByTestId('operator-input'), CLERK.id)
  await shell.keyboard.press('Enter')
  await typeInto(shell, shell.getByTestId('pin-input'), DEMO_PIN)
  await shell.keyboard.press('Enter')
  await expect(shell.getByTestId('intake-form')).toBeVisible()
  await expect(shell.getByTestId('operator')).toContainText(CLERK.label)
  await expect(shell.getByTestId('light-idcard')).toHaveAttribute('data-state', 'ok')

  // The applicant taps their card (the demo reader's tap, from the keyboard); the card has no phone, so that comes next.
  await expect(field(shell, 'applicant.name')).toBeFocused()
  await shell.keyboard.press('Shift+Tab')
  await expect(shell.getByTestId('demo-card-tap-button')).toBeFocused()
  await shell.keyboard.press('Enter')
  await expect(field(shell, 'applicant.name')).toHaveValue('李明远')
  await expect(field(shell, 'applicant.address')).toHaveValue('江苏省徐州市鼓楼区中山北路88号2单元501室')
  await typeInto(shell, field(shell, 'applicant.phone'), '13805161234')

  // The search offers only what branches may take, and says so.
  await shell.keyboard.press('Alt+S')
  await expect(shell.getByTestId('item-scope')).toContainText('银行网点代办')
  await typeInto(shell, shell.getByTestId('item-search'), 'spsc')
  await expect(shell.getByTestId('item-results')).toContainText('没有找到匹配的事项')
  await shell.keyboard.press('Control+A')
  await typeInto(shell, shell.getByTestId('item-search'), 'gtgsh')
  await expect(shell.getByTestId('item-results').getByRole('option').first()).toContainText('个体工商户设立登记')
  await shell.keyboard.press('Enter')
  await expect(shell.getByTestId('tick-application')).toBeFocused()
  await shell.keyboard.press('Control+A')
  await expect(shell.getByTestId('material-premises')).toHaveAttribute('data-state', 'received')

  // Express is pre-selected, filled from the card's address.
  await expect(shell.getByTestId('delivery-method').locator('input[value="express"]')).toBeChecked()
  await expect(field(shell, 'delivery.recipient')).toHaveValue('李明远')
  await expect(field(shell, 'delivery.city')).toHaveValue('徐州市')
  await expect(field(shell, 'delivery.address')).toHaveValue('中山北路88号2单元501室')

  // The authorisation blocks Accept until it is ticked and photographed.
  const blockers = shell.getByTestId('accept-blockers')
  await expect(blockers).toContainText('未核对授权委托书')
  await expect(blockers).toContainText('未拍摄授权委托书')
  await shell.keyboard.press('Alt+W')
  await expect(shell.getByTestId('authorisation-confirmed')).toBeFocused()
  await shell.keyboard.press('Space')
  await expect(shell.getByTestId('authorisation')).toHaveAttribute('data-confirmed', 'true')
  await expect(blockers).not.toContainText('未核对授权委托书')
  await expect(shell.getByTestId('material-photo-take-authorisation')).toBeVisible()
  await shell.keyboard.press('Alt+C')
  await expect(shell.getByTestId('document-capture')).toBeEnabled({ timeout: 15_000 })
  await shell.keyboard.press('Space')
  await expect(shell.getByTestId('document-still')).toBeVisible()
  await shell.keyboard.press('Enter')
  await expect(shell.getByTestId('document-camera')).toBeHidden()
  await expect(shell.getByTestId('authorisation')).toHaveAttribute('data-photographed', 'true')
  await expect(shell.getByTestId('accept-blockers')).toHaveCount(0)

  await shell.keyboard.press('Control+Enter')
  const caseNo = (await shell.getByTestId('result-case-no').textContent())?.trim() ?? ''
  expect(caseNo).not.toBe('')
  // The receipt, shown at once with no printer: the branch is on it.
  await expect(shell.getByTestId('print-preview-sheet')).toContainText(caseNo)
  await expect(shell.getByTestId('print-preview-sheet')).toContainText(`代办网点：${BRANCH.branchName}`)
  station.app.services.session.actAs(CLERK.label, 'agent')
  const stored = station.app.services.cases.get(caseNo)
  expect(stored.agent).toMatchObject({ ...BRANCH, agentName: CLERK.label })
  expect(stored).toMatchObject({ delivery: 'express', express: { province: '江苏省', district: '鼓楼区' } })

  // Enter: the next applicant. Alt+L: the branch's cases, this one marked 代办; Enter opens it.
  await shell.keyboard.press('Enter')
  await expect(shell.getByTestId('accept-result')).toHaveCount(0)
  await shell.keyboard.press('Alt+L')
  await expect(shell.getByTestId('queue-count')).toContainText('共 1 件')
  const row = shell.locator(`[data-case-no="${caseNo}"]`)
  await expect(row.getByTestId('agent-badge')).toHaveText('代办')
  await expect(shell.getByTestId('queue-search')).toBeFocused()
  await shell.keyboard.press('ArrowDown')
  await shell.keyboard.press('Enter')
  await expect(shell.getByTestId('case-no')).toHaveText(caseNo)
  await expect(shell.getByTestId('case-agent-badge')).toHaveText('代办')
  await expect(shell.getByTestId('case-agent-branch')).toContainText(BRANCH.branchName)
})

test.describe('at a hall window', () => {
  test.use({ stationConfig: {} })

  test('the 代办 screen lists the cases branches took, and none of the window’s own', async ({ page, station }) => {
    const { services } = station.app
    services.session.actAs('王晓明 A0123', 'window')
    const item = services.catalog.item('XK00201004')
    services.intake.accept({
      form: {
        applicant: { kind: 'person', name: '王秀兰', idNumber: '320303196203050022', phone: '13912345678', source: 'typed' },
        itemCode: item.code,
        materials: item.materials.map((m) => ({ materialId: m.id, receivedCopies: m.copies })),
      },
    })
    // Opened once the receipt is printed: a page open at the time would pop up its on-screen preview.
    await expect.poll(() => services.printing.jobs({ limit: 10 }).filter((j) => j.state !== 'done').length).toBe(0)
    const shell = page
    await shell.goto(station.server.openUrl)
    await expect(shell.getByTestId('station-name')).toContainText(services.config.stationName)
    await signIn(shell, 'A0123')
    await shell.keyboard.press('Alt+5')
    await expect(shell.getByTestId('agent-from-branches')).toContainText('银行网点代办')
    await expect(shell.getByTestId('queue-count')).toContainText('共 0 件')
    await expect(shell.getByTestId('screen-agent')).not.toContainText('后续版本')
    // The window's own case is in the 办件 queue, not here.
    await shell.keyboard.press('Alt+2')
    await expect(shell.getByTestId('queue-count')).toContainText('共 1 件')
  })
})
