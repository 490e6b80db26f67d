import { describe, expect, it } from 'vitest'
import {
  escposStatusByte,
  parseEscposStatus,
  parseTsplStatus,
  READY_STATUS,
  statusProblem,
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
