/**
 * The usual hall PC: a 1366×768 window. What the clerk needs is on screen
 * without sideways scrolling or a section hiding below the fold — measured by
 * the boxes the browser laid out, not by eye.
 */
import type { Locator, Page } from '@playwright/test'
import type { Station } from '../../main/station'
import { seedCases } from '../fixtures/queueSeed'
import { signIn, test, expect } from './stationFixture'

const VIEWPORT = { width: 1366, height: 768 }
const ESTABLISH = 'XK00201001' // 企业设立登记: six materials, window or express
const LONG_NAME = 'XK00403001' // 建筑业企业资质核准（施工总承包三级）
const TAX_PACKAGE = 'GG01001001' // 新办纳税人涉税事项套餐（发票领用）

/**
 * Opens the app in a 1366×768 window, once the receipts of any seeded cases are printed (else their previews pop up over the screen),
 * and signs the window clerk in: what a clerk sees, at its longest (the operator's name in the top bar).
 */
async function openAt1366(page: Page, station: Station): Promise<void> {
  await expect.poll(() => station.app.services.printing.jobs({ limit: 500 }).filter((j) => j.state !== 'done').length).toBe(0)
  await page.setViewportSize(VIEWPORT)
  await page.goto(station.server.openUrl)
  await expect(page.getByTestId('station-name')).toContainText(station.app.services.config.stationName)
  await signIn(page, 'A0123')
}

async function box(locator: Locator): Promise<{ top: number; bottom: number; left: number; right: number }> {
  const b = await locator.boundingBox()
  if (!b) throw new Error('not laid out')
  return { top: b.y, bottom: b.y + b.height, left: b.x, right: b.x + b.width }
}

/** The section is wholly inside the window: no scrolling needed to see or use it. */
async function expectOnScreen(section: Locator): Promise<void> {
  const b = await box(section)
  expect(b.top).toBeGreaterThanOrEqual(0)
  expect(b.bottom).toBeLessThanOrEqual(VIEWPORT.height)
  expect(b.right).toBeLessThanOrEqual(VIEWPORT.width)
}

test('at 1366×768 the delivery choice stays on screen while the clerk works the checklist, and Enter still reaches it after the materials', async ({ page, station }) => {
  await openAt1366(page, station)
  await expect(page.getByTestId('intake-form')).toBeVisible()
  await page.getByTestId('field-applicant.name').fill('张晓梅')
  await page.getByTestId('field-applicant.idNumber').fill('320302198506122313')
  await page.getByTestId('field-applicant.phone').fill('13912345678')
  await page.getByTestId('field-applicant.address').fill('江苏省徐州市鼓楼区中山北路88号')
  await page.keyboard.press('Alt+S')
  await page.keyboard.type('qysldj', { delay: 60 })
  await expect(page.getByTestId('item-results').getByRole('option').first()).toContainText('企业设立登记')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('item-name')).toContainText('企业设立登记')

  const section = (id: string): Locator => page.locator(`[data-section="${id}"]`)
  const delivery = section('delivery')
  // Focus is on the checklist: the checklist starts on screen, and delivery is on screen with it.
  await expect(page.getByTestId('tick-application')).toBeFocused()
  expect((await box(section('materials'))).top).toBeLessThan(VIEWPORT.height)
  await expectOnScreen(delivery)
  await expect(page.getByTestId('delivery-method')).toBeVisible()

  // Down the whole checklist (the page scrolls to the last line): delivery has not moved off screen.
  const materials = page.locator('[data-material]')
  const count = await materials.count()
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('Space')
    if (i < count - 1) await page.keyboard.press('ArrowDown')
  }
  await expect(materials.last()).toHaveAttribute('data-state', 'received')
  await expectOnScreen(delivery)
  // The applicant section is still the first thing on the page: scrolled back, it is on screen together with delivery.
  await page.locator('.app-content').evaluate((el) => el.scrollTo(0, 0))
  await expectOnScreen(section('applicant'))
  await expectOnScreen(delivery)

  // Enter from the checklist goes on to delivery, then the note, then Accept — the order the counter works in.
  await page.getByTestId(`tick-${await materials.last().getAttribute('data-material')}`).focus()
  await page.keyboard.press('Enter')
  await expect(delivery.locator('input[type=radio]:checked')).toBeFocused()
  // Express grows the section by six fields: it still fits on screen, prefilled from the applicant.
  await page.keyboard.press('ArrowRight')
  await expect(page.getByTestId('field-delivery.recipient')).toHaveValue('张晓梅')
  await expectOnScreen(delivery)
  for (let i = 0; i < 7; i++) await page.keyboard.press('Enter') // the choice, six express fields, to the note
  await expect(page.getByTestId('field-note')).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('accept')).toBeFocused()
  await expectOnScreen(page.getByTestId('accept'))
})

test('at 1366 wide the queue shows every column without sideways scrolling, long text cut with its whole in the title', async ({ page, station }) => {
  const { services } = station.app
  services.session.actAs('王晓明 A0123', 'window')
  seedCases(services, 30, [ESTABLISH, LONG_NAME, TAX_PACKAGE])
  await openAt1366(page, station)
  await page.keyboard.press('Alt+2')
  const table = page.getByTestId('queue-table')
  await expect(table.locator('[data-case-no]').first()).toBeVisible()

  const container = await box(table.locator('.ant-table-container'))
  expect(container.right).toBeLessThanOrEqual(VIEWPORT.width)
  // The header row is no wider than the table: nothing to scroll sideways to.
  const header = table.locator('.ant-table-header')
  const [scrollWidth, clientWidth] = await header.evaluate((el) => [el.scrollWidth, el.clientWidth])
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth)
  // The last column's heading and cells end inside the table.
  const lastHeading = table.locator('.ant-table-thead th:not(.ant-table-cell-scrollbar)').last()
  await expect(lastHeading).toHaveText('承诺办结')
  expect((await box(lastHeading)).right).toBeLessThanOrEqual(container.right)
  for (const cell of await table.locator('[data-case-no]').locator('.ant-table-cell:last-child').all()) {
    expect((await box(cell)).right).toBeLessThanOrEqual(container.right)
  }

  // A long item name ends in an ellipsis; the cell's title carries the whole of it.
  const longItem = table.locator('.ant-table-cell[title="建筑业企业资质核准（施工总承包三级）"]').first()
  await expect(longItem).toBeVisible()
  expect(await longItem.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true)
})

/** The placeholder's text width against the room the input leaves for text, measured with the input's own font. */
async function placeholderRoom(search: Locator): Promise<{ text: string; needs: number; has: number }> {
  return search.evaluate((el) => {
    const input = el as HTMLInputElement
    const style = getComputedStyle(input)
    const context = document.createElement('canvas').getContext('2d')
    if (!context) throw new Error('no canvas')
    context.font = style.font
    const has = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
    return { text: input.placeholder, needs: context.measureText(input.placeholder).width, has }
  })
}

test('the queue search shows its whole placeholder beside the Alt+S tag, in Chinese and in English', async ({ page, station }) => {
  await openAt1366(page, station)
  await page.keyboard.press('Alt+2')
  const search = page.getByTestId('queue-search')
  await expect(search).toBeVisible()
  const tag = page.locator('.ant-input-affix-wrapper', { has: search }).locator('.button-key')
  await expect(tag).toHaveText('Alt+S')
  // The tag sits after the text area, not over it.
  expect((await box(tag)).left).toBeGreaterThanOrEqual((await box(search)).right)

  const zh = await placeholderRoom(search)
  expect(zh.text).toBe('办件编号、姓名、电话或身份证号')
  expect(zh.needs).toBeLessThanOrEqual(zh.has)

  await page.getByTestId('locale-switch').click()
  await expect(search).toHaveAttribute('placeholder', /[A-Za-z]/)
  const en = await placeholderRoom(search)
  expect(en.needs).toBeLessThanOrEqual(en.has)
  // The filters still fit on one row at 1366: the search grew, the others gave room.
  const rowTops = await page.getByTestId('queue-filters').locator('.ant-space-item').evaluateAll((items) => new Set(items.map((i) => Math.round(i.getBoundingClientRect().top))).size)
  expect(rowTops).toBe(1)
})

test('a case page is headed by its case number and item, not by the queue', async ({ page, station }) => {
  const { services } = station.app
  services.session.actAs('王晓明 A0123', 'window')
  const [target] = seedCases(services, 1, [LONG_NAME])
  await openAt1366(page, station)
  await page.keyboard.press('Alt+2')
  await expect(page.getByRole('heading', { level: 4, name: '办件队列' })).toBeVisible()
  await page.keyboard.press('Alt+S')
  await page.keyboard.insertText(target!.caseNo)
  await page.keyboard.press('Enter')

  const heading = page.getByRole('heading', { level: 4 })
  await expect(heading).toHaveCount(1)
  await expect(heading).toContainText(target!.caseNo)
  await expect(heading).toContainText('建筑业企业资质核准（施工总承包三级）')
  await expect(page.getByRole('heading', { name: '办件队列' })).toHaveCount(0)
  await expect(page.getByTestId('screen-cases')).toHaveAttribute('aria-label', `${target!.caseNo} 建筑业企业资质核准（施工总承包三级）`)
  // Esc: back to the queue, headed as the queue again.
  await page.keyboard.press('Escape')
  await expect(page.getByRole('heading', { level: 4, name: '办件队列' })).toBeVisible()
})

test('the queue keeps its bottom on screen when the top bar changes height, with no window resize', async ({ page, station }) => {
  const { services } = station.app
  services.session.actAs('王晓明 A0123', 'window')
  seedCases(services, 30, [ESTABLISH, LONG_NAME, TAX_PACKAGE])
  await openAt1366(page, station)
  await page.keyboard.press('Alt+2')
  const table = page.getByTestId('queue-table')
  await expect(table.locator('[data-case-no]').first()).toBeVisible()
  expect((await box(table)).bottom).toBeLessThanOrEqual(VIEWPORT.height)
  const fullHeight = (await box(table)).bottom - (await box(table)).top

  // The top bar grows by a row (as a notice or a language once made it wrap): the window keeps its size.
  await page.addStyleTag({ content: '.top-bar { min-height: 140px; }' })
  await expect.poll(async () => (await box(page.locator('.top-bar'))).bottom).toBeGreaterThan(140)
  await expect.poll(async () => (await box(table)).bottom).toBeLessThanOrEqual(VIEWPORT.height)
  // Shorter by what the bar took, not squeezed to nothing.
  expect((await box(table)).bottom - (await box(table)).top).toBeGreaterThan(fullHeight - 120)
})
