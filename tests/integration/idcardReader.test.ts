/**
 * The real driver against the reader emulator over a real socat pty pair:
 * the same code path as a USB reader at the counter, minus the radio.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SerialPort } from 'serialport'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cardFromReadData, type CardRead } from '../../main/devices/idcard/cardRead'
import { IdCardReader, type ReaderStatus } from '../../main/devices/idcard/reader'
import { SAM_COMMANDS } from '../../main/devices/idcard/samFrame'
import { defaultSamTimeouts } from '../../main/devices/idcard/samLink'
import { probeSamPort } from '../../main/devices/idcard/samPort'
import { SW3 } from '../../main/devices/idcard/samStatus'
import { loadEmulatorCards } from '../../main/emulators/demoCards'
import { IdCardReaderEmulator } from '../../main/emulators/idcardReader'
import { PtyPair } from '../../main/emulators/ptyPair'
import { waitFor } from '../fixtures/waitFor'

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

describe('ID card reader driver ↔ emulator over a pty', () => {
  const cards = loadEmulatorCards()
  const reads: CardRead[] = []
  const statuses: ReaderStatus[] = []
  let emulator: IdCardReaderEmulator
  let reader: IdCardReader

  const lastRead = (): CardRead => reads[reads.length - 1]!
  const settle = (): Promise<void> => sleep(400) // ≈ 8 polls at 50 ms

  beforeAll(async () => {
    emulator = await IdCardReaderEmulator.start({ cards })
    reader = new IdCardReader({
      port: emulator.appPath,
      pollMs: 50,
      backoff: { initialMs: 100, maxMs: 400 },
      onCard: (read) => reads.push(read),
      onStatus: (status) => statuses.push(status),
    })
    reader.start()
    await waitFor('reader ready', () => reader.status.state === 'ready')
  })

  afterAll(async () => {
    await reader?.stop()
    await emulator?.close()
  })

  it('reads the SAM ID when it connects', () => {
    expect(reader.samIdHex).toMatch(/^[0-9A-F]{32}$/)
  })

  it('fires one event for a tap and none while the card stays on the reader', async () => {
    emulator.place(0)
    await waitFor('first read', () => reads.length === 1)
    expect(lastRead().card).toMatchObject({ cardType: 'resident', name: '李明远', idNumber: '320302198506122313', idNumberValid: true })
    await settle()
    expect(reads).toHaveLength(1)
  })

  it('fires again when the same card is lifted and laid down again', async () => {
    emulator.remove()
    await settle()
    expect(reads).toHaveLength(1)
    emulator.place(0)
    await waitFor('second read', () => reads.length === 2)
  })

  it('fires for a different card laid in place of the first', async () => {
    emulator.place(5)
    await waitFor('third read', () => reads.length === 3)
    expect(lastRead().card).toMatchObject({ cardType: 'foreign', nameEn: 'TREMBLAY, JEAN-FRANCOIS ALEXANDRE OLIVIER', nationality: '加拿大' })
    await settle()
    expect(reads).toHaveLength(3)
  })

  it('reassembles answers that arrive in small chunks with pauses', async () => {
    await emulator.fault('split')
    emulator.remove()
    emulator.place(6)
    await waitFor('split read', () => reads.length === 4)
    expect(lastRead().card).toMatchObject({ cardType: 'hmt', passNumber: 'H12345678' })
    await emulator.fault('clear')
  })

  it('retries a read answer with a bad checksum and delivers the card once, with the appended address', async () => {
    await emulator.fault('checksum', { onlyRead: true })
    emulator.remove()
    emulator.place(1)
    await waitFor('read after checksum retry', () => reads.length === 5)
    expect(emulator.state.faults.pendingChecksum).toBe(false)
    expect(lastRead().card.address).toBe(cards[1]!.newestAddress)
    await settle()
    expect(reads).toHaveLength(5)
  })

  it('skips garbage the reader emits before an answer', async () => {
    await emulator.fault('garbage')
    emulator.remove()
    emulator.place(4)
    await waitFor('read after garbage', () => reads.length === 6)
    expect(lastRead().card).toMatchObject({ cardType: 'foreign', nameEn: 'SMITH, JOHN MICHAEL', name: '' })
  })

  it('asks to lay the card again when the read answer arrives corrupted twice, and reads the next tap', async () => {
    emulator.remove()
    await settle()
    const before = statuses.length
    await emulator.fault('checksum', { onlyRead: true, times: 2 })
    emulator.place(0)
    await waitFor('the read_failed warning', () => statuses.slice(before).some((s) => s.reason === 'read_failed'))
    expect(statuses.slice(before).find((s) => s.reason === 'read_failed')).toMatchObject({ state: 'warning', message: '读卡失败，请将证件放稳后重新放置' })
    expect(emulator.state.faults.pendingChecksum).toBe(false)
    expect(reads).toHaveLength(6)
    emulator.remove()
    await settle()
    emulator.place(0)
    await waitFor('the read after laying the card again', () => reads.length === 7)
    expect(lastRead().card).toMatchObject({ idNumber: '320302198506122313' })
  })

  it('reports a silent reader as not answering, and recovers when it answers again', async () => {
    emulator.remove()
    await emulator.fault('silence')
    await waitFor('no_answer status', () => reader.status.reason === 'no_answer', 10_000)
    expect(reader.status.state).toBe('error')
    await emulator.fault('clear')
    await waitFor('ready after silence', () => reader.status.state === 'ready', 10_000)
  })

  it('reports an unplugged reader and recovers after replug without a restart', async () => {
    await emulator.fault('unplug')
    await waitFor('unplugged status', () => reader.status.state === 'unplugged')
    expect(statuses.some((s) => s.state === 'unplugged' && s.reason === 'unplugged')).toBe(true)
    await sleep(300)
    await emulator.fault('replug')
    await waitFor('ready after replug', () => reader.status.state === 'ready')
    emulator.place(7)
    await waitFor('read after replug', () => reads.length === 8)
    expect(lastRead().card).toMatchObject({ cardType: 'hmt', name: '林佩珊', gender: 'female' })
  })

  it('never reported a status message containing a full ID number', () => {
    const numbers = cards.map((c) => c.idNumber)
    for (const status of statuses) for (const n of numbers) expect(status.message).not.toContain(n)
  })
})

describe('a read answer that never comes', () => {
  it('asks to lay the card again instead of silently going back to ready', async () => {
    // The read answer leaves later than the driver waits for it: the SAM has handed the card out regardless.
    const emulator = await IdCardReaderEmulator.start({ cards: loadEmulatorCards(), timing: { cardReadMs: 400 } })
    const statuses: ReaderStatus[] = []
    const reader = new IdCardReader({ port: emulator.appPath, pollMs: 50, timeouts: { read: 150 }, onStatus: (s) => statuses.push(s) })
    try {
      reader.start()
      await waitFor('reader ready', () => reader.status.state === 'ready')
      emulator.place(0)
      await waitFor('the read_failed warning', () => statuses.some((s) => s.reason === 'read_failed'))
      expect(statuses.some((s) => s.reason === 'no_answer')).toBe(false)
    } finally {
      await reader.stop()
      await emulator.close()
    }
  })
})

describe('a find between select and read, at the real reader speed', () => {
  it('is answered 0x80 and the read that follows still delivers the card', async () => {
    const cards = loadEmulatorCards()
    const emulator = await IdCardReaderEmulator.start({ cards })
    expect(emulator.timing.mode).toBe('real')
    const probed = await probeSamPort(emulator.appPath, 1000)
    if (!probed.ok) throw new Error(probed.message)
    const link = probed.port.link
    try {
      emulator.place(0)
      const sw3s: number[] = []
      for (const command of [SAM_COMMANDS.findCard, SAM_COMMANDS.selectCard, SAM_COMMANDS.findCard]) {
        const answer = await link.exchange(command, 500)
        if (!answer.ok) throw new Error(answer.message)
        sw3s.push(answer.response.sw3)
      }
      expect(sw3s).toEqual([SW3.cardFound, SW3.ok, SW3.noCard])
      // The driver's own read window (3.5 s) holds the emulator's real read time.
      const read = await link.exchange(SAM_COMMANDS.readText, defaultSamTimeouts.read)
      if (!read.ok) throw new Error(read.message)
      expect(read.response.sw3).toBe(SW3.ok)
      const decoded = cardFromReadData(read.response.data)
      expect(decoded.ok && decoded.read.card.idNumber).toBe(cards[0]!.idNumber)
    } finally {
      await probed.port.close()
      await emulator.close()
    }
  })
})

describe('an emulator that cannot build a read answer', () => {
  it('answers "unrecognised error" instead of taking the process down, and reads the next card', async () => {
    const cards = loadEmulatorCards()
    const emulator = await IdCardReaderEmulator.start({ cards })
    const probed = await probeSamPort(emulator.appPath, 1000)
    if (!probed.ok) throw new Error(probed.message)
    const link = probed.port.link
    const tap = async (): Promise<number[]> => {
      const sw3s: number[] = []
      for (const command of [SAM_COMMANDS.findCard, SAM_COMMANDS.selectCard, SAM_COMMANDS.readText]) {
        const answer = await link.exchange(command, 1000)
        if (!answer.ok) throw new Error(answer.message)
        sw3s.push(answer.response.sw3)
      }
      return sw3s
    }
    try {
      // Past the schema: 18 characters do not fit the 2017 layout's 15-character number field.
      emulator.place({ ...cards[4]!, layout: '2017', idNumber: 'USA320079110301123' })
      expect(await tap()).toEqual([SW3.cardFound, SW3.ok, SW3.unrecognisedError])
      emulator.place(4)
      expect(await tap()).toEqual([SW3.cardFound, SW3.ok, SW3.ok])
    } finally {
      await probed.port.close()
      await emulator.close()
    }
  })
})

describe('finding a reader by probing', () => {
  it('skips a missing port and a port where nothing answers, and keeps the one answering SAM status', async () => {
    const emulator = await IdCardReaderEmulator.start({ cards: loadEmulatorCards() })
    const silentDir = mkdtempSync(join(tmpdir(), 'onewindow-silent-'))
    const silent = await PtyPair.open({ dir: silentDir })
    const reads: CardRead[] = []
    const reader = new IdCardReader({
      pollMs: 50,
      listPorts: async () => ['/dev/onewindow-no-such-port', silent.appPath, emulator.appPath],
      onCard: (read) => reads.push(read),
    })
    try {
      reader.start()
      await waitFor('reader found by probing', () => reader.status.state === 'ready')
      expect(reader.status.port).toBe(emulator.appPath)
      emulator.place(4)
      await waitFor('read through the probed port', () => reads.length === 1)
    } finally {
      await reader.stop()
      await emulator.close()
      await silent.close()
      rmSync(silentDir, { recursive: true, force: true })
    }
  })

  it('never writes into a port another device owns', async () => {
    const emulator = await IdCardReaderEmulator.start({ cards: loadEmulatorCards() })
    const printerDir = mkdtempSync(join(tmpdir(), 'onewindow-printer-'))
    const printer = await PtyPair.open({ dir: printerDir })
    const printerEnd = await new Promise<SerialPort>((resolve, reject) => {
      const port: SerialPort = new SerialPort({ path: printer.devPath, baudRate: 9600 }, (err) => (err ? reject(err) : resolve(port)))
    })
    let printed = 0
    printerEnd.on('data', (chunk: Buffer) => (printed += chunk.length))
    const reader = new IdCardReader({ pollMs: 50, listPorts: async () => [printer.appPath, emulator.appPath], excludePorts: [printer.appPath] })
    try {
      reader.start()
      await waitFor('reader found by probing', () => reader.status.state === 'ready')
      expect(reader.status.port).toBe(emulator.appPath)
      await sleep(200)
      expect(printed).toBe(0)
    } finally {
      await reader.stop()
      await new Promise<void>((resolve) => printerEnd.close(() => resolve()))
      await printer.close()
      await emulator.close()
      rmSync(printerDir, { recursive: true, force: true })
    }
  })

  it('says how many ports it tried when none is a reader', async () => {
    const statuses: ReaderStatus[] = []
    const reader = new IdCardReader({ listPorts: async () => ['/dev/onewindow-no-such-port'], onStatus: (s) => statuses.push(s) })
    reader.start()
    await waitFor('no reader status', () => reader.status.reason === 'no_reader')
    await reader.stop()
    expect(statuses.find((s) => s.reason === 'no_reader')).toMatchObject({ state: 'unplugged', message: '未找到身份证阅读器（已检查 1 个串口）' })
  })
})
