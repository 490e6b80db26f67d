/**
 * The ID card reader emulator: a socat pty pair whose device end answers SAM
 * frames like a real desk reader, with cards placed and lifted on demand and
 * faults injected on request. The driver under test opens `appPath` exactly as
 * it opens a real COM port; this file never imports the driver.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SerialPort } from 'serialport'
import { FrameAssembler } from '../devices/idcard/frameAssembler'
import { encodeResponse, MIN_COMMAND_LEN } from '../devices/idcard/samFrame'
import { SW3 } from '../devices/idcard/samStatus'
import { cardLabel, type EmulatorCard } from '../domain/demo/emulatorCard'
import type { EmulatorFault } from '../domain/demo/emulatorFaults'
import { PtyPair } from './ptyPair'
import { answerDelayMs, readerTiming, type ReaderTiming } from './readerTiming'
import { SamResponder, type SamResponderOptions } from './samResponder'

export interface IdCardReaderEmulatorOptions extends SamResponderOptions {
  cards: EmulatorCard[]
  /** Where the pty links live; a fresh temp directory when absent (removed on close). */
  dir?: string
  /**
   * Real by default: each answer leaves after its wire time at `baudRate`, a read after the card's read
   * time too. `{ mode: 'instant' }` answers at once (tests that need speed say so).
   */
  timing?: Partial<ReaderTiming>
  splitChunkBytes?: number
  splitDelayMs?: number
}

export interface EmulatorState {
  appPath: string
  isPlugged: boolean
  placedIndex: number | null
  faults: { split: boolean; silence: boolean; pendingChecksum: boolean; pendingGarbage: boolean }
}

/** pendingChecksum counts the answers still to corrupt (a retried read can be hit twice). */
interface Faults {
  split: boolean
  silence: boolean
  pendingChecksum: number
  pendingGarbage: boolean
}

const noFaults = (): Faults => ({ split: false, silence: false, pendingChecksum: 0, pendingGarbage: false })

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

function openPort(path: string, baudRate: number): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port: SerialPort = new SerialPort({ path, baudRate }, (err) => (err ? reject(err) : resolve(port)))
  })
}

export class IdCardReaderEmulator {
  private pty: PtyPair | null = null
  private port: SerialPort | null = null
  private readonly assembler = new FrameAssembler({ minLen: MIN_COMMAND_LEN })
  private readonly responder: SamResponder
  private placed: number | null = null
  private faults = noFaults()
  /** Answers leave in order even when split answers pause between chunks. */
  private sending: Promise<void> = Promise.resolve()
  private closed = false
  private faultOnlyOnRead = false

  private constructor(
    readonly appPath: string,
    private readonly dir: string,
    private readonly ownsDir: boolean,
    private readonly options: IdCardReaderEmulatorOptions,
    readonly timing: ReaderTiming,
  ) {
    this.responder = new SamResponder(options)
  }

  /** Creates the pty pair and starts answering. Throws SocatMissingError without socat. */
  static async start(options: IdCardReaderEmulatorOptions): Promise<IdCardReaderEmulator> {
    // A bad timing option fails before anything is created.
    const timing = readerTiming(options.timing)
    const ownsDir = options.dir === undefined
    const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'onewindow-idcard-'))
    const emulator = new IdCardReaderEmulator(join(dir, 'ttyApp'), dir, ownsDir, options, timing)
    try {
      await emulator.plug()
    } catch (err) {
      // socat may already run when opening its device end fails: close() stops it and removes the directory.
      await emulator.close()
      throw err
    }
    return emulator
  }

  get cards(): readonly EmulatorCard[] {
    return this.options.cards
  }

  get state(): EmulatorState {
    return {
      appPath: this.appPath,
      isPlugged: this.pty?.isOpen ?? false,
      placedIndex: this.placed,
      faults: { ...this.faults, pendingChecksum: this.faults.pendingChecksum > 0 },
    }
  }

  /** Lays a card on the reader: an index into `cards`, or a card of its own. */
  place(card: number | EmulatorCard): EmulatorCard {
    if (typeof card === 'number') {
      const chosen = this.options.cards[card]
      if (!chosen) throw new RangeError(`没有第 ${card} 张模拟证件（共 ${this.options.cards.length} 张，从 0 开始编号）`)
      this.placed = card
      this.responder.place(chosen)
      return chosen
    }
    this.placed = null
    this.responder.place(card)
    return card
  }

  remove(): void {
    this.placed = null
    this.responder.remove()
  }

  describeCards(): string[] {
    return this.options.cards.map((card, i) => `${i}  ${cardLabel(card)}${i === this.placed ? '  ← 已放置' : ''}`)
  }

  /**
   * `onlyRead`: aim a checksum or garbage fault at the next read answer instead of the next answer.
   * `times`: corrupt that many answers in a row (checksum only), e.g. 2 to defeat the driver's one re-send.
   */
  async fault(kind: EmulatorFault, options: { onlyRead?: boolean; times?: number } = {}): Promise<void> {
    this.faultOnlyOnRead = options.onlyRead ?? false
    switch (kind) {
      case 'checksum':
        this.faults.pendingChecksum = options.times ?? 1
        return
      case 'garbage':
        this.faults.pendingGarbage = true
        return
      case 'split':
        this.faults.split = true
        return
      case 'silence':
        this.faults.silence = true
        return
      case 'clear':
        this.faults = noFaults()
        return
      case 'unplug':
        await this.unplug()
        return
      case 'replug':
        this.faults = noFaults()
        if (!this.pty?.isOpen) await this.plug()
        return
    }
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.unplug()
    if (this.ownsDir) rmSync(this.dir, { recursive: true, force: true })
  }

  private async plug(): Promise<void> {
    this.pty = await PtyPair.open({ dir: this.dir })
    this.port = await openPort(this.pty.devPath, this.timing.baudRate)
    this.assembler.reset()
    this.responder.powerCycle()
    const port = this.port
    port.on('data', (chunk: Buffer) => this.onData(port, chunk))
    // The device end only errors when socat is gone; unplug() handles that path.
    port.on('error', () => undefined)
  }

  private async unplug(): Promise<void> {
    const port = this.port
    const pty = this.pty
    this.port = null
    this.pty = null
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()))
    await pty?.close()
  }

  private onData(port: SerialPort, chunk: Buffer): void {
    for (const frame of this.assembler.push(chunk)) {
      if (this.faults.silence) continue
      const answer = this.answer(frame)
      const isRead = frame[7] === 0x30 && (frame[8] === 0x01 || frame[8] === 0x10)
      // Computed when the command arrives; answers queue behind each other like a half-duplex reader's.
      const delayMs = answerDelayMs(frame, answer.length, this.timing)
      this.sending = this.sending.then(() => this.send(port, answer, isRead, delayMs)).catch(() => undefined)
    }
  }

  /** An emulator bug must never take the station down: the driver gets "unrecognised error" instead. */
  private answer(frame: Uint8Array): Uint8Array {
    try {
      return this.responder.answer(frame)
    } catch (err) {
      console.warn(`[idcard-emulator] 无法应答命令：${err instanceof Error ? err.message : String(err)}`)
      return encodeResponse(SW3.unrecognisedError)
    }
  }

  private async send(port: SerialPort, answer: Uint8Array, isRead: boolean, delayMs: number): Promise<void> {
    // The pty delivers at once: hold the answer until a real reader's last byte would have arrived.
    if (delayMs > 0) await sleep(delayMs)
    let bytes = Buffer.from(answer)
    const aimed = isRead || !this.faultOnlyOnRead
    if (this.faults.pendingChecksum > 0 && aimed) {
      this.faults.pendingChecksum--
      bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x5a
    }
    if (this.faults.pendingGarbage && aimed) {
      this.faults.pendingGarbage = false
      // What a reader emits at power-up: a stray sync byte and noise before the preamble.
      bytes = Buffer.concat([Buffer.from([0xaa, 0x00, 0x13, 0xaa, 0x96]), bytes])
    }
    if (!port.isOpen) return
    if (!this.faults.split) {
      port.write(bytes)
      return
    }
    // Odd sizes on purpose: cuts inside the preamble and the LEN field, then USB-CDC-sized packets.
    const sizes = this.options.splitChunkBytes ? [this.options.splitChunkBytes] : [1, 6, 64, 3, 64, 17]
    for (let i = 0, n = 0; i < bytes.length; n++) {
      if (!port.isOpen) return
      const size = sizes[n % sizes.length]!
      port.write(bytes.subarray(i, i + size))
      i += size
      // Drain each chunk so the driver sees separate reads, not one coalesced buffer.
      await new Promise<void>((resolve) => port.drain(() => resolve()))
      await sleep(this.options.splitDelayMs ?? 2)
    }
  }
}
