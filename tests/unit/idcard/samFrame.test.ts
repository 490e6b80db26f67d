import { describe, expect, it } from 'vitest'
import {
  decodeCommand,
  decodeResponse,
  encodeCommand,
  encodeResponse,
  fromHex,
  SAM_COMMANDS,
  toHex,
} from '../../../main/devices/idcard/samFrame'
import { describeSamStatus, knownSamStatuses, samStatus } from '../../../main/devices/idcard/samStatus'
import { responseFrame } from '../../fixtures/idcardFrames'

describe('SAM command frames', () => {
  it('encodes every command of the spec table byte for byte', () => {
    const expected: Record<keyof typeof SAM_COMMANDS, string> = {
      resetSam: 'AAAAAA9669000310FFEC',
      samStatus: 'AAAAAA9669000311FFED',
      samId: 'AAAAAA9669000312FFEE',
      findCard: 'AAAAAA96690003200122',
      selectCard: 'AAAAAA96690003200221',
      readText: 'AAAAAA96690003300132',
      readNewestAddress: 'AAAAAA96690003300330',
      readWithFingerprint: 'AAAAAA96690003301023',
    }
    for (const [name, frame] of Object.entries(expected)) {
      const command = SAM_COMMANDS[name as keyof typeof SAM_COMMANDS]
      expect(toHex(encodeCommand(command.cmd, command.para)), name).toBe(frame)
    }
  })

  it('includes command data in LEN and the checksum (set max RF bytes = 0x50)', () => {
    expect(toHex(encodeCommand(0x61, 0xff, Uint8Array.of(0x50)))).toBe('AAAAAA9669000461FF50CA')
    expect(toHex(encodeCommand(0x60, 0x00))).toBe('AAAAAA96690003600063')
  })

  it('decodes a command frame the way the emulator receives it', () => {
    const decoded = decodeCommand(fromHex('AAAAAA9669000461FF50CA'))
    expect(decoded).toEqual({ ok: true, frame: { cmd: 0x61, para: 0xff, data: Uint8Array.of(0x50) } })
  })

  it('reports a command with a wrong checksum (a public snippet ends find-card in 21)', () => {
    const decoded = decodeCommand(fromHex('AAAAAA96690003200121'))
    expect(decoded.ok).toBe(false)
    if (!decoded.ok) expect(decoded.error.reason).toBe('bad_checksum')
  })
})

describe('SAM response frames', () => {
  it.each([
    ['AAAAAA9669000400008084', 0x80, 'noCard', 0],
    ['AAAAAA9669000800009F0000000097', 0x9f, 'cardFound', 4],
    ['AAAAAA9669000C00009000000000000000009C', 0x90, 'ok', 8],
    ['AAAAAA9669000400009094', 0x90, 'ok', 0],
    ['AAAAAA9669000400008185', 0x81, 'selectFailed', 0],
    ['AAAAAA9669000400004145', 0x41, 'readFailed', 0],
    ['AAAAAA9669000400003236', 0x32, 'samAuthCardFailed', 0],
  ])('decodes the captured answer %s', (frame, sw3, name, dataLength) => {
    const decoded = decodeResponse(fromHex(frame))
    expect(decoded.ok).toBe(true)
    if (!decoded.ok) return
    expect(decoded.frame.sw3).toBe(sw3)
    expect(decoded.frame.status.name).toBe(name)
    expect(decoded.frame.data.length).toBe(dataLength)
  })

  it('gives every status word of the spec a name and a Chinese and English message', () => {
    const codes = [0x90, 0x9f, 0x91, 0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x40, 0x41, 0x47, 0x60, 0x66, 0x80, 0x81]
    expect(knownSamStatuses.map((s) => s.code).sort()).toEqual([...codes].sort())
    for (const code of codes) {
      const decoded = decodeResponse(responseFrame(code, [], 0x6a, 0x82))
      expect(decoded.ok).toBe(true)
      if (!decoded.ok) continue
      const status = decoded.frame.status
      expect(status.code).toBe(code)
      expect(status.name).not.toBe('unknown')
      expect(status.zh).toMatch(/[\u4e00-\u9fff]/)
      expect(status.en).toMatch(/[a-z]{3}/)
      // SW1/SW2 can echo the card's ISO 7816 status; they are kept for diagnostics.
      expect([decoded.frame.sw1, decoded.frame.sw2]).toEqual([0x6a, 0x82])
    }
  })

  it('names an unknown status word by its hex code', () => {
    expect(samStatus(0x5c)).toMatchObject({ name: 'unknown', zh: '未知状态码 0x5C', en: 'unknown status 0x5C' })
    expect(describeSamStatus(0x80)).toContain('SW3=0x80 noCard')
  })

  it('refuses to trust any field of a frame whose checksum is wrong', () => {
    const frame = fromHex('AAAAAA9669000400009094')
    frame[10] = 0x95
    const decoded = decodeResponse(frame)
    expect(decoded).toEqual({ ok: false, error: { reason: 'bad_checksum', message: '校验和错误：应为 0x94，帧中为 0x95' } })
  })

  it('names a LEN that does not match the byte count', () => {
    const decoded = decodeResponse(fromHex('AAAAAA9669000500009094'))
    expect(decoded.ok ? null : decoded.error.reason).toBe('length_mismatch')
  })

  it('rejects LEN below 4 and above 4096, a wrong preamble and a truncated frame', () => {
    const tooSmall = decodeResponse(fromHex('AAAAAA96690003000003'.padEnd(22, '0')))
    expect(tooSmall.ok ? null : tooSmall.error.reason).toBe('bad_length')
    const tooBig = new Uint8Array(7 + 4097)
    tooBig.set([0xaa, 0xaa, 0xaa, 0x96, 0x69, 0x10, 0x01])
    const big = decodeResponse(tooBig)
    expect(big.ok ? null : big.error.reason).toBe('bad_length')
    const preamble = decodeResponse(fromHex('AAAAAA9670000400009094'))
    expect(preamble.ok ? null : preamble.error.reason).toBe('bad_preamble')
    const short = decodeResponse(fromHex('AAAAAA96690004'))
    expect(short.ok ? null : short.error.reason).toBe('too_short')
  })

  it('round-trips a response through encodeResponse and decodeResponse', () => {
    const data = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff)
    const decoded = decodeResponse(encodeResponse(0x90, data, 1, 2))
    expect(decoded.ok && decoded.frame).toMatchObject({ sw1: 1, sw2: 2, sw3: 0x90, data })
  })

  it('reads the header of a real read answer (LEN 05 08, text 256, photo 1024)', () => {
    const head = fromHex('AA AA AA 96 69 05 08 00 00 90 01 00 04 00')
    expect(((head[5]! << 8) | head[6]!) + 7).toBe(1295)
  })
})

describe('hex input', () => {
  it('accepts spaces, colons and 0x prefixes as pasted from a log', () => {
    expect(toHex(fromHex('0xAA aa:AA-96 69'))).toBe('AAAAAA9669')
  })

  it('names an odd length and a non-hex character', () => {
    expect(() => fromHex('AAA')).toThrow('奇数')
    expect(() => fromHex('AZ')).toThrow('非十六进制')
  })
})
