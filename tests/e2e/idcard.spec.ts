/**
 * A tap on the emulated reader fills the intake form, in the station host:
 * emulator → SAM frames over a pty → real driver → `idcard.read` over the
 * WebSocket → useIdCard → the form.
 */
import type { Page } from '@playwright/test'
import { test, expect } from './stationFixture'

test.use({ stationConfig: { devices: { idcard: { mode: 'emulator', pollMs: 100 } } } })

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
  station.app.services.idcard.placeEmulatorCard({ cardIndex: 0 })
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
  station.app.services.idcard.placeEmulatorCard({ cardIndex: 2 })
  await expect(shell.getByTestId('field-applicant.name')).toHaveValue('热依拉·阿不都')
  await expect(shell.getByTestId('card-expired')).toContainText('2020-05-10')
})

test('a card whose check character is wrong is refused with the reason', async ({ shell, station }) => {
  await openIntake(shell)
  station.app.services.idcard.placeEmulatorCard({ cardIndex: 3 })
  await expect(shell.getByTestId('card-notice')).toContainText('校验位')
  await expect(shell.getByTestId('field-applicant.idNumber')).toHaveValue('')
})
