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

export interface StationFixtures {
  /** Config overrides written to station.json before the host starts. */
  stationConfig: StationConfigInput
  station: Station
  /** The shell, opened and showing its station name. */
  shell: Page
}

export const test = base.extend<StationFixtures>({
  stationConfig: [{}, { option: true }],
  station: async ({ stationConfig }, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-e2e-'))
    writeFileSync(join(dataDir, 'station.json'), JSON.stringify(stationConfig))
    const station = await startStation({ dataDir })
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

export { expect }
