import { describe, expect, it } from 'vitest'
import {
  escposStatusByte,
  parseEscposStatus,
  parseTsplStatus,
  READY_STATUS,
  statusProblem,
  statusWords,
  tsplStatusByte,
  type PrinterStatus,
} from '../../../main/devices/printer/printerStatus'

const answerFor = (s: PrinterStatus) => Uint8Array.from([escposStatusByte(1, s), escposStatusByte(2, s), escposStatusByte(4, s)])

describe('real-time printer status', () => {
  it('reads a ready ESC/POS printer from its three DLE EOT answers', () => {
    expect(Array.from(answerFor(READY_STATUS))).toEqual([0x12, 0x12, 0x12])
    expect(parseEscposStatus(answerFor(READY_STATUS))).toEqual(READY_STATUS)
  })

  it.each<[string, Partial<PrinterStatus>, string]>([
    ['paper out', { isPaperOut: true, isOnline: false }, 'paper_out'],
    ['cover open', { isCoverOpen: true, isOnline: false }, 'cover_open'],
    ['offline', { isOnline: false }, 'offline'],
    ['a cutter error', { hasError: true }, 'printer_error'],
  ])('reads %s through the status bytes', (_name, state, reason) => {
    const status = { ...READY_STATUS, ...state }
    expect(parseEscposStatus(answerFor(status))).toEqual(status)
    expect(statusProblem(status)?.reason).toBe(reason)
    expect(statusProblem(parseTsplStatus(Uint8Array.from([tsplStatusByte(status)]))!)?.reason).toBe(reason)
  })

  it('reports paper near its end as no problem yet', () => {
    const status = { ...READY_STATUS, isPaperNearEnd: true }
    expect(parseEscposStatus(answerFor(status))?.isPaperNearEnd).toBe(true)
    expect(statusProblem(status)).toBeNull()
  })

  it('does not mistake an answer that is not a status byte for a status', () => {
    expect(parseEscposStatus(Uint8Array.from([0x41, 0x42, 0x43]))).toBeNull()
    expect(parseEscposStatus(Uint8Array.from([0x12]))).toBeNull()
  })
})

describe('a printer status in words', () => {
  it.each<[string, Partial<PrinterStatus>, string]>([
    ['ready', {}, '就绪'],
    ['paper near its end', { isPaperNearEnd: true }, '纸将用完'],
    ['paper out', { isPaperOut: true, isPaperNearEnd: true }, '缺纸'],
    ['cover open', { isCoverOpen: true }, '纸仓盖未关'],
    ['offline', { isOnline: false }, '打印机脱机'],
  ])('says %s in the status bar’s short words (the CLI uses the same)', (_name, state, words) => {
    expect(statusWords({ ...READY_STATUS, ...state })).toBe(words)
  })
})
