/**
 * The ID card reader as the station sees it: runs the driver on the
 * configured serial port (or probes for one). In the demo hall the
 * composition root starts the reader emulator and hands this service its
 * pty as the port, so the very same driver runs. Each tap becomes one
 * `idcard.read` event; the reader's state drives the status light. The photo
 * stays here, in memory, for the current intake only.
 */
import type { IdcardRead, IdcardStatus } from '../../contract/idcard'
import type { StationConfig } from '../../config/stationConfig'
import type { CardRead } from '../../devices/idcard/cardRead'
import type { DecodedPhoto, PhotoDecoder } from '../../devices/idcard/photo'
import { IdCardReader, type IdCardReaderOptions, type ReaderStatus } from '../../devices/idcard/reader'
import { plainDateOf } from '../../domain/plainDate'
import { utcTimestamp } from '../../domain/timestamps'
import type { EventBus } from '../eventBus'
import type { DeviceStatusBoard } from '../system/deviceStatusBoard'

/** As station.json says it, except `emulator`: the root turns that into the emulator's serial port. */
export type IdCardConfig = Omit<StationConfig['devices']['idcard'], 'mode'> & { mode: 'serial' | 'off' }

export interface IdCardServiceDeps {
  events: EventBus
  devices: DeviceStatusBoard
  /** The port is an emulator's (demo hall): the light and each read say so. */
  isEmulated?: boolean
  /** A vendor WLT decoder the hall installed; none ships with OneWindow. */
  photoDecoder?: PhotoDecoder
  /** Serial ports another device owns (the scanner's, a serial printer's); never probed. */
  excludePorts?: string[]
  /** Tests tune timeouts and backoff. */
  readerOptions?: Partial<IdCardReaderOptions>
  /** Local calendar date `YYYY-MM-DD`; decides isExpired. */
  today?: () => string
}

type Light = { state: 'ok' | 'busy' | 'warning' | 'error' | 'off'; reason: string; message: string }

const lights: Record<ReaderStatus['state'], Light['state']> = {
  connecting: 'busy',
  ready: 'ok',
  reading: 'busy',
  warning: 'warning',
  error: 'error',
  unplugged: 'error',
  stopped: 'off',
}

export class IdCardService {
  private reader: IdCardReader | null = null
  private starting: Promise<void> | null = null
  private stopped = false
  private lastReadAt: string | null = null
  private photo: Uint8Array | null = null
  private readerStatus: ReaderStatus
  private readonly isEmulated: boolean

  constructor(
    private readonly config: IdCardConfig,
    private readonly deps: IdCardServiceDeps,
  ) {
    this.isEmulated = deps.isEmulated ?? false
    this.readerStatus = { state: 'stopped', reason: 'not_started', message: '未启动', port: config.port ?? null }
  }

  /** Never throws: a reader that cannot start is a red light, not a dead station. */
  start(): Promise<void> {
    this.starting ??= this.startOnce()
    return this.starting
  }

  private async startOnce(): Promise<void> {
    if (this.config.mode === 'off') {
      this.light({ state: 'off', reason: 'disabled', message: '身份证阅读器已在配置中关闭' })
      return
    }
    if (this.stopped) return
    const port = this.config.port
    this.reader = new IdCardReader({
      ...(port ? { port } : {}),
      pollMs: this.config.pollMs,
      ...(this.deps.excludePorts ? { excludePorts: this.deps.excludePorts } : {}),
      ...this.deps.readerOptions,
      onStatus: (status) => this.onStatus(status),
      onCard: (read) => this.onCard(read),
    })
    this.reader.start()
  }

  async stop(): Promise<void> {
    this.stopped = true
    await this.starting
    await this.reader?.stop()
    this.reader = null
    this.photo = null
  }

  status(): IdcardStatus {
    const s = this.readerStatus
    return {
      mode: this.config.mode,
      state: s.state,
      reason: s.reason,
      message: s.message,
      port: s.port,
      samId: this.reader?.samIdHex ?? null,
      isEmulated: this.isEmulated,
      lastReadAt: this.lastReadAt,
    }
  }

  /** The raw WLT bytes of the last card read, for the current intake only. */
  currentPhoto(): Uint8Array | null {
    return this.photo
  }

  /** The intake is done (accepted or abandoned): forget the photo. */
  discardPhoto(): void {
    this.photo = null
  }

  /** Renders the current photo with the hall's vendor decoder; null without one or without a photo. */
  async decodeCurrentPhoto(): Promise<DecodedPhoto | null> {
    if (!this.photo || !this.deps.photoDecoder) return null
    return this.deps.photoDecoder.decode(this.photo)
  }

  private onStatus(status: ReaderStatus): void {
    this.readerStatus = status
    if (status.state === 'error' || status.state === 'unplugged') console.warn(`[idcard] ${status.message}`)
    const light = lights[status.state]
    const reason = status.state === 'ready' && this.isEmulated ? 'emulator' : status.reason
    const message = status.state === 'ready' && this.isEmulated ? '模拟身份证阅读器就绪' : status.message
    this.light({ state: light, reason, message })
  }

  private onCard(read: CardRead): void {
    const readAt = utcTimestamp(new Date())
    this.lastReadAt = readAt
    this.photo = read.photoInfo.hasPhoto ? read.photo : null
    const today = this.deps.today?.() ?? plainDateOf(new Date())
    const payload: IdcardRead = {
      card: read.card,
      isExpired: read.card.validTo !== 'long-term' && read.card.validTo < today,
      hasPhoto: read.photoInfo.hasPhoto,
      photo: !read.photoInfo.hasPhoto ? 'none' : this.deps.photoDecoder ? 'decoded' : 'placeholder',
      warnings: read.extras.warnings,
      readAt,
      isEmulated: this.isEmulated,
    }
    this.deps.events.emit('idcard.read', payload)
  }

  private light(light: Light): void {
    this.deps.devices.report('idcard', { ...light, isEmulated: this.isEmulated })
  }
}

