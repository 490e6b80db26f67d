import { metaPolicyOf } from '../../main/transport/contentSecurityPolicy'
import { signIn, test, expect } from './stationFixture'

test('serves the built page with a CSP meta equal to the header it is sent with', async ({ page, station }) => {
  const sockets: string[] = []
  const cspComplaints: string[] = []
  page.on('websocket', (ws) => sockets.push(new URL(ws.url()).pathname))
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) cspComplaints.push(message.text())
  })
  const response = await page.goto(station.server.openUrl)
  const header = response?.headers()['content-security-policy'] ?? ''
  expect(header).toContain("script-src 'self'")
  const metas = page.locator('meta[http-equiv="Content-Security-Policy"]')
  await expect(metas).toHaveCount(1)
  expect(await metas.getAttribute('content')).toBe(metaPolicyOf(header))
  // The event socket lives under that policy's connect-src 'self': a pushed light arrives.
  await signIn(page, 'B0042')
  station.app.services.devices.report('labelPrinter', { state: 'error', message: '缺纸', reason: 'paper_out' })
  await expect(page.getByTestId('light-labelPrinter')).toHaveAttribute('data-state', 'error')
  expect(sockets).toContain('/events')
  // Nothing refused, and no directive the meta cannot carry (frame-ancestors) complained about.
  expect(cspComplaints).toEqual([])
})

test('says on the 设备 screen where the master key is kept, and why', async ({ shell, station }) => {
  await signIn(shell, 'B0042')
  await shell.getByTestId('nav-devices').click()
  const line = shell.getByTestId('key-storage')
  await expect(line).toHaveAttribute('data-where', 'keyFile')
  await expect(line).toContainText(`主密钥存放在密钥文件 ${station.app.services.info.keyStorage.file}，仅本系统用户可读`)
  await expect(line).toContainText('工作站主机（浏览器方式）不使用系统钥匙串')
  await shell.getByTestId('locale-switch').click()
  await expect(line).toContainText('readable by this OS user only: the station host (browser mode) does not use an OS keychain')
})
