/**
 * A serial barcode scanner on a pseudo-terminal pair, for tests and the demo
 * hall. socat links two ptys: the app opens `devicePath` exactly as it would
 * a real scanner's /dev/ttyACM0, the emulator writes scans into the other
 * end. Unplug kills socat (the app's side gets a real disconnect), replug
 * starts it again on the same link names, like a cable going back in.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SerialPort } from 'serialport'
import { terminatorBytes, type ScanTerminator } from '../devices/scanner/scanFraming'
import { PtyPair } from './ptyPair'

export interface ScannerEmulatorOptions {
  /** Folder for the two pty links; a fresh temp folder when absent (removed on close). */
  dir?: string
  terminator?: ScanTerminator
  /** Characters the scanner is programmed to send before each code. */
  prefix?: string
  baudRate?: number
}

export interface ScanWriteOptions {
  /** Cut the frame into this many writes (a USB CDC link delivers a scan in pieces). */
  pieces?: number
  /** Pause between pieces, ms. */
  gapMs?: number
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export class ScannerEmulator {
  private pty: PtyPair | null = null
  private port: SerialPort | null = null
  private readonly ownsDir: boolean
  readonly dir: string
  readonly terminator: ScanTerminator

  private constructor(private readonly options: ScannerEmulatorOptions) {
    this.ownsDir = options.dir === undefined
    this.dir = options.dir ?? mkdtempSync(join(tmpdir(), 'onewindow-scanner-'))
    this.terminator = options.terminator ?? 'CR'
  }

  static async start(options: ScannerEmulatorOptions = {}): Promise<ScannerEmulator> {
    const emulator = new ScannerEmulator(options)
    try {
      await emulator.plugIn()
    } catch (err) {
      await emulator.close()
      throw err
    }
    return emulator
  }

  /** The path the app opens (its end of the cable). */
  get devicePath(): string {
    return join(this.dir, 'ttyApp')
  }

  get isPlugged(): boolean {
    return this.port !== null
  }

  /** "Scans" a code: prefix + code + suffix on the wire, optionally split across writes. */
  async scan(code: string, options: ScanWriteOptions = {}): Promise<void> {
    const frame = Buffer.concat([Buffer.from(this.options.prefix ?? ''), Buffer.from(code, 'utf8'), terminatorBytes(this.terminator)])
    await this.writeRaw(frame, options)
  }

  /** Writes bytes as they are (noise, a frame without its suffix). */
  async writeRaw(bytes: Buffer, options: ScanWriteOptions = {}): Promise<void> {
    const port = this.port
    if (!port) throw new Error('扫码枪模拟器已拔出，无法扫码')
    const pieces = Math.max(1, Math.min(options.pieces ?? 1, bytes.length))
    const size = Math.ceil(bytes.length / pieces)
    for (let offset = 0; offset < bytes.length; offset += size) {
      if (offset > 0 && options.gapMs) await sleep(options.gapMs)
      await write(port, bytes.subarray(offset, offset + size))
    }
  }

  /** Pulls the cable: the app's port sees a disconnect and its path disappears. */
  async unplug(): Promise<void> {
    const port = this.port
    this.port = null
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()))
    const pty = this.pty
    this.pty = null
    await pty?.close()
  }

  /** Puts the cable back: same link path, a new pty behind it. */
  async replug(): Promise<void> {
    if (this.pty) return
    await this.plugIn()
  }

  async close(): Promise<void> {
    await this.unplug()
    if (this.ownsDir) rmSync(this.dir, { recursive: true, force: true })
  }

  private async plugIn(): Promise<void> {
    this.pty = await PtyPair.open({ dir: this.dir })
    const port = new SerialPort({ path: this.pty.devPath, baudRate: this.options.baudRate ?? 115200, autoOpen: false })
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())))
    // The app side may not read for a while; the emulator only writes, so ignore its own input.
    port.on('error', () => undefined)
    this.port = port
  }
}

function write(port: SerialPort, bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    port.write(bytes, (err) => {
      if (err) reject(err)
      else port.drain((drainErr) => (drainErr ? reject(drainErr) : resolve()))
    })
  })
}
