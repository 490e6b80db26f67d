/**
 * Real-time printer status, both directions: the queries a driver sends and
 * the answer bytes a printer (or our emulator) sends back. Pure, shared by
 * the drivers and the emulator.
 *
 * ESC/POS `DLE EOT n` (Epson ESC/POS reference, "Transmit real-time status"):
 *   n=1 printer:  bit3 offline
 *   n=2 offline cause: bit2 cover open, bit5 stopped by paper end, bit6 error
 *   n=4 paper sensor:  bits2+3 near end, bits5+6 paper end
 * Every answer has bits 1 and 4 set and bits 0 and 7 clear — that is how a
 * status byte is told apart from noise.
 * TSPL `ESC ! ?` (TSC): one byte, 0 = ready; bit0 head open, bit1 jam,
 * bit2 paper out, bit3 ribbon out, bit4 paused, bit5 printing, bit7 other error.
 */
import { printerFailureWords, type PrinterFailure } from './printerError'

export interface PrinterStatus {
  isOnline: boolean
  isPaperOut: boolean
  isPaperNearEnd: boolean
  isCoverOpen: boolean
  hasError: boolean
}

export const READY_STATUS: PrinterStatus = { isOnline: true, isPaperOut: false, isPaperNearEnd: false, isCoverOpen: false, hasError: false }

/** DLE EOT 1, 2, 4: printer, offline cause, paper sensor — three one-byte answers. */
export const ESCPOS_STATUS_QUERY = Buffer.from([0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x04])
export const ESCPOS_STATUS_ANSWER_LENGTH = 3

/** TSC `<ESC>!?`: one byte. */
export const TSPL_STATUS_QUERY = Buffer.from([0x1b, 0x21, 0x3f])
export const TSPL_STATUS_ANSWER_LENGTH = 1

const FIXED = 0x12

function isStatusByte(b: number): boolean {
  return (b & 0x93) === FIXED
}

/** Reads the three DLE EOT answers; null when they are not status bytes (a printer that answers something else). */
export function parseEscposStatus(answer: Uint8Array): PrinterStatus | null {
  if (answer.length < ESCPOS_STATUS_ANSWER_LENGTH) return null
  const printer = answer[0]!
  const cause = answer[1]!
  const paper = answer[2]!
  if (![printer, cause, paper].every(isStatusByte)) return null
  const isPaperOut = (paper & 0x60) === 0x60 || (cause & 0x20) !== 0
  return {
    isOnline: (printer & 0x08) === 0,
    isPaperOut,
    isPaperNearEnd: (paper & 0x0c) === 0x0c,
    isCoverOpen: (cause & 0x04) !== 0,
    hasError: (cause & 0x40) !== 0,
  }
}

/** The byte a printer answers to `DLE EOT n` in a given state (the emulator's side). */
export function escposStatusByte(n: number, s: PrinterStatus): number {
  switch (n) {
    case 1:
      return FIXED | (s.isOnline ? 0 : 0x08)
    case 2:
      return FIXED | (s.isCoverOpen ? 0x04 : 0) | (s.isPaperOut ? 0x20 : 0) | (s.hasError ? 0x40 : 0)
    case 3:
      return FIXED | (s.hasError ? 0x40 : 0)
    case 4:
      return FIXED | (s.isPaperNearEnd ? 0x0c : 0) | (s.isPaperOut ? 0x60 : 0)
    default:
      return FIXED
  }
}

export function parseTsplStatus(answer: Uint8Array): PrinterStatus | null {
  if (answer.length < 1) return null
  const b = answer[0]!
  return {
    isOnline: (b & 0x10) === 0,
    isPaperOut: (b & 0x04) !== 0,
    isPaperNearEnd: false,
    isCoverOpen: (b & 0x01) !== 0,
    hasError: (b & 0x8a) !== 0,
  }
}

export function tsplStatusByte(s: PrinterStatus): number {
  return (s.isCoverOpen ? 0x01 : 0) | (s.isPaperOut ? 0x04 : 0) | (s.isOnline ? 0 : 0x10) | (s.hasError ? 0x80 : 0)
}

/** The failures a printer reports about itself (the others are about reaching it). */
export type PrinterProblem = Extract<PrinterFailure, 'paper_out' | 'cover_open' | 'offline' | 'printer_error'>

/** The one thing that stops this printer from printing now, most actionable first. */
export function statusProblem(s: PrinterStatus): { reason: PrinterProblem; message: string } | null {
  if (s.isPaperOut) return { reason: 'paper_out', message: '缺纸，请装纸' }
  if (s.isCoverOpen) return { reason: 'cover_open', message: '纸仓盖未关' }
  if (s.hasError) return { reason: 'printer_error', message: '打印机故障（切刀或打印头）' }
  if (!s.isOnline) return { reason: 'offline', message: '打印机脱机' }
  return null
}

/** The status bar's words for a printer that can print (its problems' words are `printerFailureWords`). */
export const workingWords = { ready: '就绪', paperNearEnd: '纸将用完' } as const

/** What a status says in the words of the status bar: its problem, paper near its end, or ready. */
export function statusWords(s: PrinterStatus): string {
  const problem = statusProblem(s)
  if (problem) return printerFailureWords[problem.reason]
  return s.isPaperNearEnd ? workingWords.paperNearEnd : workingWords.ready
}
