/**
 * A tap on the emulated reader fills the intake form, in the station host:
 * emulator → SAM frames over a pty → real driver → `idcard.read` over the
 * WebSocket → useIdCard → the form.
 */
import type { Page } from '@playwright/test'
import type { Station } from '../../main/station'
import { test, expect } from './stationFixture'

test.use({ stationConfig: { devices: { idcard: { mode: 'emulator', pollMs: 100 } } } })

/** Lays a demo card through the demo command, as the tap-card panel does. */
async function place(station: Station, cardIndex: number): Promise<void> {
  const result = await station.app.dispatcher.invoke('demo.idcard.place', { cardIndex }, { transport: 'test' })
  expect(result.ok).toBe(true)
}

async function openIntake(shell: Page): Promise<void> {
  await shell.getByTestId('sign-in').click()
  await shell.getByTestId('operator-input').fill('刘晓 A0007')
  await shell.getByTestId('operator-input').press('Enter')
  await expect(shell.getByTestId('operator')).toContainText('刘晓 A0007')
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

test('an expired card fills the form and is flagged', async ({ shell, station }) => {
  await openIntake(shell)
  await place(station, 2)
  await expect(shell.getByTestId('field-applicant.name')).toHaveValue('热依拉·阿不都')
  await expect(shell.getByTestId('card-expired')).toContainText('2020-05-10')
})

test('a card whose check character is wrong is refused with the reason', async ({ shell, station }) => {
  await openIntake(shell)
  await place(station, 3)
  await expect(shell.getByTestId('card-notice')).toContainText('校验位')
  await expect(shell.getByTestId('field-applicant.idNumber')).toHaveValue('')
})

test('the devices screen lays a demo card on the emulated reader', async ({ shell, station }) => {
  const reads: string[] = []
  station.app.services.events.on('idcard.read', (read) => reads.push(read.card.name))
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
    await shell.getByTestId('nav-devices').click()
    await expect(shell.getByTestId('screen-devices')).toBeVisible()
    await expect(shell.getByTestId('light-idcard')).toHaveAttribute('data-state', 'off')
    await expect(shell.getByTestId('tap-card-panel')).toHaveCount(0)
    const result = await station.app.dispatcher.invoke('demo.idcard.listCards', {}, { transport: 'test' })
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } })
  })
})
