import { describe, expect, it } from 'vitest'
import { parseStationConfig } from '../../../main/config/stationConfig'
import { createCarrierAdapter } from '../../../main/dispatch/carrierFactory'
import { ManualAdapter } from '../../../main/dispatch/manualAdapter'
import { SfHttpAdapter } from '../../../main/dispatch/sfHttpAdapter'

const http = { kind: 'http', url: 'http://127.0.0.1:18080', partnerId: 'OWTEST01', checkWordRef: 'carrier.sf' }

describe('station carrier config', () => {
  it('defaults to the manual carrier', () => {
    expect(parseStationConfig({}, '/tmp/d').carrier).toEqual({ kind: 'manual' })
  })

  it('takes an http carrier that names its check word in the key store', () => {
    expect(parseStationConfig({ carrier: http }, '/tmp/d').carrier).toMatchObject({ ...http, auth: 'digest', timeoutMs: 10_000 })
  })

  it('refuses a check word written into the config, saying where it belongs', () => {
    expect(() => parseStationConfig({ carrier: { ...http, checkWord: 'secret' } }, '/tmp/d')).toThrow(/配置项 carrier\.checkWord：校验码不能写在配置文件里.*本机密钥库/)
  })

  it('names the allowed kinds for an unknown one', () => {
    expect(() => parseStationConfig({ carrier: { kind: 'ems' } }, '/tmp/d')).toThrow('承运商 kind 应为 "manual"（预印面单）、"http"（顺丰式接口）或 "emulator"（演示用承运商模拟器）')
  })

  it('builds the adapter with the check word from the key store, and refuses to start without it', () => {
    const config = parseStationConfig({ carrier: http }, '/tmp/d').carrier
    expect(createCarrierAdapter(config, { get: (ref) => (ref === 'carrier.sf' ? 'WORD' : undefined) })).toBeInstanceOf(SfHttpAdapter)
    expect(() => createCarrierAdapter(config, { get: () => undefined })).toThrow(/承运商校验码 carrier\.sf 不在本机密钥库/)
    expect(createCarrierAdapter({ kind: 'manual' }, { get: () => undefined })).toBeInstanceOf(ManualAdapter)
  })
})
