/**
 * Sign-in as the counter lives it: an idle tab signs out by itself and the
 * form waits under the sign-in dialog; main's own idle time ends a session
 * the same way from any command; each tab signs in for itself; five wrong
 * PINs lock the account. The page's timer runs on Playwright's clock, main's
 * idle time on the station's hall clock: no waiting on a real one.
 */
import type { Locator, Page } from '@playwright/test'
import type { HallClock } from '../../main/services/cases/hallClock'
import type { Station } from '../../main/station'
import { DEMO_PIN, demoOperators } from '../../main/demoOperators'
import { maskIdNumber } from '../../main/domain/masking'
import { APPLICANT } from '../fixtures/outputWorld'
import { signIn, test as stationTest, expect } from './stationFixture'

/** The hall's time runs on, and a test moves it ahead (main's idle time). */
class ShiftedClock implements HallClock {
  private offsetMs = 0
  now(): Date {
    return new Date(Date.now() + this.offsetMs)
  }
  advance(minutes: number): void {
    this.offsetMs += minutes * 60_000
  }
}

const test = stationTest.extend<{ hallClock: ShiftedClock }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from its first parameter's pattern.
  hallClock: async ({}, use) => {
    await use(new ShiftedClock())
  },
})

test.use({ stationConfig: { devices: { idcard: { mode: 'emulator', pollMs: 100 } } } })

/** Above the wedge detector's 50 ms gap: a person typing, not a scanner. */
const TYPE_DELAY_MS = 60
const IDLE_MINUTES = 15

const field = (page: Page, name: string): Locator => page.getByTestId(`field-${name}`)

/** Opens the station in `page`; the page's clock is Playwright's when `fakeClock` (installed before any script runs). */
async function open(page: Page, station: Station, fakeClock = false): Promise<void> {
  if (fakeClock) await page.clock.install()
  await page.goto(station.server.openUrl)
  await expect(page.getByTestId('station-name')).toContainText(station.app.services.config.stationName)
}

/** The applicant's name and phone, typed as a clerk types them, and saved as the draft. */
async function typeApplicant(page: Page): Promise<void> {
  await expect(field(page, 'applicant.name')).toBeFocused()
  await page.keyboard.insertText('张晓梅')
  await field(page, 'applicant.phone').click()
  await page.keyboard.type('13912345678', { delay: TYPE_DELAY_MS })
  await expect(page.getByTestId('draft-status')).toHaveAttribute('data-state', 'saved')
}

/** Signs in again in the dialog that opened by itself (the top bar's 登录 is under it). */
async function signInAgain(page: Page, operatorId: string, pin = DEMO_PIN): Promise<void> {
  await page.getByTestId('operator-input').fill(operatorId)
  await page.getByTestId('pin-input').fill(pin)
  await page.getByTestId('pin-input').press('Enter')
  await expect(page.getByTestId('operator')).toContainText(operatorId)
}

/** Lays a demo card on the emulated reader, as the tap-card panel does (in-process, as a supervisor). */
async function tapCard(station: Station, cardIndex: number): Promise<void> {
  station.app.services.session.actAs('测试 T0000', 'supervisor')
  const placed = await station.app.dispatcher.invoke('demo.idcard.place', { cardIndex }, { transport: 'test' })
  expect(placed.ok).toBe(true)
}

function tokenOf(page: Page): Promise<string | null> {
  return page.evaluate(() => sessionStorage.getItem('onewindow.session'))
}

test('an idle tab signs out by itself; the form waits under the dialog for the same operator, untouched by a card tap', async ({ page, station }) => {
  await open(page, station, true)
  await signIn(page, 'A0123')
  await typeApplicant(page)
  const token = await tokenOf(page)

  await page.clock.fastForward(`${IDLE_MINUTES + 1}:00`)
  await expect(page.getByTestId('sign-in-notice')).toContainText('长时间未操作')
  await expect(page.getByTestId('operator')).toContainText('未登录')
  // Main ended that session too: its token answers nothing any more.
  const stale = await station.app.dispatcher.invoke('cases.count', {}, { transport: 'station', session: token! })
  expect(stale.ok ? 'ok' : stale.error.code).toBe('UNAUTHORIZED')
  // What was typed is still on the screen under the dialog, blurred for whoever passes the unattended station.
  await expect(page.locator('[class*="mask-blur"]')).toBeVisible()
  await expect(field(page, 'applicant.name')).toHaveValue('张晓梅')
  await expect(field(page, 'applicant.phone')).toHaveValue('13912345678')

  // A card tapped now is the operator's own: it goes to the dialog, never into the applicant's form.
  await expect(page.getByTestId('light-idcard')).toHaveAttribute('data-state', 'ok')
  await tapCard(station, 0)
  await expect(page.getByTestId('operator-input')).toHaveValue(maskIdNumber(APPLICANT.idNumber))
  await expect(field(page, 'applicant.name')).toHaveValue('张晓梅')

  await signInAgain(page, 'A0123')
  await expect(page.getByTestId('sign-in-notice')).toHaveCount(0)
  await expect(field(page, 'applicant.name')).toHaveValue('张晓梅')
  await expect(field(page, 'applicant.phone')).toHaveValue('13912345678')
  // The saved draft is whole as well: a reload (still signed in, this tab's token) brings it back.
  await page.reload()
  await expect(page.getByTestId('operator')).toContainText('王晓明 A0123')
  await expect(field(page, 'applicant.name')).toHaveValue('张晓梅')
  await expect(field(page, 'applicant.phone')).toHaveValue('13912345678')
})

test('a colleague signing in after the idle sign-out carries on with the form, and the draft moves to their name', async ({ page, station }) => {
  await open(page, station, true)
  await signIn(page, 'A0123')
  await typeApplicant(page)
  await page.clock.fastForward(`${IDLE_MINUTES + 1}:00`)
  await expect(page.getByTestId('sign-in-notice')).toBeVisible()

  // 孙丽 (代办) takes over the window: the same applicant, the same form.
  await signInAgain(page, 'G0015')
  await expect(field(page, 'applicant.name')).toHaveValue('张晓梅')
  await field(page, 'applicant.address').click()
  await page.keyboard.insertText('江苏省徐州市鼓楼区中山北路88号')
  await expect(page.getByTestId('draft-status')).toHaveAttribute('data-state', 'saved')
  await page.reload()
  await expect(page.getByTestId('operator')).toContainText('孙丽 G0015')
  await expect(field(page, 'applicant.name')).toHaveValue('张晓梅')
  await expect(field(page, 'applicant.address')).toHaveValue('江苏省徐州市鼓楼区中山北路88号')

  // The first clerk, back later, starts on an empty form: the draft went with the applicant.
  await page.getByTestId('sign-out').click()
  await expect(page.getByTestId('intake-sign-in')).toBeVisible()
  await signIn(page, 'A0123')
  await expect(page.getByTestId('draft-status')).toHaveAttribute('data-state', 'empty')
  await expect(field(page, 'applicant.name')).toHaveValue('')
})

test('main ending an idle session answers SESSION_EXPIRED to any command; the page asks for the PIN and saves what waited', async ({ page, station, hallClock }) => {
  await open(page, station)
  await signIn(page, 'A0123')
  await expect(field(page, 'applicant.name')).toBeFocused()
  await page.keyboard.insertText('张晓梅')
  await expect(page.getByTestId('draft-status')).toHaveAttribute('data-state', 'saved')

  // Main's idle time runs out (the page's own timer has not: its clock is real).
  hallClock.advance(IDLE_MINUTES + 1)
  await field(page, 'applicant.phone').click()
  await page.keyboard.type('13912345678', { delay: TYPE_DELAY_MS })
  await expect(page.getByTestId('sign-in-notice')).toContainText('长时间未操作')
  await expect(page.getByTestId('draft-status')).toHaveAttribute('data-state', 'failed')
  await expect(field(page, 'applicant.phone')).toHaveValue('13912345678')

  await signInAgain(page, 'A0123')
  // The save that waited for the sign-in goes now.
  await expect(page.getByTestId('draft-status')).toHaveAttribute('data-state', 'saved')
  await page.reload()
  await expect(field(page, 'applicant.phone')).toHaveValue('13912345678')

  // Any other command the same way: the queue's list, on Alt+2.
  hallClock.advance(IDLE_MINUTES + 1)
  await page.keyboard.press('Alt+2')
  await expect(page.getByTestId('screen-cases')).toBeVisible()
  await expect(page.getByTestId('sign-in-notice')).toContainText('长时间未操作')
  await expect(page.getByTestId('operator')).toContainText('未登录')
})

test('keys in the tab keep the session alive in main too, with no command of their own', async ({ page, station, hallClock }) => {
  await open(page, station, true)
  await signIn(page, 'A0123')
  await expect(page.getByTestId('intake-form')).toBeVisible()

  // Ten quiet minutes on both clocks, then a key that sends nothing (Shift): the page's sign of life.
  hallClock.advance(10)
  await page.clock.fastForward('10:00')
  const beat = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/session.get')
  await page.keyboard.press('Shift')
  expect(await (await beat).json()).toMatchObject({ ok: true, value: { operator: '王晓明 A0123' } })

  // Twenty minutes after the last command, ten after the key: still signed in, in main as on the page.
  hallClock.advance(10)
  await page.keyboard.press('Alt+2')
  await expect(page.getByTestId('screen-cases')).toBeVisible()
  await expect(page.getByTestId('queue-count')).toContainText('共 0 件')
  await expect(page.getByTestId('queue-error')).toHaveCount(0)
  await expect(page.getByTestId('sign-in-notice')).toHaveCount(0)
  await expect(page.getByTestId('operator')).toContainText('王晓明 A0123')
})

test('each tab signs in for itself: a case accepted in one records its operator, and signing out of one leaves the other', async ({ page, station }) => {
  await open(page, station)
  const other = await page.context().newPage()
  await open(other, station)
  await signIn(page, 'A0123')
  await signIn(other, 'R0003')
  await other.keyboard.press('Alt+2')
  await expect(other.getByTestId('screen-cases')).toBeVisible()
  await expect(page.getByTestId('operator')).toContainText('王晓明 A0123')

  // Tab 1 takes an intake from the applicant's card to Accept (the six keys of intakeSpeed.spec.ts).
  await expect(page.getByTestId('intake-form')).toBeVisible()
  await expect(page.getByTestId('light-idcard')).toHaveAttribute('data-state', 'ok')
  await tapCard(station, 0)
  await expect(field(page, 'applicant.name')).toHaveValue('李明远')
  await expect(field(page, 'applicant.phone')).toBeFocused()
  await page.keyboard.type('13912345678', { delay: TYPE_DELAY_MS })
  await page.keyboard.press('Enter')
  await page.keyboard.type('qysl', { delay: TYPE_DELAY_MS })
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('item-name')).not.toBeEmpty()
  await page.keyboard.press('Control+A')
  await expect(page.getByTestId('accept-blockers')).toHaveCount(0)
  await page.keyboard.press('Control+Enter')
  const caseNo = (await page.getByTestId('result-case-no').textContent())?.trim() ?? ''
  expect(caseNo).toMatch(/^\d{21}$/)

  // Tab 2 opens the case: accepted by tab 1's operator, while tab 2 is still its own.
  await other.evaluate((no) => (window.location.hash = `#/cases/${no}`), caseNo)
  await expect(other.getByTestId('timeline-entry').first()).toContainText('王晓明 A0123')
  await expect(other.getByTestId('operator')).toContainText('刘芳 R0003')

  // Signing out of tab 1 (its next applicant's empty form first) leaves tab 2 signed in, in main as on its screen.
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('result-case-no')).toHaveCount(0)
  await page.getByTestId('sign-out').click()
  await expect(page.getByTestId('operator')).toContainText('未登录')
  await other.reload()
  await expect(other.getByTestId('operator')).toContainText('刘芳 R0003')
  await expect(other.getByTestId('timeline-entry').first()).toBeVisible()
  await expect(other.getByTestId('sign-in-notice')).toHaveCount(0)
})

test('an own card shows its number masked as every screen masks it; a number typed by hand stays as typed and signs in too', async ({ page, station }) => {
  // An operator who signs in with their own card: the demo card 0's holder.
  station.app.services.session.actAs('测试 T0000', 'supervisor')
  await station.app.services.operators.add({ id: 'T0201', name: APPLICANT.name, role: 'window', pin: DEMO_PIN, idNumber: APPLICANT.idNumber }, 'test')
  await open(page, station)
  await expect(page.getByTestId('light-idcard')).toHaveAttribute('data-state', 'ok')
  await page.getByTestId('sign-in').click()
  const operator = page.getByTestId('operator-input')
  await tapCard(station, 0)
  // The first 4 and the last 4, as maskIdNumber shows an ID number everywhere else.
  await expect(operator).toHaveValue('3203**********2313')
  await expect(page.getByTestId('pin-input')).toBeFocused()
  await page.keyboard.type(DEMO_PIN, { delay: TYPE_DELAY_MS })
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('operator')).toContainText(`${APPLICANT.name} T0201`)

  await page.getByTestId('sign-out').click()
  await page.getByTestId('sign-in').click()
  await operator.pressSequentially(APPLICANT.idNumber, { delay: TYPE_DELAY_MS })
  await expect(operator).toHaveValue(APPLICANT.idNumber)
  await operator.press('Enter')
  await page.keyboard.type(DEMO_PIN, { delay: TYPE_DELAY_MS })
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('operator')).toContainText(`${APPLICANT.name} T0201`)
})

test('five wrong PINs lock the account, and the message names the lock and its end', async ({ shell }) => {
  await shell.getByTestId('sign-in').click()
  await shell.getByTestId('operator-input').fill('A0123')
  const pin = shell.getByTestId('pin-input')
  for (let left = 4; left >= 1; left--) {
    await pin.fill('111111')
    await pin.press('Enter')
    await expect(shell.getByText(`密码错误，还可再试 ${left} 次`)).toBeVisible()
  }
  await pin.fill('111111')
  await pin.press('Enter')
  await expect(shell.getByText(/工号 A0123 锁定 5 分钟（至 \d\d:\d\d）/)).toBeVisible()
  // Locked: the right PIN is refused too, naming until when.
  await pin.fill(DEMO_PIN)
  await pin.press('Enter')
  await expect(shell.getByText(/工号 A0123 已锁定至 \d\d:\d\d（连续 5 次密码错误）/)).toBeVisible()
  await expect(shell.getByTestId('operator')).toContainText('未登录')
})

test('the demo hall’s sign-in dialog lists its accounts and their PIN', async ({ shell }) => {
  await shell.getByTestId('sign-in').click()
  const hint = shell.getByTestId('demo-operators')
  await expect(hint).toContainText(`密码均为 ${DEMO_PIN}`)
  for (const op of demoOperators) await expect(hint).toContainText(`${op.id} ${op.name}`)
  await expect(hint).toContainText('B0042 陈静（值班长）')
})
