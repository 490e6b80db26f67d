/**
 * Scanners at the counter, end to end in Chromium: keyboard-wedge bursts told
 * from typing inside a focused field, serial scans pushed from main, and
 * every scan routed by what it is.
 */
import type { IntakeForm } from '../../main/domain/intakeForm'
import type { Station } from '../../main/station'
import { anIdNumber, aUscc } from '../fixtures/registrationNumbers'
import { sendKeyBurst } from './keyBursts'
import { DEMO_PIN } from '../../main/demoOperators'
import { expect, signIn, test } from './stationFixture'

// The serial scanner runs on its emulator; the wedge keeps the spec's default thresholds.
test.use({ stationConfig: { devices: { scanner: { mode: 'emulator' } } } })

/** A USB wedge scanner's pace: a key every 4 ms. */
const SCANNER_GAP_MS = 4

/** A case number in the station's format that no case has. */
const UNKNOWN_CASE = '320300202603020019999'

/** Accepts a real case through the intake service, as another counter would have earlier (its receipt preview is not this clerk's). */
function acceptACase(station: Station): string {
  const { services } = station.app
  services.session.actAs('李娜 A0456', 'window')
  const item = services.catalog.item('XK00201004')
  const form: IntakeForm = {
    applicant: { kind: 'person', name: '张建国', idNumber: anIdNumber({ region: '320302', birth: '1988-06-15', seq: '271' }), phone: '13951234567', source: 'typed' },
    itemCode: item.code,
    materials: item.materials.map((m) => ({ materialId: m.id, receivedCopies: m.copies })),
    delivery: { method: 'window' },
  }
  const { caseNo } = services.intake.accept({ form })
  services.session.actAs(null)
  return caseNo
}

test('keeps a wedge scan out of the focused field and says when the case does not exist', async ({ shell }) => {
  // Only a signed-in clerk's scan is looked up; the applicant's name field has focus, as at the counter.
  await signIn(shell, 'A0123')
  const input = shell.getByTestId('field-applicant.name')
  await input.click()
  await expect(input).toBeFocused()

  await sendKeyBurst(shell, UNKNOWN_CASE, { gapMs: SCANNER_GAP_MS })

  await expect(shell.getByText(`办件 ${UNKNOWN_CASE} 在本站不存在`)).toBeVisible()
  await expect(input).toHaveValue('')
  // The scanner's Enter was swallowed: focus did not move on to the ID number.
  await expect(input).toBeFocused()
})

test('lets a person type into the same field, every character and their Enter', async ({ shell }) => {
  await shell.getByTestId('sign-in').click()
  const input = shell.getByTestId('operator-input')
  await input.pressSequentially('A0123', { delay: 110 })
  await expect(input).toHaveValue('A0123')
  // The person's Enter is theirs: it moves on to the PIN, and the PIN's Enter signs in.
  await input.press('Enter')
  await expect(shell.getByTestId('pin-input')).toBeFocused()
  await shell.getByTestId('pin-input').pressSequentially(DEMO_PIN, { delay: 110 })
  await shell.getByTestId('pin-input').press('Enter')
  await expect(shell.getByTestId('operator')).toContainText('王晓明 A0123')
})

test('opens the case a scanned receipt names', async ({ shell, station }) => {
  await signIn(shell, 'A0123')
  const caseNo = acceptACase(station)
  await sendKeyBurst(shell, caseNo, { gapMs: SCANNER_GAP_MS })
  await expect(shell).toHaveURL(new RegExp(`#/cases/${caseNo}$`))
  await expect(shell.getByText(`已打开办件 ${caseNo}`)).toBeVisible()
})

test('routes a serial scan pushed from main, and refuses to guess at an unknown code', async ({ shell, station }) => {
  await signIn(shell, 'A0123')
  const before = new URL(shell.url()).hash
  // The emulator's control, run in-process as the demo hall's clerk.
  station.app.services.session.actAs('王晓明 A0123', 'window')
  const simulated = await station.app.dispatcher.invoke('demo.scanner.simulate', { text: 'HELLO-123' }, { transport: 'test' })
  expect(simulated.ok).toBe(true)
  await expect(shell.getByText('无法识别的条码：HELLO-123')).toBeVisible()
  expect(new URL(shell.url()).hash).toBe(before)
})

test('fills the enterprise credit code when a licence is scanned during intake', async ({ shell }) => {
  const uscc = aUscc('91320300MA1XYW12B')
  await signIn(shell, 'A0123')
  await shell.getByTestId('nav-intake').click()
  const name = shell.getByTestId('field-applicant.name')
  await name.click()

  await sendKeyBurst(shell, uscc, { gapMs: SCANNER_GAP_MS })

  await expect(shell.getByTestId('field-applicant.uscc')).toHaveValue(uscc)
  await expect(name).toHaveValue('')
})
