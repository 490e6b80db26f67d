/**
 * The demo hall's ID card reader: the reader emulator on a pty, handed to the
 * ID card service as its serial port, and the controls that lay cards on it.
 * Root-level: only the composition root may start emulators.
 */
import type { DemoCards, EmulatorCardSummary } from './contract/demo'
import { cardLabel, cardLabelEn, type EmulatorCard } from './domain/demo/emulatorCard'
import { AppError } from './domain/errors'
import type { StationConfig } from './config/stationConfig'
import { defaultDemoCardsFile, loadEmulatorCards } from './emulators/demoCards'
import { IdCardReaderEmulator } from './emulators/idcardReader'
import { SocatMissingError } from './emulators/ptyPair'
import type { ReaderTiming } from './emulators/readerTiming'
import type { IdcardDemoControls } from './services/demoControls'
import type { IdCardConfig } from './services/idcard/idcardService'
import type { DemoPart } from './demoDevices'

export interface ReaderDemoOptions {
  /** Cards the emulated reader offers; default resources/demo/cards.json. */
  cardsFile?: string
  /** Real by default (wire time plus the card's read time); tests that need speed pass `{ mode: 'instant' }`. */
  timing?: Partial<ReaderTiming>
}

export async function startReaderDemo(
  config: StationConfig['devices']['idcard'],
  options: ReaderDemoOptions = {},
): Promise<DemoPart<IdCardConfig, IdcardDemoControls>> {
  let emulator: IdCardReaderEmulator
  try {
    const cards = loadEmulatorCards(options.cardsFile ?? defaultDemoCardsFile())
    emulator = await IdCardReaderEmulator.start({ cards, ...(options.timing ? { timing: options.timing } : {}) })
  } catch (err) {
    const message = `模拟阅读器无法启动：${err instanceof Error ? err.message : String(err)}`
    const notRunning = (): never => {
      throw new AppError('DEVICE_UNAVAILABLE', `模拟阅读器未运行：${message}`)
    }
    return {
      // No port to give: the service stays idle and the light shows why (reportFailures).
      config: { ...config, mode: 'off' },
      controls: { listCards: notRunning, place: notRunning, remove: notRunning, fault: notRunning },
      failure: { reason: err instanceof SocatMissingError ? 'socat_missing' : 'emulator_failed', message },
      close: async () => undefined,
    }
  }
  // Exactly what station.json says for a real reader on a known port.
  return { config: { ...config, mode: 'serial', port: emulator.appPath }, controls: readerControls(emulator), failure: null, close: () => emulator.close() }
}

function readerControls(emulator: IdCardReaderEmulator): IdcardDemoControls {
  const list = (): DemoCards => {
    const placedIndex = emulator.state.placedIndex
    return {
      cards: emulator.cards.map((card, index) => summary(card, index, index === placedIndex)),
      placedIndex,
      isPlugged: emulator.state.isPlugged,
    }
  }
  return {
    listCards: list,
    place(input) {
      if ('cardIndex' in input) {
        if (input.cardIndex >= emulator.cards.length) {
          throw new AppError('NOT_FOUND', `没有序号为 ${input.cardIndex} 的模拟证件（共 ${emulator.cards.length} 张，从 0 开始）`, 'cardIndex')
        }
        emulator.place(input.cardIndex)
      } else {
        emulator.place(input.card)
      }
      return list()
    },
    remove() {
      emulator.remove()
      return list()
    },
    async fault(kind) {
      await emulator.fault(kind)
      return list()
    },
  }
}

function summary(card: EmulatorCard, index: number, isPlaced: boolean): EmulatorCardSummary {
  return {
    index,
    label: cardLabel(card),
    labelEn: cardLabelEn(card),
    cardType: card.cardType,
    name: card.name,
    ...(card.nameEn !== undefined ? { nameEn: card.nameEn } : {}),
    isPlaced,
  }
}
