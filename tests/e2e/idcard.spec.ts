/**
 * A tap on the emulated reader fills the intake form, in the station host:
 * emulator → SAM frames over a pty → real driver → `idcard.read` over the
 * WebSocket → useIdCard → the form.
 */
import type { Page } from '@playwright/test'
import type { CommandOutput } from '../../main/contract'
import type { Station } from '../../main/station'
import { signIn, test, expect } from './stationFixture'

test.use({ stationConfig: { devices: { idcard: { mode: 'emulator', pollMs: 100 } } } })

/** The demo hall's window clerk (A0123), as every write records them. */
const CLERK = '王晓明 A0123'

/** Lays a demo card through the demo command, as the tap-card panel does. */
async function place(station: Station, cardIndex: number): Promise<void> {
  // In-process, as the clerk at this window (the command needs a signed-in operator like every other).
  station.app.services.session.actAs(CLERK, 'window')
  const result = await station.app.dispatcher.invoke('demo.idcard.place', { cardIndex }, { transport: 'test' })
  expect(result.ok).toBe(true)
}

async function openIntake(shell: Page): Promise<void> {
  await signIn(shell, 'A0123')
  await expect(shell.getByTestId('operator')).toContainText(CLERK)
  await shell.getByTestId('nav-intake').click()
  await expect(shell.getByTestId('intake-form')).toBeVisible()
  await expect(shell.getByTestId('light-idcard')).toHaveAttribute('data-state', 'ok')
}

test('a tap fills the applicant and shows what the card says', async ({ shell, station }) => {
  await openIntake(shell)
  await place(station, 0)
  await expect(shell.getByTestId('field-applicant.name')).toHaveValue('李明远')
  await expect(shell.getByTestId('field-applicant.idNumber')).toHaveValue('320302198506122313')
  await expect(shell.getByTestId('field-applicant.address')).toHaveValue('江苏省徐州市鼓楼区中山北路88号2单元501室')
  await expect(shell.getByTestId('card-validity')).toHaveText('2016-03-01 – 2036-03-01')
  await expect(shell.getByTestId('card-panel')).toContainText('男')
  await expect(shell.getByTestId('card-panel')).toContainText('徐州市公安局鼓楼分局')
  await expect(shell.getByTestId('card-expired')).toHaveCount(0)
})

test('an expired card fills the form with one red verdict and no green “valid” anywhere', async ({ shell, station }) => {
  await openIntake(shell)
  await place(station, 2)
  await expect(shell.getByTestId('field-applicant.name')).toHaveValue('热依拉·阿不都')
  const notice = shell.getByTestId('card-notice')
  await expect(notice).toHaveAttribute('data-verdict', 'error')
  await expect(notice).toContainText('证件已过期')
  await expect(notice).toContainText('2020-05-10')
  await expect(shell.getByTestId('card-validity')).toHaveAttribute('data-expired', '')
  // The live check judges the number and the phone in one call: once the phone's verdict shows, the number's is in too.
  await shell.getByTestId('field-applicant.phone').fill('13912345678')
  await expect(shell.getByTestId('help-applicant.phone')).toHaveText('手机号码')
  const form = shell.getByTestId('intake-form')
  await expect(shell.getByTestId('help-applicant.idNumber')).toHaveCount(0)
  await expect(form.locator('.ant-alert-success')).toHaveCount(0)
  await expect(form.locator('.ant-form-item-has-success').filter({ has: shell.getByTestId('field-applicant.idNumber') })).toHaveCount(0)
  await expect(form.getByText('有效 ·')).toHaveCount(0)
})

test('a card whose check character is wrong is refused with the reason', async ({ shell, station }) => {
  await openIntake(shell)
  await place(station, 3)
  await expect(shell.getByTestId('card-notice')).toContainText('校验位')
  await expect(shell.getByTestId('field-applicant.idNumber')).toHaveValue('')
})

test('a refused card clears the previous applicant the last card filled', async ({ shell, station }) => {
  await openIntake(shell)
  await place(station, 0)
  await expect(shell.getByTestId('field-applicant.idNumber')).toHaveValue('320302198506122313')
  await expect(shell.getByTestId('card-panel')).toContainText('徐州市公安局鼓楼分局')
  await place(station, 3)
  const notice = shell.getByTestId('card-notice')
  await expect(notice).toHaveAttribute('data-verdict', 'error')
  await expect(notice).toContainText('校验位')
  await expect(shell.getByTestId('field-applicant.name')).toHaveValue('')
  await expect(shell.getByTestId('field-applicant.idNumber')).toHaveValue('')
  await expect(shell.getByTestId('field-applicant.address')).toHaveValue('')
  await expect(shell.getByTestId('card-panel')).toHaveCount(0)
  await expect(shell.getByTestId('field-applicant.name')).toBeFocused()
  // The cleared identity is what the draft keeps, too: a reload does not bring the last applicant back.
  await shell.getByTestId('field-applicant.phone').fill('13912345678')
  await shell.getByTestId('field-applicant.name').focus()
  // The draft is the clerk's: read in-process as them.
  station.app.services.session.actAs(CLERK, 'window')
  const savedApplicant = async (): Promise<unknown> => {
    const current = await station.app.dispatcher.invoke('drafts.current', {}, { transport: 'test' })
    return current.ok ? (current.value as CommandOutput<'drafts.current'>)?.form.applicant : current.error
  }
  await expect.poll(savedApplicant).toMatchObject({ phone: '13912345678', name: '', idNumber: '', address: '' })
})

test('the applicant section taps a demo card from the keyboard', async ({ shell }) => {
  await openIntake(shell)
  const name = shell.getByTestId('field-applicant.name')
  await name.focus()
  const picker = shell.getByRole('combobox', { name: '选择模拟证件' })
  const tapButton = shell.getByTestId('demo-card-tap-button')
  await expect(picker).toBeEnabled()
  await shell.keyboard.press('Shift+Tab')
  await expect(tapButton).toBeFocused()
  await shell.keyboard.press('Shift+Tab')
  await expect(picker).toBeFocused()
  await shell.keyboard.press('ArrowDown')
  await expect(shell.getByRole('option', { name: /王秀兰/ })).toBeVisible()
  await shell.keyboard.press('ArrowDown')
  await shell.keyboard.press('Enter')
  await expect(shell.getByTestId('demo-card-tap')).toContainText('王秀兰')
  await shell.keyboard.press('Tab')
  await expect(tapButton).toBeFocused()
  await shell.keyboard.press('Enter')
  await expect(name).toHaveValue('王秀兰')
  await expect(shell.getByTestId('field-applicant.idNumber')).toHaveValue('320303196203050022')
})

test('the devices screen lays a demo card on the emulated reader', async ({ shell, station }) => {
  const reads: string[] = []
  station.app.services.events.on('idcard.read', (read) => reads.push(read.card.name))
  await signIn(shell, 'A0123')
  await shell.getByTestId('nav-devices').click()
  await expect(shell.getByTestId('tap-card-panel')).toBeVisible()
  await expect(shell.getByTestId('light-idcard')).toHaveAttribute('data-state', 'ok')
  await shell.getByTestId('tap-card-1').click()
  await expect(shell.getByTestId('tap-card-row-1')).toContainText('已放置')
  await expect.poll(() => reads).toHaveLength(1)
})

test.describe('with no emulated reader', () => {
  test.use({ stationConfig: { devices: { idcard: { mode: 'off' } } } })

  test('shows no demo panel, and the station refuses the demo commands', async ({ shell, station }) => {
    await signIn(shell, 'A0123')
    await shell.getByTestId('nav-devices').click()
    await expect(shell.getByTestId('screen-devices')).toBeVisible()
    await expect(shell.getByTestId('light-idcard')).toHaveAttribute('data-state', 'off')
    await expect(shell.getByTestId('tap-card-panel')).toHaveCount(0)
    const result = await station.app.dispatcher.invoke('demo.idcard.listCards', {}, { transport: 'test' })
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } })
  })

  test('shows no demo tap in the applicant section', async ({ shell }) => {
    await signIn(shell, 'A0123')
    await shell.getByTestId('nav-intake').click()
    await expect(shell.getByTestId('intake-form')).toBeVisible()
    // The lights are in (the section reads the same ones): the reader is not an emulator.
    await expect(shell.getByTestId('light-idcard')).toHaveAttribute('data-state', 'off')
    await expect(shell.getByTestId('field-applicant.name')).toBeVisible()
    await expect(shell.getByTestId('demo-card-tap')).toHaveCount(0)
  })
})
