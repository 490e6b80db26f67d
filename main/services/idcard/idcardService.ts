/**
 * The ID card reader as the station sees it: runs the driver on the
 * configured port, or — in the demo hall — starts the reader emulator in
 * process and points the very same driver at its pty. Each tap becomes one
 * `idcard.read` event; the reader's state drives the status light. The photo
 * stays here, in memory, for the current intake only.
 */
import { AppError } from '../../domain/errors'
import type { EmulatorCardSummary, IdcardRead, IdcardStatus } from '../../contract/idcard'
import type { StationConfig } from '../../config/stationConfig'
import type { CardRead } from '../../devices/idcard/cardRead'
import type { DecodedPhoto, PhotoDecoder } from '../../devices/idcard/photo'
import { IdCardReader, type IdCardReaderOptions, type ReaderStatus } from '../../devices/idcard/reader'
import { plainDateOf } from '../../domain/plainDate'
import { defaultDemoCardsFile, loadEmulatorCards } from '../../emulators/demoCards'
import { cardLabel, type EmulatorCard } from '../../domain/demo/emulatorCard'
import type { EmulatorFault } from '../../domain/demo/emulatorFaults'
import { IdCardReaderEmulator } from '../../emulators/idcardReader'
import { SocatMissingError } from '../../emulators/ptyPair'
import type { EventBus } from '../eventBus'
import type { DeviceStatusBoard } from '../system/deviceStatusBoard'

export type IdCardConfig = StationConfig['devices']['idcard']

export interface IdCardServiceDeps {
  events: EventBus
  devices: DeviceStatusBoard
  /** Demo cards for emulator mode; defaults to resources/demo/cards.json. */
  cardsFile?: string
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
  private emulator: IdCardReaderEmulator | null = null
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
    this.isEmulated = config.mode === 'emulator'
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
    let port = this.config.port
    if (this.config.mode === 'emulator') {
      try {
        const cards = loadEmulatorCards(this.deps.cardsFile ?? defaultDemoCardsFile())
        // A little radio latency so the light visibly goes busy during a read, like a real reader.
        this.emulator = await IdCardReaderEmulator.start({ cards, readDelayMs: 150 })
      } catch (err) {
        const reason = err instanceof SocatMissingError ? 'socat_missing' : 'emulator_failed'
        this.light({ state: 'error', reason, message: `模拟阅读器无法启动：${err instanceof Error ? err.message : String(err)}` })
        return
      }
      if (this.stopped) {
        await this.emulator.close()
        return
      }
      port = this.emulator.appPath
    }
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
    await this.emulator?.close()
    this.emulator = null
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

  listEmulatorCards(): { cards: EmulatorCardSummary[]; placedIndex: number | null; isPlugged: boolean } {
    const emulator = this.requireEmulator()
    const placedIndex = emulator.state.placedIndex
    return {
      cards: emulator.cards.map((card, index) => summary(card, index, index === placedIndex)),
      placedIndex,
      isPlugged: emulator.state.isPlugged,
    }
  }

  placeEmulatorCard(input: { cardIndex: number } | { card: EmulatorCard }): ReturnType<IdCardService['listEmulatorCards']> {
    const emulator = this.requireEmulator()
    if ('cardIndex' in input) {
      if (input.cardIndex >= emulator.cards.length) {
        throw new AppError('NOT_FOUND', `没有序号为 ${input.cardIndex} 的模拟证件（共 ${emulator.cards.length} 张，从 0 开始）`, 'cardIndex')
      }
      emulator.place(input.cardIndex)
    } else {
      emulator.place(input.card)
    }
    return this.listEmulatorCards()
  }

  removeEmulatorCard(): ReturnType<IdCardService['listEmulatorCards']> {
    this.requireEmulator().remove()
    return this.listEmulatorCards()
  }

  async injectFault(kind: EmulatorFault): Promise<ReturnType<IdCardService['listEmulatorCards']>> {
    await this.requireEmulator().fault(kind)
    return this.listEmulatorCards()
  }

  private requireEmulator(): IdCardReaderEmulator {
    if (this.emulator) return this.emulator
    if (this.config.mode !== 'emulator') {
      throw new AppError('DEVICE_UNAVAILABLE', `身份证阅读器为 ${this.config.mode} 模式（devices.idcard.mode），只有模拟器模式（emulator）可以放置模拟证件`)
    }
    throw new AppError('DEVICE_UNAVAILABLE', `模拟阅读器未运行：${this.readerStatus.message}`)
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
    const readAt = new Date().toISOString()
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

function summary(card: EmulatorCard, index: number, isPlaced: boolean): EmulatorCardSummary {
  return {
    index,
    label: cardLabel(card),
    cardType: card.cardType,
    name: card.name,
    ...(card.nameEn !== undefined ? { nameEn: card.nameEn } : {}),
    isPlaced,
  }
}
