import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import { deviceMessage } from '../../../renderer/i18n/deviceMessage'
import { deviceReasons } from '../../../renderer/i18n/en/deviceReasons'

async function inLanguage(lng: 'en' | 'zh-CN') {
  const i18n = i18next.createInstance()
  await i18n.init({ lng, fallbackLng: 'zh-CN', resources: { 'zh-CN': {}, en: { deviceReasons } }, interpolation: { escapeValue: false } })
  return i18n
}

const cjk = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/

describe('a device light’s words', () => {
  it('are main’s Chinese sentence in Chinese', async () => {
    const zh = await inLanguage('zh-CN')
    expect(deviceMessage({ device: 'camera', reason: 'ready', params: { count: 2 }, message: '2 个摄像头可用' }, zh)).toBe('2 个摄像头可用')
  })

  it('are the reason’s English with its parameters in English, by device first and then shared', async () => {
    const en = await inLanguage('en')
    expect(deviceMessage({ device: 'camera', reason: 'ready', params: { count: 1 }, message: '1 个摄像头可用' }, en)).toBe('1 camera available')
    expect(deviceMessage({ device: 'camera', reason: 'ready', params: { count: 3 }, message: '3 个摄像头可用' }, en)).toBe('3 cameras available')
    expect(deviceMessage({ device: 'calendar', reason: 'loaded', params: { first: 2025, last: 2027 }, message: '已载入 2025–2027 年节假日安排' }, en)).toBe(
      'Holiday arrangements 2025–2027 loaded',
    )
    expect(deviceMessage({ device: 'labelPrinter', reason: 'paper_out', message: '缺纸，请装纸' }, en)).toBe('Out of paper: load paper')
    expect(deviceMessage({ device: 'scanner', reason: 'disabled', message: '扫码枪已在配置中关闭' }, en)).toBe('Turned off in the configuration')
  })

  it('fall back to main’s sentence for a reason without English', async () => {
    const en = await inLanguage('en')
    expect(deviceMessage({ device: 'network', reason: 'hall_link_lost', message: '与大厅数据库断开' }, en)).toBe('与大厅数据库断开')
  })

  it('hold no Chinese in the English dictionary', () => {
    expect(JSON.stringify(deviceReasons)).not.toMatch(cjk)
  })
})
