import type { Locator, Page } from '@playwright/test'
import { loadEmulatorCards } from '../../main/emulators/demoCards'
import { signIn, test, expect } from './stationFixture'

const cjk = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/

/** How many lines a piece of text takes: its box height over its line height. */
async function linesOf(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const style = getComputedStyle(el)
    const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5
    return el.getBoundingClientRect().height / lineHeight
  })
}

test('keeps each fact of the picked item on one line, in English and in Chinese', async ({ shell, station }) => {
  await signIn(shell, 'A0123')
  const item = station.app.services.catalog.item('XK00201001')
  await expect(shell.getByTestId('intake-form')).toBeVisible()
  await shell.getByTestId('locale-switch').click()
  await expect(shell.getByTestId('nav-cases')).toContainText('Cases')
  await shell.keyboard.press('Alt+S')
  await shell.keyboard.type('qysl')
  await expect(shell.getByTestId('item-results').getByRole('option').first()).toBeVisible()
  await shell.keyboard.press('Enter')
  await expect(shell.getByTestId('item-name')).toContainText(item.name)

  const summary = shell.getByTestId('item-summary')
  const facts = {
    en: [
      ['Department', item.departmentName],
      ['Promised', `${item.promisedDays} working days`],
      ['Fee', item.fee ? `¥` : 'Free'],
    ],
    zh: [
      ['实施部门', item.departmentName],
      ['承诺时限', `${item.promisedDays} 个工作日`],
      ['收费', item.fee ? `¥` : '不收费'],
    ],
  } as const
  for (const language of ['en', 'zh'] as const) {
    if (language === 'zh') {
      await shell.getByTestId('locale-switch').click()
      await expect(shell.getByTestId('nav-cases')).toContainText('办件')
    }
    for (const [label, value] of facts[language]) {
      const labelText = summary.getByText(label, { exact: true })
      const valueText = summary.getByText(value, { exact: value !== '¥' })
      await expect(labelText).toBeVisible()
      await expect(valueText).toBeVisible()
      expect(await linesOf(labelText), `${language} label ${label}`).toBeLessThan(1.5)
      expect(await linesOf(valueText), `${language} value ${value}`).toBeLessThan(1.5)
    }
  }
})

test('shows the device screen in English: every light’s detail and the demo cards, names as on the card', async ({ shell, station }) => {
  await signIn(shell, 'A0123')
  await shell.getByTestId('locale-switch').click()
  await shell.keyboard.press('Alt+7')
  const screen = shell.getByTestId('screen-devices')
  await expect(screen.getByRole('heading', { name: 'Device status' })).toBeVisible()
  const cards = loadEmulatorCards()
  await expect(screen.getByTestId(`tap-card-row-${cards.length - 1}`)).toBeVisible()
  await expect(screen.getByRole('row').filter({ hasText: 'ID card reader' })).toContainText('Emulated ID card reader ready')

  // Applicants' names are theirs: the only Chinese left on the screen.
  let text = await screen.innerText()
  for (const name of cards.map((card) => card.name).filter(Boolean).sort((a, b) => b.length - a.length)) text = text.replaceAll(name, '')
  expect(text.split('\n').filter((line) => cjk.test(line))).toEqual([])

  // A light's variable part travels as a parameter, in the top bar's notice too.
  station.app.services.devices.report('calendar', {
    state: 'warning',
    reason: 'next_year_missing',
    params: { year: 2031 },
    message: '2031 年节假日安排未导入，新受理办件的时限将暂按周末计算',
  })
  await expect(shell.getByTestId('calendar-notice')).toHaveText('The 2031 holiday arrangement is not imported: deadlines of new cases count weekends only for now')
  await expect(screen.getByRole('row').filter({ hasText: 'Holiday calendar' })).toContainText('The 2031 holiday arrangement is not imported')

  // A reason the renderer has no words for shows main's sentence rather than nothing.
  station.app.services.devices.report('network', { state: 'warning', reason: 'something_new', message: '新的情况' })
  await expect(screen.getByRole('row').filter({ hasText: 'Network' })).toContainText('新的情况')

  // Chinese mode shows main's own sentences.
  await shell.getByTestId('locale-switch').click()
  await expect(screen.getByRole('row').filter({ hasText: '身份证阅读器' })).toContainText('模拟身份证阅读器就绪')
  await expect(shell.getByTestId('calendar-notice')).toHaveText('2031 年节假日安排未导入，新受理办件的时限将暂按周末计算')
  await expect(screen.getByTestId('tap-card-row-0')).toContainText(cards[0]!.label!)
})

test.describe('at the hall PC’s 1366×768, in English as in Chinese', () => {
  const viewport = { width: 1366, height: 768 }
  test.use({ viewport })
  const devices = ['idcard', 'scanner', 'camera', 'receiptPrinter', 'labelPrinter', 'network', 'database'] as const
  const deviceNames = {
    zh: ['身份证读卡器', '扫码枪', '摄像头', '小票打印机', '面单打印机', '网络', '数据库'],
    en: ['ID card reader', 'Scanner', 'Camera', 'Receipt printer', 'Label printer', 'Network', 'Database'],
  } as const

  async function switchLanguage(shell: Page, to: 'en' | 'zh'): Promise<void> {
    await shell.getByTestId('locale-switch').click()
    await expect(shell.getByTestId('nav-cases')).toContainText(to === 'en' ? 'Cases' : '办件')
  }

  test('keeps the top bar to one row, every light showing its state in colour and icon and naming its device', async ({ shell, station }) => {
    const { services } = station.app
    await signIn(shell, 'A0123')
    // The longest the bar gets in a demo hall: signed in, and the calendar's notice up.
    services.devices.report('calendar', { state: 'warning', reason: 'next_year_missing', params: { year: 2031 }, message: '2031 年节假日安排未导入，新受理办件的时限将暂按周末计算' })
    await expect(shell.getByTestId('calendar-notice')).toBeVisible()
    await expect(shell.getByTestId('operator')).toContainText('A0123')
    const bar = shell.locator('.top-bar')

    for (const language of ['zh', 'en'] as const) {
      if (language === 'en') await switchLanguage(shell, 'en')
      await expect(shell.getByTestId('sign-in')).toHaveCount(0)
      const row = await bar.evaluate((el) => {
        const box = el.getBoundingClientRect()
        const parts = [...el.children].map((c) => c.getBoundingClientRect()).filter((b) => b.height > 0)
        return { height: box.height, top: box.top, bottom: box.bottom, right: box.right, overflows: el.scrollWidth > el.clientWidth, parts }
      })
      expect(row.height, `${language}: the top bar is one row`).toBeLessThanOrEqual(56)
      expect(row.overflows, `${language}: nothing runs past the bar`).toBe(false)
      expect(row.right).toBeLessThanOrEqual(viewport.width)
      for (const part of row.parts) {
        expect(part.top, `${language}: every part sits on the one row`).toBeGreaterThanOrEqual(row.top)
        expect(part.bottom).toBeLessThanOrEqual(row.bottom)
        expect(part.right).toBeLessThanOrEqual(row.right + 0.5)
      }
      // The station's name and the notice are whole in their text (cut on screen, whole on hover).
      await expect(shell.getByTestId('station-name')).toHaveText(`${services.config.hallName} · ${services.config.stationName}`)

      for (const [i, device] of devices.entries()) {
        const light = shell.getByTestId(`light-${device}`)
        await expect(light).toHaveAttribute('aria-label', new RegExp(`^${deviceNames[language][i]}`))
        await expect(light.locator('.anticon')).toBeVisible()
        await expect(light.locator('.ant-badge-status-dot, .light-screen-glyph')).toBeVisible()
      }
      await shell.getByTestId('light-scanner').hover()
      await expect(shell.locator('.ant-tooltip:visible')).toContainText(deviceNames[language][1])
      await shell.mouse.move(0, viewport.height - 1)
      if (language === 'zh') await expect(shell.getByTestId('light-scanner')).toHaveAttribute('aria-label', '扫码枪：正常')
      else await expect(shell.getByTestId('light-scanner')).toHaveAttribute('aria-label', 'Scanner: OK')
    }
  })

  test('shows the lights’ names again where the top bar has room for them', async ({ shell, station }) => {
    const { services } = station.app
    await signIn(shell, 'A0123')
    services.devices.report('calendar', { state: 'warning', reason: 'next_year_missing', params: { year: 2031 }, message: '2031 年节假日安排未导入，新受理办件的时限将暂按周末计算' })
    const lights = shell.getByTestId('device-lights')
    const name = shell.getByTestId('light-idcard').locator('.device-light-name')
    await expect(lights).toHaveAttribute('data-names', 'hidden')
    await expect(name).toBeHidden()

    await shell.setViewportSize({ width: 1920, height: 1080 })
    services.devices.report('calendar', { state: 'ok', reason: 'loaded', params: { first: 2024, last: 2031 }, message: '已载入 2024–2031 年节假日安排' })
    for (const language of ['zh', 'en'] as const) {
      if (language === 'en') await switchLanguage(shell, 'en')
      await expect(lights).toHaveAttribute('data-names', 'shown')
      await expect(name).toHaveText(deviceNames[language][0])
      await expect(name).toBeVisible()
      expect(await shell.locator('.top-bar').evaluate((el) => el.getBoundingClientRect().height)).toBeLessThanOrEqual(56)
    }
    // Short of room again: the names give way rather than the bar growing a row.
    await shell.setViewportSize(viewport)
    await expect(lights).toHaveAttribute('data-names', 'hidden')
    expect(await shell.locator('.top-bar').evaluate((el) => el.getBoundingClientRect().height)).toBeLessThanOrEqual(56)
  })

  for (const language of ['en', 'zh'] as const) {
    test(`keeps the accepted dialog inside the screen, its buttons in view (${language})`, async ({ shell, station }) => {
      const { services } = station.app
      // The clerk signed in on this page; their draft saved in-process, as the same clerk, comes back on reload.
      await signIn(shell, 'A0123')
      services.session.actAs('王晓明 A0123', 'window')
      const item = services.catalog.item('XK00201001')
      services.intake.saveDraft({
        form: {
          applicant: { kind: 'person', name: '李明远', idNumber: '320302198506122313', phone: '13912345678', source: 'typed' },
          itemCode: item.code,
          materials: item.materials.filter((m) => m.required).map((m) => ({ materialId: m.id, receivedCopies: m.copies })),
          delivery: { method: 'window' },
        },
      })
      await shell.reload()
      await expect(shell.getByTestId('item-name')).toContainText(item.name)
      if (language === 'en') await switchLanguage(shell, 'en')
      await expect(shell.getByTestId('accept-blockers')).toHaveCount(0)
      await shell.keyboard.press('Control+Enter')
      const caseNo = (await shell.getByTestId('result-case-no').textContent())?.trim() ?? ''
      await expect(shell.getByTestId('print-preview-sheet')).toContainText(caseNo)
      await expect(shell.getByTestId('receipt-state')).toHaveAttribute('data-state', 'done')

      const dialog = shell.locator('.ant-modal:visible')
      // Measured once it has opened (no zoom left on it): the box the clerk sees.
      await expect.poll(() => dialog.evaluate((el) => getComputedStyle(el).transform)).toBe('none')
      const box = await dialog.locator('.ant-modal-container').boundingBox()
      if (!box) throw new Error('the dialog is not laid out')
      expect(box.y).toBeGreaterThanOrEqual(0)
      expect(box.y + box.height, `${language}: the dialog ends on screen`).toBeLessThanOrEqual(viewport.height)
      for (const button of ['result-next', 'result-open-case']) {
        const b = await shell.getByTestId(button).boundingBox()
        expect(b && b.y + b.height).toBeLessThanOrEqual(viewport.height)
      }
    })
  }
})
