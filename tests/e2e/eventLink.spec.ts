/**
 * The station host's event socket dropping and coming back: whatever was
 * pushed meanwhile is lost, so the page loads again what it keeps current by
 * pushes (the device lights, an open case) and says while it is cut off.
 */
import type { Page, WebSocketRoute } from '@playwright/test'
import { seedCases } from '../fixtures/queueSeed'
import { signIn, test, expect } from './stationFixture'

/**
 * Routes the page's event socket through Playwright so a test can drop it and
 * hold the reconnection back: `drop()` closes the open socket and keeps every
 * attempt to come back waiting; `restore()` lets them through to the host.
 * Installed before the page opens: only sockets opened afterwards are routed.
 */
async function droppableEventSocket(page: Page) {
  const connected: WebSocketRoute[] = []
  let gate: Promise<void> = Promise.resolve()
  let release = (): void => undefined
  let attempts = 0
  await page.routeWebSocket(/\/events\?/, async (socket) => {
    attempts++
    await gate
    socket.connectToServer()
    connected.push(socket)
  })
  return {
    async drop(): Promise<void> {
      gate = new Promise((resolve) => (release = resolve))
      const before = attempts
      await connected.at(-1)?.close()
      // The page is already trying to come back, and is held at the gate.
      await expect.poll(() => attempts).toBeGreaterThan(before)
    },
    restore(): void {
      release()
    },
    get connectedCount(): number {
      return connected.length
    },
  }
}

test('shows a device light that changed while the event socket was down once it is back', async ({ page, station }) => {
  const events = await droppableEventSocket(page)
  await page.goto(station.server.openUrl)
  await signIn(page, 'A0123')
  const light = page.getByTestId('light-labelPrinter')
  // No printer in the demo hall: the label printer's light starts as screen preview.
  await expect(light).toHaveAttribute('data-state', 'preview')
  expect(events.connectedCount).toBe(1)

  await events.drop()
  await expect(page.getByTestId('link-lost')).toBeVisible()
  station.app.services.devices.report('labelPrinter', { state: 'error', message: '缺纸', reason: 'paper_out' })
  // Pushed to nobody: the page still shows the old light.
  await expect(light).toHaveAttribute('data-state', 'preview')

  events.restore()
  await expect(light).toHaveAttribute('data-state', 'error')
  await expect(page.getByTestId('link-lost')).toBeHidden()
  expect(events.connectedCount).toBe(2)

  // Pushes reach the page again over the new socket.
  station.app.services.devices.report('labelPrinter', { state: 'ok', message: '就绪', reason: 'ready' })
  await expect(light).toHaveAttribute('data-state', 'ok')
})

test('shows an open case as it stands after a change made while the event socket was down', async ({ page, station }) => {
  const { services } = station.app
  services.session.actAs('王晓明 A0123', 'window')
  const [target] = seedCases(services, 1, ['XK00201001'])
  // Each receipt would pop up its on-screen preview in the demo hall: let them finish first.
  await expect.poll(() => services.printing.jobs({ limit: 50 }).filter((j) => j.state !== 'done').length).toBe(0)
  const events = await droppableEventSocket(page)
  await page.goto(station.server.openUrl)
  await signIn(page, 'A0123')
  await page.evaluate((caseNo) => (window.location.hash = `#/cases/${caseNo}`), target!.caseNo)
  await expect(page.getByTestId('case-state')).toHaveAttribute('data-state', 'accepted')

  await events.drop()
  // Meanwhile, at the reviewer's window.
  services.session.actAs('刘芳 R0003', 'reviewer')
  services.cases.transition({ caseNo: target!.caseNo, action: 'startReview' })
  events.restore()

  await expect(page.getByTestId('case-state')).toHaveAttribute('data-state', 'in_review')
})

test('shows a queue row as it stands after a change made while the event socket was down', async ({ page, station }) => {
  const { services } = station.app
  services.session.actAs('王晓明 A0123', 'window')
  const [target] = seedCases(services, 1, ['XK00201001'])
  await expect.poll(() => services.printing.jobs({ limit: 50 }).filter((j) => j.state !== 'done').length).toBe(0)
  const events = await droppableEventSocket(page)
  await page.goto(station.server.openUrl)
  await signIn(page, 'A0123')
  await page.keyboard.press('Alt+2')
  const row = page.locator(`[data-case-no="${target!.caseNo}"]`)
  await expect(row).toContainText('已受理')

  await events.drop()
  services.session.actAs('刘芳 R0003', 'reviewer')
  services.cases.transition({ caseNo: target!.caseNo, action: 'startReview' })
  events.restore()

  await expect(row).toContainText('审查中')
})
