import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadStationConfig } from '../../../main/config/loadConfig'
import { isDemo, parseStationConfig } from '../../../main/config/stationConfig'
import { refusal as errorOf } from '../../fixtures/refusal'

describe('station config', () => {
  it('gives a demo hall on emulators when nothing is configured', () => {
    const config = parseStationConfig({}, '/data')
    expect(config).toMatchObject({ stationId: '001', profile: 'window', dataDir: '/data' })
    expect(config.devices.idcard.mode).toBe('emulator')
    expect(config.devices.receiptPrinter.mode).toBe('preview')
    expect(isDemo(config)).toBe(true)
  })

  it('names the key and the expected value when a value is wrong', () => {
    const err = errorOf(() => parseStationConfig({ stationId: '12' }, '/d'))
    expect(err.code).toBe('CONFIG_INVALID')
    expect(err.field).toBe('stationId')
    expect(err.message).toContain('配置项 stationId：应为 3 位数字')
  })

  it('names a nested key', () => {
    const err = errorOf(() => parseStationConfig({ devices: { idcard: { mode: 'usb' } } }, '/d'))
    expect(err.field).toBe('devices.idcard.mode')
    expect(err.message).toMatch(/devices\.idcard\.mode.*emulator.*serial.*off/)
  })

  it('names an unknown key instead of ignoring a typo', () => {
    const err = errorOf(() => parseStationConfig({ devices: { idcrad: {} } }, '/d'))
    expect(err.message).toContain('未知的配置项 devices.idcrad')
  })

  it('wants a printer address when a real printer is configured', () => {
    const err = errorOf(() => parseStationConfig({ devices: { labelPrinter: { mode: 'tspl' } } }, '/d'))
    expect(err.field).toBe('devices.labelPrinter.uri')
    const ok = parseStationConfig({ devices: { labelPrinter: { mode: 'tspl', uri: 'tcp://192.0.2.10:9100' } } }, '/d')
    expect(isDemo(ok)).toBe(false)
  })

  it('checks a printer address with the printer driver rules, at start', () => {
    const uri = (value: string) => ({ devices: { receiptPrinter: { mode: 'escpos', uri: value } } })
    const badPort = errorOf(() => parseStationConfig(uri('tcp://192.0.2.10:99999'), '/d'))
    expect(badPort.field).toBe('devices.receiptPrinter.uri')
    expect(badPort.message).toMatch(/端口 99999 超出 1–65535/)
    expect(errorOf(() => parseStationConfig(uri('serial:/dev/ttyS1?baud=fast'), '/d')).message).toMatch(/无法识别/)
    // Forms the driver opens: the default port 9100 and an IPv6 literal.
    expect(() => parseStationConfig(uri('tcp://printer.local'), '/d')).not.toThrow()
    expect(() => parseStationConfig(uri('tcp://[fe80::1]:9100'), '/d')).not.toThrow()
  })

  it('runs the demo hall without station.json on the carrier emulator, and a station.json without a carrier on the manual one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ow-config-'))
    expect(loadStationConfig({ dataDir: dir }).carrier).toMatchObject({ kind: 'emulator' })
    writeFileSync(join(dir, 'station.json'), JSON.stringify({ stationId: '007' }))
    expect(loadStationConfig({ dataDir: dir }).carrier).toEqual({ kind: 'manual' })
  })

  it('reads station.json from the data directory and names the file in its errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ow-config-'))
    writeFileSync(join(dir, 'station.json'), JSON.stringify({ stationId: '007', profile: 'courier' }))
    expect(loadStationConfig({ dataDir: dir })).toMatchObject({ stationId: '007', profile: 'courier', dataDir: dir })
    writeFileSync(join(dir, 'station.json'), '{ "stationId": ')
    const err = errorOf(() => loadStationConfig({ dataDir: dir }))
    expect(err.message).toContain(join(dir, 'station.json'))
    expect(err.message).toContain('不是合法的 JSON')
  })
})
