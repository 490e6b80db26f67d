import { afterEach, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../../main/cli'
import { toHex } from '../../../main/devices/idcard/samFrame'
import { foreign2017Block, readAnswer, responseFrame } from '../../fixtures/idcardFrames'
import { captureConsole } from '../../fixtures/captureConsole'


describe('npm run cli -- idcard decode', () => {
  afterEach(() => vi.restoreAllMocks())

  it('prints one JSON object for a read answer', async () => {
    const { out } = captureConsole()
    expect(await runCli(['idcard', 'decode', toHex(readAnswer(foreign2017Block()))])).toBe(0)
    expect(out).toHaveLength(1)
    expect(JSON.parse(out[0]!)).toMatchObject({ cardType: 'foreign', nameEn: 'SMITH, JOHN MICHAEL', nationality: '美国' })
  })

  it.each([
    ['a bad checksum', 'AAAAAA9669000400008085', '校验和错误'],
    ['a bad length', 'AAAAAA9669000500009094', '长度不符'],
    ['a status word and its meaning', toHex(responseFrame(0x41)), 'SW3=0x41 readFailed'],
    ['text that is not hex', 'AAAAAG', '非十六进制'],
  ])('exits 1 naming %s on one line', async (_what, hex, reason) => {
    const { out, err } = captureConsole()
    expect(await runCli(['idcard', 'decode', hex])).toBe(1)
    expect(out).toEqual([])
    expect(err).toHaveLength(1)
    expect(err[0]).toContain(reason)
  })
})

describe('npm run cli -- idcard read', () => {
  afterEach(() => vi.restoreAllMocks())

  it('exits non-zero at once when nothing is at the port', async () => {
    const { err } = captureConsole()
    expect(await runCli(['idcard', 'read', '--port', '/dev/onewindow-missing', '--timeout', '10'])).toBe(1)
    expect(err[err.length - 1]).toBe('找不到串口 /dev/onewindow-missing，阅读器未连接')
  })
})
