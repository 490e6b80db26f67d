/**
 * Operators and roles as the hall sees them: a supervisor's 设置 screen adds
 * an account (the new operator signs in with a tap of their own card in
 * another tab), disables one (their open tab is signed out at its next
 * command, told why), and resets a locked one; every other role is told the
 * screen is a supervisor's; a window clerk asking main to approve is refused
 * in words and in the trail.
 */
import type { Page } from '@playwright/test'
import { DEMO_PIN } from '../../main/demoOperators'
import { databaseFile, openDatabaseReadOnly } from '../../main/store/database'
import type { Station } from '../../main/station'
import { signIn, test, expect } from './stationFixture'

test.use({ stationConfig: { devices: { idcard: { mode: 'emulator', pollMs: 100 } } } })

const NEW_PIN = '739164'
/** Above the wedge detector's 50 ms gap: a person typing, not a scanner (a fast burst ending in Enter is a scan). */
const TYPE_DELAY_MS = 60

async function open(page: Page, station: Station): Promise<void> {
  await page.goto(station.server.openUrl)
  await expect(page.getByTestId('station-name')).toContainText(station.app.services.config.stationName)
}

/** A tap of demo card `cardIndex` (taken off first: the reader reads a card once per tap). */
async function tapCard(station: Station, cardIndex: number): Promise<void> {
  station.app.services.session.actAs('测试 T0000', 'supervisor')
  await station.app.dispatcher.invoke('demo.idcard.remove', {}, { transport: 'test' })
  const placed = await station.app.dispatcher.invoke('demo.idcard.place', { cardIndex }, { transport: 'test' })
  expect(placed.ok).toBe(true)
}

async function openSettings(page: Page): Promise<void> {
  await page.keyboard.press('Alt+9')
  await expect(page.getByTestId('screen-settings')).toBeVisible()
  await expect(page.getByTestId('operator-row-B0042')).toBeVisible()
}

test('a supervisor adds an operator by keyboard, their card tapped for the ID number; they sign in with a tap in another tab', async ({ page, station }) => {
  await open(page, station)
  await signIn(page, 'B0042')
  await openSettings(page)
  await expect(page.getByTestId('operator-row-A0123')).toHaveAttribute('data-state', 'inUse')
  await expect(page.getByTestId('operator-row-A0123')).toContainText('受理')

  await page.keyboard.press('Alt+N')
  await expect(page.getByTestId('operator-add-id')).toBeFocused()
  await page.keyboard.type('w0201', { delay: TYPE_DELAY_MS })
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('operator-add-name')).toBeFocused()
  await page.keyboard.insertText('李明远')
  await page.keyboard.press('Enter')
  await page.keyboard.insertText('受理')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('operator-add-pin')).toBeFocused()
  // A PIN a colleague would guess is refused by main, next to the field.
  await page.keyboard.type('123456', { delay: TYPE_DELAY_MS })
  await page.keyboard.press('Enter')
  await page.keyboard.type('123456', { delay: TYPE_DELAY_MS })
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('operator-add-id-number')).toBeFocused()
  await expect(page.getByTestId('light-idcard')).toHaveAttribute('data-state', 'ok')
  await tapCard(station, 0)
  await expect(page.getByTestId('operator-add-id-number')).toHaveValue('3203**********2313')
  await page.getByTestId('operator-add-id-number').press('Enter')
  await expect(page.getByTestId('operator-add-form')).toContainText('密码不能是连续数字')
  await page.getByTestId('operator-add-pin').fill(NEW_PIN)
  await page.getByTestId('operator-add-pin-again').fill(NEW_PIN)
  await page.getByTestId('operator-add-pin-again').press('Enter')
  await page.keyboard.press('Enter')

  const row = page.getByTestId('operator-row-W0201')
  await expect(row).toContainText('李明远')
  await expect(row).toContainText('受理')
  await expect(row).toContainText('已登记')
  await expect(row).toHaveAttribute('data-state', 'inUse')
  await expect(page.getByTestId('settings-notice')).toContainText('已新增 李明远 W0201')
  await page.screenshot({ path: test.info().outputPath('settings.png') })

  // Another tab: the new operator taps their own card and types their PIN.
  const other = await page.context().newPage()
  await open(other, station)
  await other.getByTestId('sign-in').click()
  await tapCard(station, 0)
  await expect(other.getByTestId('operator-input')).toHaveValue('3203**********2313')
  await other.getByTestId('pin-input').fill(NEW_PIN)
  await other.getByTestId('pin-input').press('Enter')
  await expect(other.getByTestId('operator')).toContainText('李明远 W0201')
  await expect(other.getByTestId('intake-form')).toBeVisible()
})

test('disabling an operator signs their open tab out at its next command, saying why; enabling lets them back', async ({ page, station }) => {
  const clerk = await page.context().newPage()
  await open(clerk, station)
  await signIn(clerk, 'A0123')
  await clerk.keyboard.press('Alt+2')
  await expect(clerk.getByTestId('screen-cases')).toBeVisible()

  await open(page, station)
  await signIn(page, 'B0042')
  await openSettings(page)
  await page.getByTestId('operator-row-A0123').click()
  await page.keyboard.press('Alt+D')
  await expect(page.getByTestId('operator-toggle-ok')).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('operator-row-A0123')).toHaveAttribute('data-state', 'disabled')
  await expect(page.getByTestId('settings-notice')).toContainText('已停用 王晓明 A0123')

  // The clerk's next command (opening 受理 loads their draft) is refused: the dialog says why.
  await clerk.keyboard.press('Alt+1')
  await expect(clerk.getByTestId('sign-in-notice')).toContainText('王晓明 A0123 已退出登录：账号已被值班长停用')
  await expect(clerk.getByTestId('operator')).toContainText('未登录')
  await clerk.getByTestId('operator-input').fill('A0123')
  await clerk.getByTestId('pin-input').fill(DEMO_PIN)
  await clerk.getByTestId('pin-input').press('Enter')
  await expect(clerk.getByText('工号 A0123 已停用，请联系值班长')).toBeVisible()

  await page.getByTestId('operator-toggle-A0123').click()
  await page.getByTestId('operator-toggle-ok').click()
  await expect(page.getByTestId('operator-row-A0123')).toHaveAttribute('data-state', 'inUse')
  await clerk.getByTestId('pin-input').fill(DEMO_PIN)
  await clerk.getByTestId('pin-input').press('Enter')
  await expect(clerk.getByTestId('operator')).toContainText('王晓明 A0123')
})

test('a locked account shows as locked on 设置 until a supervisor gives it a new PIN', async ({ page, station }) => {
  const clerk = await page.context().newPage()
  await open(clerk, station)
  await clerk.getByTestId('sign-in').click()
  await clerk.getByTestId('operator-input').fill('A0123')
  for (let i = 0; i < 5; i++) {
    await clerk.getByTestId('pin-input').fill('111111')
    await clerk.getByTestId('pin-input').press('Enter')
    await expect(clerk.getByTestId('pin-input')).toHaveValue('')
  }
  await expect(clerk.getByText(/工号 A0123 锁定 5 分钟/)).toBeVisible()

  await open(page, station)
  await signIn(page, 'B0042')
  await openSettings(page)
  const row = page.getByTestId('operator-row-A0123')
  await expect(row).toHaveAttribute('data-state', 'locked')
  await expect(row).toContainText(/锁定至 \d\d:\d\d/)
  await row.click()
  await page.keyboard.press('Alt+R')
  await expect(page.getByTestId('operator-reset-pin')).toBeFocused()
  await page.keyboard.type(NEW_PIN, { delay: TYPE_DELAY_MS })
  await page.keyboard.press('Enter')
  await page.keyboard.type(NEW_PIN, { delay: TYPE_DELAY_MS })
  await page.keyboard.press('Enter')
  await expect(row).toHaveAttribute('data-state', 'inUse')
  await expect(page.getByTestId('settings-notice')).toContainText('已重置 王晓明 A0123 的密码')

  await clerk.getByTestId('pin-input').fill(NEW_PIN)
  await clerk.getByTestId('pin-input').press('Enter')
  await expect(clerk.getByTestId('operator')).toContainText('王晓明 A0123')
})

test('设置 is a supervisor’s: every other role is told so, and a window clerk on 审核 hears who may use it', async ({ shell }) => {
  await expect(shell.getByTestId('nav-settings')).toContainText('设置')
  await expect(shell.getByTestId('nav-settings')).toContainText('Alt+9')
  await signIn(shell, 'A0123')
  await shell.keyboard.press('Alt+9')
  const refusal = shell.getByTestId('screen-forbidden')
  await expect(refusal).toContainText('本屏限值班长岗使用')
  await expect(refusal).toContainText('王晓明 A0123（受理岗）')
  await expect(shell.getByTestId('operator-list')).toHaveCount(0)

  await shell.keyboard.press('Alt+8')
  await expect(shell.getByTestId('screen-review')).toBeVisible()
  await expect(refusal).toContainText('本屏限审核、值班长岗使用')
})

test('a window clerk asking main to approve is refused with FORBIDDEN, in words and in the trail', async ({ shell, station }) => {
  await signIn(shell, 'A0123')
  // The page's own request, with its station token and this tab's session: what a tampered page would send.
  const answer = await shell.evaluate(async () => {
    const response = await fetch('/api/cases.transition', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${sessionStorage.getItem('onewindow.token') ?? ''}`,
        'x-onewindow-session': sessionStorage.getItem('onewindow.session') ?? '',
      },
      body: JSON.stringify({ caseNo: '320300202612030010001', action: 'approve' }),
    })
    return (await response.json()) as { ok: boolean; error?: { code: string; message: string } }
  })
  expect(answer).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '受理岗无权对办件执行“准予”（限审核、值班长岗）' } })

  const reader = openDatabaseReadOnly(databaseFile(station.app.services.config.dataDir))
  try {
    const refusals = reader.prepare("SELECT operator, details FROM audit_log WHERE action = 'access.refused'").all() as Array<{ operator: string; details: string }>
    expect(refusals).toHaveLength(1)
    expect(refusals[0]!.operator).toBe('王晓明 A0123')
    expect(JSON.parse(refusals[0]!.details)).toMatchObject({ command: 'cases.transition' })
  } finally {
    reader.close()
  }
})
