import { anAcceptanceReceipt, CASE_NO } from '../fixtures/printDocuments'
import { test, expect } from './stationFixture'

test('shows a receipt on screen when the demo hall has no printer', async ({ shell, station }) => {
  station.app.services.session.signIn('op07')
  station.app.services.printing.submit({ kind: 'acceptanceReceipt', data: anAcceptanceReceipt() })
  const sheet = shell.getByTestId('print-preview-sheet')
  await expect(sheet).toBeVisible()
  await expect(sheet).toContainText('受理回执')
  await expect(sheet).toContainText(`受理编号：${CASE_NO}`)
  await expect(sheet.locator('svg')).toHaveCount(3) // the case-number barcode and two QR codes
  await expect(shell.getByTestId('print-preview')).toContainText('80 mm 小票')
})
