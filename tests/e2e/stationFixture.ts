/**
 * Every e2e test gets a fresh station host (its own data directory, real
 * services, emulated devices) and a page opened on its tokened URL.
 */
import { test as base, expect, type Page } from '@playwright/test'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startStation, type Station } from '../../main/station'
import type { StationConfigInput } from '../../main/config/stationConfig'
import type { HallClock } from '../../main/services/cases/hallClock'
import { DEMO_PIN, ensureDemoOperators } from '../../main/demoOperators'

export interface StationFixtures {
  /** Config overrides written to station.json before the host starts. */
  stationConfig: StationConfigInput
  /** The hall's clock the station runs on, for a test that moves it (idle time); null: the system clock. */
  hallClock: HallClock | null
  station: Station
  /** The shell, opened and showing its station name. */
  shell: Page
}

export const test = base.extend<StationFixtures>({
  stationConfig: [{}, { option: true }],
  hallClock: [null, { option: true }],
  station: async ({ stationConfig, hallClock }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-e2e-'))
    writeFileSync(join(dataDir, 'station.json'), JSON.stringify(stationConfig))
    const station = await startStation({ dataDir, ...(hallClock ? { clock: hallClock } : {}) })
    // A station with no emulator running gets no demo accounts by itself; every test station has them (added only to an empty list).
    await ensureDemoOperators(station.app.services.operators)
    await use(station)
    await station.stop()
    rmSync(dataDir, { recursive: true, force: true })
  },
  shell: async ({ page, station }, use) => {
    await page.goto(station.server.openUrl)
    await expect(page.getByTestId('station-name')).toContainText(station.app.services.config.stationName)
    await use(page)
  },
})

/**
 * Signs `operatorId` in on this page as a clerk does: the top bar's 登录, the
 * staff number, the PIN, Enter. The demo hall's accounts (main/demoOperators.ts)
 * exist on every test station: A0123 受理, R0003 审核, C0310 出件, K0007 寄递,
 * G0015 代办, B0042 值班长.
 */
export async function signIn(page: Page, operatorId = 'A0123', pin = DEMO_PIN): Promise<void> {
  await page.getByTestId('sign-in').click()
  await page.getByTestId('operator-input').fill(operatorId)
  await page.getByTestId('pin-input').fill(pin)
  await page.getByTestId('pin-input').press('Enter')
  await expect(page.getByTestId('operator')).toContainText(operatorId)
  // The dialog closes with an animation: until it is gone it is a second visible modal over whatever opens next.
  await expect(page.getByTestId('operator-input')).toHaveCount(0)
}

export { expect }
