/**
 * The cameras in a real Chromium: its fake camera plays a video made from a
 * generated Code 128 image (bwip-js → ffmpeg y4m, built in a temp folder per
 * run), the camera scanner must read the right number from it, and the
 * document camera must store a photo on a checklist line.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { LaunchOptions } from '@playwright/test'
import { barcodeVideoY4m } from '../fixtures/barcodeFrames'
import { expect, signIn, test as stationTest } from './stationFixture'

/** A SF waybill number: recognised by classification, and no screen takes a waybill unasked. */
const WAYBILL = 'SF1234567890123'

const test = stationTest.extend<object, { fakeCameraVideo: string }>({
  fakeCameraVideo: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'onewindow-fake-camera-'))
      await use(await barcodeVideoY4m(WAYBILL, dir))
      rmSync(dir, { recursive: true, force: true })
    },
    { scope: 'worker' },
  ],
  // Chromium reads the fake camera flags at launch: this spec gets its own browser.
  launchOptions: [
    async ({ launchOptions, fakeCameraVideo }, use) => {
      const options: LaunchOptions = {
        ...launchOptions,
        args: [
          ...(launchOptions.args ?? []),
          '--use-fake-ui-for-media-stream',
          '--use-fake-device-for-media-stream',
          `--use-file-for-fake-video-capture=${fakeCameraVideo}`,
        ],
      }
      await use(options)
    },
    { scope: 'worker' },
  ],
})

test('reads a Code 128 waybill number from the camera and routes it like any scan', async ({ shell }) => {
  await signIn(shell, 'A0123')
  await shell.getByTestId('camera-scan-open').click()
  await expect(shell.getByTestId('camera-scanner')).toBeVisible()
  // The viewfinder is drawn over the live picture.
  await expect(shell.locator('.camera-viewfinder')).toBeVisible()
  await expect(shell.locator('.camera-viewport video')).toBeVisible()

  await expect(shell.getByTestId('camera-scan-status')).toContainText(`已识别：${WAYBILL}`, { timeout: 20_000 })
  await expect(shell.getByText(`运单号 ${WAYBILL}：请先在寄递台选定办件`)).toBeVisible()
  // No navigation on a scan nobody took.
  expect(new URL(shell.url()).hash).not.toContain(WAYBILL)
})

test('opens and closes the camera scanner with F8', async ({ shell }) => {
  await shell.keyboard.press('F8')
  await expect(shell.getByTestId('camera-scanner')).toBeVisible()
  await shell.keyboard.press('F8')
  await expect(shell.getByTestId('camera-scanner')).toBeHidden()
})

test('photographs a material with the document camera onto its checklist line, retakes and removes it', async ({ shell, station }) => {
  await signIn(shell, 'A0123')
  await shell.getByTestId('nav-intake').click()
  await shell.getByTestId('item-search').fill('企业设立')
  await shell.getByTestId('item-search').press('Enter')

  // The line offers the camera once the draft it belongs to is saved.
  const line = shell.getByTestId('material-photos-application')
  await expect(line).toContainText('尚未拍照')
  await shell.getByTestId('material-photo-take-application').click()
  await expect(shell.getByTestId('document-capture')).toBeEnabled({ timeout: 15_000 })
  await shell.getByTestId('document-capture').click()
  await expect(shell.getByTestId('document-still')).toBeVisible()
  await shell.getByTestId('document-use').click()

  const thumbnail = line.getByTestId('material-photo-thumbnail')
  await expect(thumbnail).toBeVisible()
  await expect(thumbnail).toHaveAttribute('src', /^data:image\/jpeg;base64,/)
  // Read back in-process as the same clerk: a draft is its operator's.
  station.app.services.session.actAs('王晓明 A0123', 'window')
  const draft = station.app.services.intake.currentDraft()
  expect(draft).not.toBeNull()
  const stored = station.app.services.attachments.list({ draftId: draft!.draftId })
  expect(stored).toHaveLength(1)
  expect(stored[0]).toMatchObject({ materialId: 'application', mime: 'image/jpeg', width: 640, height: 480 })
  // The file on disk is the photo the row names.
  expect(station.app.services.attachments.image(stored[0]!.id).sha256).toBe(stored[0]!.sha256)

  // Retake: a new photo replaces the old one on the line.
  await line.getByTestId('material-photo-retake').click()
  await expect(shell.getByTestId('document-capture')).toBeEnabled({ timeout: 15_000 })
  await shell.keyboard.press('Space')
  await expect(shell.getByTestId('document-still')).toBeVisible()
  await shell.keyboard.press('Enter')
  await expect(shell.getByTestId('document-camera')).toBeHidden()
  await expect(line.getByTestId('material-photo')).toHaveCount(1)
  const retaken = station.app.services.attachments.list({ draftId: draft!.draftId })
  expect(retaken.map((p) => p.id)).not.toEqual(stored.map((p) => p.id))

  // Remove before acceptance.
  await line.getByTestId('material-photo-remove').click()
  await shell.getByRole('button', { name: /确\s*定|OK/ }).click()
  await expect(line).toContainText('尚未拍照')
  expect(station.app.services.attachments.list({ draftId: draft!.draftId })).toEqual([])
})

/** Counts the page's live `devicechange` listeners: each is a camera list kept up to date. */
function countCameraWatchers(): void {
  const media = navigator.mediaDevices
  const counted = window as unknown as { cameraWatchers: number }
  counted.cameraWatchers = 0
  const add = media.addEventListener.bind(media)
  const remove = media.removeEventListener.bind(media)
  media.addEventListener = (type: string, ...rest: [EventListenerOrEventListenerObject, (boolean | AddEventListenerOptions)?]) => {
    if (type === 'devicechange') counted.cameraWatchers++
    add(type, ...rest)
  }
  media.removeEventListener = (type: string, ...rest: [EventListenerOrEventListenerObject, (boolean | EventListenerOptions)?]) => {
    if (type === 'devicechange') counted.cameraWatchers--
    remove(type, ...rest)
  }
}

test('a checklist lists its photos once, and watches the cameras only while the camera is open', async ({ shell, station }) => {
  await shell.addInitScript(countCameraWatchers)
  await shell.reload()
  await expect(shell.getByTestId('station-name')).toContainText(station.app.services.config.stationName)
  const photoLists: string[] = []
  shell.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/attachments.list') photoLists.push(request.postData() ?? '')
  })
  const watchers = (): Promise<number> => shell.evaluate(() => (window as unknown as { cameraWatchers: number }).cameraWatchers)

  await signIn(shell, 'A0123')
  await shell.getByTestId('nav-intake').click()
  await expect(shell.getByTestId('intake-form')).toBeVisible()
  const before = await watchers()
  const listed = shell.waitForResponse((response) => new URL(response.url()).pathname === '/api/attachments.list')
  await shell.getByTestId('item-search').fill('企业设立')
  await expect(shell.getByTestId('item-results').getByRole('option').first()).toContainText('企业设立登记')
  await shell.getByTestId('item-search').press('Enter')
  await listed
  const lines = shell.locator('[data-testid^="material-photos-"]')
  expect(await lines.count()).toBeGreaterThan(1)
  await expect(lines.first()).toContainText('尚未拍照')
  // One list for the whole checklist, and no line counts the cameras while its dialog is closed.
  expect(photoLists).toHaveLength(1)
  expect(await watchers()).toBe(before)

  await shell.getByTestId('material-photo-take-application').click()
  await expect(shell.getByTestId('document-capture')).toBeEnabled({ timeout: 15_000 })
  expect(await watchers()).toBe(before + 1)
  await shell.getByTestId('document-capture').click()
  await shell.getByTestId('document-use').click()
  await expect(shell.getByTestId('material-photos-application').getByTestId('material-photo-thumbnail')).toBeVisible()
  await expect(shell.getByTestId('document-camera')).toBeHidden()
  // The saved photo reaches the line through main's change event: one more list, not one per line or per step.
  expect(photoLists).toHaveLength(2)
  await expect.poll(watchers).toBe(before)
})
