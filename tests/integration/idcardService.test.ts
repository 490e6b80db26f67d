/**
 * The ID card service through the composition root: the demo hall's
 * emulator (started by the root, at real reader speed), the real driver on
 * its pty, the demo commands and the `idcard.read` event — what the renderer sees.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { CommandOutput, EventPayload } from '../../main/contract'
import { createTestApp, type TestApp } from '../fixtures/testApp'
import { waitFor } from '../fixtures/waitFor'

const caller = { transport: 'test' } as const
const apps: TestApp[] = []
afterEach(async () => {
  for (const app of apps.splice(0)) await app.dispose()
})

async function emulatorApp(): Promise<{ test: TestApp; reads: Array<EventPayload<'idcard.read'>> }> {
  const test = await createTestApp({ devices: { idcard: { mode: 'emulator', pollMs: 100 } } })
  apps.push(test)
  const reads: Array<EventPayload<'idcard.read'>> = []
  test.app.services.events.on('idcard.read', (payload) => reads.push(payload))
  await waitFor('the reader light', () => test.app.services.devices.get('idcard').state === 'ok')
  return { test, reads }
}

describe('ID card service in the demo hall (emulator mode)', () => {
  it('lights the emulated reader green and lists the demo cards', async () => {
    const { test } = await emulatorApp()
    expect(test.app.services.devices.get('idcard')).toMatchObject({ state: 'ok', reason: 'emulator', isEmulated: true })
    const listed = await test.app.dispatcher.invoke('demo.idcard.listCards', {}, caller)
    expect(listed).toMatchObject({ ok: true, value: { placedIndex: null, isPlugged: true } })
    expect(listed.ok && (listed.value as CommandOutput<'demo.idcard.listCards'>).cards).toHaveLength(8)
    // The service sees a serial port, as from station.json; only the flag says it is an emulator's.
    const status = await test.app.dispatcher.invoke('idcard.status', {}, caller)
    expect(status).toMatchObject({ ok: true, value: { mode: 'serial', state: 'ready', isEmulated: true } })
    expect(status.ok && (status.value as CommandOutput<'idcard.status'>).port).toMatch(/ttyApp$/)
    expect(status.ok && (status.value as CommandOutput<'idcard.status'>).samId).toMatch(/^[0-9A-F]{32}$/)
  })

  it('pushes one idcard.read per tap with the full ID number, and keeps the photo main-side', async () => {
    const { test, reads } = await emulatorApp()
    const placed = await test.app.dispatcher.invoke('demo.idcard.place', { cardIndex: 0 }, caller)
    expect(placed).toMatchObject({ ok: true, value: { placedIndex: 0 } })
    await waitFor('the read event', () => reads.length === 1)
    expect(reads[0]).toMatchObject({
      card: { name: '李明远', idNumber: '320302198506122313', idNumberValid: true },
      isExpired: false,
      hasPhoto: true,
      photo: 'placeholder',
      isEmulated: true,
      warnings: [],
    })
    expect(JSON.stringify(reads[0])).not.toMatch(/WL|photoBytes/)
    expect(test.app.services.idcard.currentPhoto()).toHaveLength(1024)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(reads).toHaveLength(1)
  })

  it('flags an expired card and a card whose check character is wrong', async () => {
    const { test, reads } = await emulatorApp()
    await test.app.dispatcher.invoke('demo.idcard.place', { cardIndex: 2 }, caller)
    await waitFor('the expired card', () => reads.length === 1)
    expect(reads[0]).toMatchObject({ isExpired: true, card: { validTo: '2020-05-10', nation: '维吾尔' } })
    await test.app.dispatcher.invoke('demo.idcard.place', { cardIndex: 3 }, caller)
    await waitFor('the bad card', () => reads.length === 2)
    expect(reads[1]!.card.idNumberValid).toBe(false)
    expect(reads[1]!.warnings[0]).toContain('校验位')
  })

  it('reads an ad-hoc card given by value', async () => {
    const { test, reads } = await emulatorApp()
    const card = {
      cardType: 'resident', name: '周立新', gender: 'male', nationCode: '01', birthDate: '2001-01-01', address: '江苏省徐州市铜山区北京路1号',
      idNumber: '32031220010101001X', authority: '徐州市公安局铜山分局', validFrom: '2019-01-01', validTo: '2029-01-01',
    } as const
    const placed = await test.app.dispatcher.invoke('demo.idcard.place', { card }, caller)
    expect(placed).toMatchObject({ ok: true, value: { placedIndex: null } })
    await waitFor('the ad-hoc card', () => reads.length === 1)
    expect(reads[0]!.card).toMatchObject({ name: '周立新', idNumber: '32031220010101001X' })
  })

  it('turns the light red on unplug and green again on replug', async () => {
    const { test } = await emulatorApp()
    await test.app.dispatcher.invoke('demo.idcard.fault', { kind: 'unplug' }, caller)
    await waitFor('the red light', () => test.app.services.devices.get('idcard').state === 'error')
    expect(test.app.services.devices.get('idcard').reason).toBe('unplugged')
    await test.app.dispatcher.invoke('demo.idcard.fault', { kind: 'replug' }, caller)
    await waitFor('the green light', () => test.app.services.devices.get('idcard').state === 'ok')
  })

  it('names the schema problem of a bad ad-hoc card and an out-of-range index', async () => {
    const { test } = await emulatorApp()
    const bad = await test.app.dispatcher.invoke('demo.idcard.place', { cardIndex: 99 }, caller)
    expect(bad).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'cardIndex' } })
    const fault = await test.app.dispatcher.invoke('demo.idcard.fault', { kind: 'meltdown' } as never, caller)
    expect(fault).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } })
  })
})

describe('ad-hoc cards the emulated reader cannot hold', () => {
  const foreign2017 = {
    cardType: 'foreign', layout: '2017', name: '', nameEn: 'SMITH, JOHN MICHAEL', gender: 'male', nationality: 'USA',
    birthDate: '1979-11-03', idNumber: 'USA320079110301', validFrom: '2018-04-01', validTo: '2028-04-01',
  } as const

  it('refuses a 2017 foreign card whose number is longer than its field, and keeps reading cards', async () => {
    const { test, reads } = await emulatorApp()
    const bad = await test.app.dispatcher.invoke('demo.idcard.place', { card: { ...foreign2017, idNumber: 'USA320079110301123' } }, caller)
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', field: 'card.idNumber' } })
    expect(!bad.ok && bad.error.message).toContain('最多 15 个字符')
    const placed = await test.app.dispatcher.invoke('demo.idcard.place', { card: foreign2017 }, caller)
    expect(placed).toMatchObject({ ok: true })
    await waitFor('the 2017 card', () => reads.length === 1)
    expect(reads[0]!.card).toMatchObject({ idNumber: 'USA320079110301', nameEn: 'SMITH, JOHN MICHAEL' })
  })

  it('refuses a birth date that does not exist, naming the field', async () => {
    const { test } = await emulatorApp()
    const bad = await test.app.dispatcher.invoke('demo.idcard.place', { card: { ...foreign2017, birthDate: '1980-02-30' } }, caller)
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', field: 'card.birthDate' } })
    expect(!bad.ok && bad.error.message).toContain('不是实际存在的日期')
  })
})

describe('ID card service outside the demo hall', () => {
  it('does not know the demo commands when no device is emulated, and runs the real reader', async () => {
    const test = await createTestApp({ devices: { idcard: { mode: 'serial', port: '/dev/onewindow-no-such-reader' } } })
    apps.push(test)
    expect(test.app.services.demo).toBeNull()
    // Even a malformed demo command is refused as unknown: nothing of the demo runs here.
    for (const input of [{ cardIndex: 0 }, { cardIndex: -1 }]) {
      const result = await test.app.dispatcher.invoke('demo.idcard.place', input, caller)
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } })
      expect(!result.ok && result.error.message).toContain('只在演示模式下可用')
    }
    await waitFor('the unplugged light', () => test.app.services.devices.get('idcard').reason === 'unplugged')
    expect(test.app.services.devices.get('idcard')).toMatchObject({ state: 'error', isEmulated: false })
    expect(test.app.services.devices.get('idcard').message).toContain('/dev/onewindow-no-such-reader')
  })

  it('says which mode the reader is in when the demo hall runs other emulators but a real reader', async () => {
    const test = await createTestApp({ devices: { idcard: { mode: 'serial', port: '/dev/onewindow-no-such-reader' }, scanner: { mode: 'emulator' } } })
    apps.push(test)
    const result = await test.app.dispatcher.invoke('demo.idcard.place', { cardIndex: 0 }, caller)
    expect(result).toMatchObject({ ok: false, error: { code: 'DEVICE_UNAVAILABLE' } })
    expect(!result.ok && result.error.message).toContain('serial 模式')
    expect(test.app.services.devices.get('idcard').isEmulated).toBe(false)
  })

  it('shows a red light naming socat when the demo hall cannot make its pty, without failing the start', async () => {
    const path = process.env.PATH
    process.env.PATH = '/nonexistent'
    let test: TestApp
    try {
      test = await createTestApp({ devices: { idcard: { mode: 'emulator' } } })
    } finally {
      process.env.PATH = path
    }
    apps.push(test)
    expect(test.app.services.devices.get('idcard')).toMatchObject({ state: 'error', reason: 'socat_missing', isEmulated: true })
    expect(test.app.services.devices.get('idcard').message).toContain('socat')
    const listed = await test.app.dispatcher.invoke('demo.idcard.listCards', {}, caller)
    expect(listed).toMatchObject({ ok: false, error: { code: 'DEVICE_UNAVAILABLE' } })
    expect(!listed.ok && listed.error.message).toContain('模拟阅读器未运行')
  })

  it('shows the reader as off when configured off', async () => {
    const test = await createTestApp({ devices: { idcard: { mode: 'off' } } })
    apps.push(test)
    expect(test.app.services.devices.get('idcard')).toMatchObject({ state: 'off', reason: 'disabled' })
    const status = await test.app.dispatcher.invoke('idcard.status', {}, caller)
    expect(status).toMatchObject({ ok: true, value: { mode: 'off', state: 'stopped' } })
  })
})
