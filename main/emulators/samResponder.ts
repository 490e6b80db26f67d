/**
 * The SAM module's behaviour, without any I/O: one command frame in, one
 * answer frame out. Mimics what drivers depend on (spec §4): find → select →
 * read in that order, "the same card answers 0x80 until it is lifted", and a
 * selected card that does not answer find (0x80) but stays selected.
 */
import { decodeCommand, encodeResponse, isCommand, SAM_COMMANDS } from '../devices/idcard/samFrame'
import { SW3 } from '../devices/idcard/samStatus'
import { buildAppendedAddress, buildReadData, type FingerprintBytes } from './cardBlockBuilder'
import type { EmulatorCard } from '../domain/demo/emulatorCard'

export interface SamResponderOptions {
  /** Templates answered to 0x30 0x10 (two prints = 1024, one = 512, none = 0). */
  fingerprintBytes?: FingerprintBytes
  /** 16 bytes answered to 0x12 0xFF. */
  samId?: Uint8Array
}

/** 4 version-like bytes, then three little-endian u32 (spec §3.3). */
function defaultSamId(): Uint8Array {
  const id = new Uint8Array(16)
  const view = new DataView(id.buffer)
  id.set([0x05, 0x00, 0x01, 0x00])
  view.setUint32(4, 20_240_101, true)
  view.setUint32(8, 12_345_678, true)
  view.setUint32(12, 3_200_001_234, true)
  return id
}

export class SamResponder {
  private card: EmulatorCard | null = null
  /** The SAM remembers the card it read last and will not find it again until it leaves the field. */
  private alreadyRead = false
  private found = false
  private selected = false
  private readonly fingerprintBytes: FingerprintBytes
  private readonly samId: Uint8Array

  constructor(options: SamResponderOptions = {}) {
    this.fingerprintBytes = options.fingerprintBytes ?? 1024
    this.samId = options.samId ?? defaultSamId()
  }

  /** A card enters the field: a new presentation, even if it is the same card again. */
  place(card: EmulatorCard): void {
    this.card = card
    this.alreadyRead = false
    this.found = false
    this.selected = false
  }

  remove(): void {
    this.card = null
    this.alreadyRead = false
    this.found = false
    this.selected = false
  }

  /** Power loss (unplug): the SAM forgets what it read; a card still lying there counts as new. */
  powerCycle(): void {
    this.alreadyRead = false
    this.found = false
    this.selected = false
  }

  answer(commandFrame: Uint8Array): Uint8Array {
    const decoded = decodeCommand(commandFrame)
    if (!decoded.ok) {
      return encodeResponse(decoded.error.reason === 'bad_checksum' ? SW3.badChecksum : SW3.badLength)
    }
    const frame = decoded.frame
    if (isCommand(frame, SAM_COMMANDS.resetSam) || isCommand(frame, SAM_COMMANDS.samStatus)) {
      if (isCommand(frame, SAM_COMMANDS.resetSam)) {
        this.found = false
        this.selected = false
      }
      return encodeResponse(SW3.ok)
    }
    if (isCommand(frame, SAM_COMMANDS.samId)) return encodeResponse(SW3.ok, this.samId)
    if (isCommand(frame, SAM_COMMANDS.findCard)) return this.find()
    if (isCommand(frame, SAM_COMMANDS.selectCard)) {
      if (!this.found || !this.card) return encodeResponse(SW3.selectFailed)
      this.selected = true
      return encodeResponse(SW3.ok, new Uint8Array(8))
    }
    if (isCommand(frame, SAM_COMMANDS.readText)) return this.read(undefined)
    if (isCommand(frame, SAM_COMMANDS.readWithFingerprint)) return this.read(this.fingerprintBytes)
    if (isCommand(frame, SAM_COMMANDS.readNewestAddress)) {
      // Drivers ask right after the read, while the card is still in the field.
      if (!this.card) return encodeResponse(SW3.readFailed)
      if (this.card.newestAddress === undefined) return encodeResponse(SW3.noContent)
      return encodeResponse(SW3.ok, buildAppendedAddress(this.card.newestAddress))
    }
    // Set speed (0x60 xx) and max RF bytes (0x61 0xFF): accepted; a pty has no speed to change.
    if (frame.cmd === 0x60 && frame.para <= 0x04 && frame.data.length === 0) return encodeResponse(SW3.ok)
    if (frame.cmd === 0x61 && frame.para === 0xff && frame.data.length === 1) return encodeResponse(SW3.ok)
    return encodeResponse(SW3.badCommand)
  }

  private find(): Uint8Array {
    // ISO 14443-B: a selected card is ACTIVE and ignores the find request, so the SAM reports no card —
    // and the selection stands, so a read that follows still succeeds (drivers may probe in between).
    if (this.card && this.selected) return encodeResponse(SW3.noCard)
    if (!this.card || this.alreadyRead) {
      this.found = false
      return encodeResponse(SW3.noCard)
    }
    this.found = true
    return encodeResponse(SW3.cardFound, new Uint8Array(4))
  }

  private read(fingerprintBytes: FingerprintBytes | undefined): Uint8Array {
    if (!this.card || !this.selected) return encodeResponse(SW3.readFailed)
    // The card stays selected until it leaves the field, so a driver may re-send a read whose answer it lost.
    this.alreadyRead = true
    return encodeResponse(SW3.ok, buildReadData(this.card, fingerprintBytes))
  }
}
