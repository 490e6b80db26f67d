/**
 * The real drivers against the printer emulator over TCP: what the counter
 * sends is what the test decodes.
 */
import { connect, createServer, type Server, type Socket } from 'node:net'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../main/cli'
import { PrinterDriver } from '../../main/devices/printer/printerDriver'
import { PrinterError } from '../../main/devices/printer/printerError'
import { buildAcceptanceReceipt } from '../../main/domain/print/counterReceipts'
import { buildWaybillLabel, buildWaybillReceipt } from '../../main/domain/print/waybillLabel'
import { PrinterEmulator } from '../../main/emulators/printerEmulator'
import { PtyPair } from '../../main/emulators/ptyPair'
import { decodePrinterJob } from '../../main/devices/printer/printerJobDecode'
import { ESCPOS_STATUS_QUERY, TSPL_STATUS_QUERY } from '../../main/devices/printer/printerStatus'
import { SerialPort } from 'serialport'
import { anAcceptanceReceipt, aWaybill, CASE_NO, EVALUATION_URL, PROGRESS_URL, RECIPIENT_ADDRESS, WAYBILL_NO } from '../fixtures/printDocuments'
import { captureConsole } from '../fixtures/captureConsole'

async function until(probe: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 10))
  }
}

let emulator: PrinterEmulator
let uri: string

beforeEach(async () => {
  emulator = new PrinterEmulator({ port: 0 })
  uri = `tcp://127.0.0.1:${await emulator.start()}`
})
afterEach(async () => {
  await emulator.stop()
  vi.restoreAllMocks()
})

describe('an acceptance receipt on an ESC/POS printer', () => {
  it('decodes to the Chinese text, the case-number barcode and both QR payloads', async () => {
    const result = await new PrinterDriver(uri, 'escpos').print(buildAcceptanceReceipt(anAcceptanceReceipt()))
    const [job] = await emulator.waitForJobs(1)
    expect(job!.protocol).toBe('escpos')
    expect(job!.bytes.length).toBe(result.bytes)
    expect(job!.lines.slice(0, 3)).toEqual(['示范市政务服务中心', '受理回执', '综合受理 1 号窗口'])
    expect(job!.lines).toContain('申请人：王喆')
    expect(job!.lines).toContain('缴费：一票单据 PJ20261126000123  ￥50.00')
    expect(job!.barcodes).toEqual([CASE_NO])
    expect(job!.qrCodes).toEqual([PROGRESS_URL, EVALUATION_URL])
    expect(job!.warnings).toEqual([])
  })

  it('read the printer’s status before sending, and the status request is not part of the job', async () => {
    const result = await new PrinterDriver(uri, 'escpos').print(buildAcceptanceReceipt(anAcceptanceReceipt()))
    expect(result.status).toMatchObject({ isOnline: true, isPaperOut: false })
    const [job] = await emulator.waitForJobs(1)
    expect(Array.from(job!.bytes.subarray(0, 2))).toEqual([0x1b, 0x40])
  })

  it('is refused before sending when the printer reports paper out, and nothing prints', async () => {
    emulator.setPaperOut(true)
    const error = await new PrinterDriver(uri, 'escpos').print(buildAcceptanceReceipt(anAcceptanceReceipt())).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PrinterError)
    expect((error as PrinterError).reason).toBe('paper_out')
    expect((error as PrinterError).message).toContain('缺纸')
    expect((error as PrinterError).mayHavePrinted).toBe(false)
    await new Promise((r) => setTimeout(r, 100))
    expect(emulator.jobs).toHaveLength(0)
    expect(emulator.refusedJobs).toBe(0)
  })
})

describe('a waybill label', () => {
  it('in TSPL decodes to the waybill number and the address', async () => {
    await new PrinterDriver(uri, 'tspl').print(buildWaybillLabel(aWaybill()))
    const [job] = await emulator.waitForJobs(1)
    expect(job!.protocol).toBe('tspl')
    expect(job!.barcodes).toEqual([WAYBILL_NO, CASE_NO])
    expect(job!.lines).toContain('SF 1000 0000 0001 1')
    expect(job!.lines.join('')).toContain(RECIPIENT_ADDRESS)
    expect(job!.labels[0]).toMatchObject({ widthMm: 100, heightMm: 150 })
  })

  it('in ESC/POS decodes to the waybill number and the address', async () => {
    await new PrinterDriver(uri, 'escpos').print(buildWaybillReceipt(aWaybill()))
    const [job] = await emulator.waitForJobs(1)
    expect(job!.protocol).toBe('escpos')
    expect(job!.barcodes).toEqual([WAYBILL_NO])
    expect(job!.lines.join('')).toContain(RECIPIENT_ADDRESS)
    expect(job!.qrCodes).toEqual([`https://example.invalid/t/${WAYBILL_NO}`])
  })

  it('in TSPL is refused when the label printer answers out of paper', async () => {
    emulator.setPaperOut(true)
    await expect(new PrinterDriver(uri, 'tspl').print(buildWaybillLabel(aWaybill()))).rejects.toMatchObject({ reason: 'paper_out' })
  })
})

describe('a label printer on a serial port', () => {
  it('gets the TSPL job whole after answering the status request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onewindow-serial-'))
    const pair = await PtyPair.open({ dir })
    const printer = new SerialPort({ path: pair.devPath, baudRate: 9600 })
    const received: Buffer[] = []
    printer.on('data', (chunk: Buffer) => {
      // Answer ESC ! ? like a ready TSC printer; keep the rest as the job.
      if (chunk.includes(TSPL_STATUS_QUERY)) printer.write(Buffer.from([0x00]))
      received.push(chunk)
    })
    try {
      await new Promise<void>((r) => printer.once('open', () => r()))
      const result = await new PrinterDriver(`serial:${pair.appPath}`, 'tspl').print(buildWaybillLabel(aWaybill()))
      expect(result.status).toMatchObject({ isOnline: true, isPaperOut: false })
      await until(() => Buffer.concat(received).length >= result.bytes + TSPL_STATUS_QUERY.length)
      const job = decodePrinterJob(Buffer.concat(received).subarray(TSPL_STATUS_QUERY.length))
      expect(job.barcodes[0]).toBe(WAYBILL_NO)
      expect(job.lines.join('')).toContain(RECIPIENT_ADDRESS)
    } finally {
      await new Promise<void>((r) => (printer.isOpen ? printer.close(() => r()) : r()))
      await pair.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('a printer that is not there', () => {
  it('gives a clear error within the connect timeout when it is switched off', async () => {
    await emulator.setOffline(true)
    const started = Date.now()
    await expect(new PrinterDriver(uri, 'escpos').print(buildAcceptanceReceipt(anAcceptanceReceipt()))).rejects.toMatchObject({
      reason: 'unreachable',
      message: expect.stringContaining('拒绝连接') as unknown,
      mayHavePrinted: false,
    })
    expect(Date.now() - started).toBeLessThan(3000)
  })

  it('times out instead of hanging when it accepts the connection but never takes the data', async () => {
    const held: Socket[] = []
    const stuck: Server = createServer((socket) => {
      held.push(socket)
      socket.pause() // a jammed printer: its buffer fills and stays full
    })
    await new Promise<void>((r) => stuck.listen(0, '127.0.0.1', r))
    const port = (stuck.address() as { port: number }).port
    const driver = new PrinterDriver(`tcp://127.0.0.1:${port}`, 'escpos', { timeouts: { writeMs: 500 }, statusTimeoutMs: 100 })
    try {
      const started = Date.now()
      const error = await driver.send(Buffer.alloc(64 * 1024 * 1024, 0x41)).catch((e: unknown) => e)
      expect(error).toMatchObject({ reason: 'timeout', mayHavePrinted: true })
      expect(Date.now() - started).toBeLessThan(5000)
    } finally {
      for (const s of held) s.destroy()
      await new Promise<void>((r) => stuck.close(() => r()))
    }
  })

  it('fails the job when the printer answers the status, then resets the connection without reading it', async () => {
    const held: Socket[] = []
    const resetting: Server = createServer((socket) => {
      held.push(socket)
      let asked = Buffer.alloc(0)
      socket.on('error', () => undefined)
      socket.on('data', (chunk: Buffer) => {
        asked = Buffer.concat([asked, chunk])
        if (asked.length < ESCPOS_STATUS_QUERY.length) return
        socket.pause() // reads nothing of the job
        socket.write(Buffer.from([0x12, 0x12, 0x12]), () => setTimeout(() => socket.resetAndDestroy(), 50))
      })
    })
    await new Promise<void>((r) => resetting.listen(0, '127.0.0.1', r))
    const port = (resetting.address() as { port: number }).port
    try {
      const error = await new PrinterDriver(`tcp://127.0.0.1:${port}`, 'escpos').send(Buffer.alloc(4096, 0x41)).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(PrinterError)
      expect(error).toMatchObject({ reason: 'disconnected', mayHavePrinted: true, message: expect.stringContaining('断开了连接') as unknown })
    } finally {
      for (const s of held) s.destroy()
      await new Promise<void>((r) => resetting.close(() => r()))
    }
  })

  it('names a USB device file that vanished', async () => {
    await expect(new PrinterDriver('/dev/usb/onewindow-missing-lp', 'escpos').send(Buffer.from('x'))).rejects.toMatchObject({ reason: 'not_found' })
  })

  it('writes a job to a device file as it is (no status asked there)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onewindow-lp-'))
    const file = join(dir, 'lp0')
    writeFileSync(file, '')
    try {
      const result = await new PrinterDriver(file, 'escpos').print(buildWaybillReceipt(aWaybill()))
      expect(result.status).toBeNull()
      expect(readFileSync(file).length).toBe(result.bytes)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('the emulator', () => {
  it('prints nothing it is sent while out of paper, even from a driver that never asked', async () => {
    emulator.setPaperOut(true)
    const port = Number(uri.split(':').at(-1))
    await new Promise<void>((done) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(Buffer.from([0x1b, 0x40, 0x41, 0x0a])))
      socket.on('close', () => done())
    })
    await until(() => emulator.refusedJobs === 1)
    expect(emulator.jobs).toHaveLength(0)
  })

  it('answers DLE EOT in real time with the paper-out bits', async () => {
    emulator.setPaperOut(true)
    const port = Number(uri.split(':').at(-1))
    const answer = await new Promise<Buffer>((done) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(Buffer.from([0x10, 0x04, 0x04])))
      socket.once('data', (data: Buffer) => {
        socket.destroy()
        done(data)
      })
    })
    expect(Array.from(answer)).toEqual([0x72])
  })

  it('writes a text dump and a PNG of each job', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onewindow-capture-'))
    const rendering = new PrinterEmulator({ port: 0, outDir: dir, renderPng: true })
    const port = await rendering.start()
    try {
      await new PrinterDriver(`tcp://127.0.0.1:${port}`, 'escpos').print(buildAcceptanceReceipt(anAcceptanceReceipt()))
      await rendering.waitForJobs(1)
      await rendering.idle()
      const job = rendering.jobs[0]!
      expect(readFileSync(job.txtPath!, 'utf8')).toContain(`[条码 Code128] ${CASE_NO}`)
      const png = readFileSync(job.pngPaths[0]!)
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
      expect(png.readUInt32BE(16)).toBe(576) // 80 mm at 8 dots/mm
      expect(png.readUInt32BE(20)).toBeGreaterThan(1000)
    } finally {
      await rendering.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('print test (CLI)', () => {

  it('prints a test page with the given text straight to the printer', async () => {
    const { out } = captureConsole()
    expect(await runCli(['print', 'test', '--to', uri, '--kind', 'label-tspl', '--text', '安装检查 3 号窗'])).toBe(0)
    expect(out[0]).toMatch(/^已发送 \d+ 字节到 tcp:/)
    const [job] = await emulator.waitForJobs(1)
    expect(job!.protocol).toBe('tspl')
    expect(job!.lines).toContain('安装检查 3 号窗')
  })

  it('fails with one line and a non-zero exit when the printer cannot be reached', async () => {
    await emulator.setOffline(true)
    const { err } = captureConsole()
    expect(await runCli(['print', 'test', '--to', uri])).toBe(1)
    expect(err).toHaveLength(1)
    expect(err[0]).toMatch(/^打印失败：打印机 tcp:\/\/127\.0\.0\.1:\d+ 拒绝连接/)
  })
})
