/**
 * ID card read decoding: the CPU time to turn one read answer into a Card —
 * reassembling it from 64-byte USB-CDC chunks, checking the XOR, decoding the
 * text block and checking the ID number — as a fraction of the time the same
 * 1295 bytes take on the wire at 115,200 baud (1295 × 10 bits ≈ 112.4 ms).
 * Below 0.01 the decoder adds under 1 % to a tap.
 *
 * The reference is the serial line's fixed transfer time rather than a
 * same-run baseline: the question is whether decoding is negligible next to
 * the wire, and the wire's speed does not depend on this machine.
 */
import { decodeReadFrame } from '../../../main/devices/idcard/cardRead'
import { FrameAssembler } from '../../../main/devices/idcard/frameAssembler'
import { buildReadResponse } from '../../../main/emulators/cardBlockBuilder'
import { loadEmulatorCards } from '../../../main/emulators/demoCards'
import { median, overFixedLimit, type BenchFigure } from '../figure'

const READ_ANSWER_BYTES = 1295
const WIRE_MS = (READ_ANSWER_BYTES * 10 * 1000) / 115_200
const CHUNK = 64
const READS_PER_BATCH = 200
const WARMUP_BATCHES = 5
const BATCHES = 30

function decodeBatch(frames: Uint8Array[]): number {
  const assembler = new FrameAssembler()
  let decoded = 0
  const started = performance.now()
  for (let i = 0; i < READS_PER_BATCH; i++) {
    const frame = frames[i % frames.length]!
    for (let at = 0; at < frame.length; at += CHUNK) {
      for (const whole of assembler.push(frame.subarray(at, at + CHUNK))) {
        if (decodeReadFrame(whole).ok) decoded++
      }
    }
  }
  const elapsed = performance.now() - started
  // A figure over reads that silently failed would flatter the decoder.
  if (decoded !== READS_PER_BATCH) throw new Error(`只解码了 ${decoded}/${READS_PER_BATCH} 次读卡应答`)
  return elapsed / READS_PER_BATCH
}

export const figures: BenchFigure[] = [
  {
    name: 'idcard: decode time per read ÷ serial transfer time at 115200 baud',
    run() {
      const frames = loadEmulatorCards().map((card) => buildReadResponse(card))
      if (frames.some((f) => f.length !== READ_ANSWER_BYTES)) throw new Error('读卡应答不是 1295 字节')
      for (let i = 0; i < WARMUP_BATCHES; i++) decodeBatch(frames)
      const perRead: number[] = []
      for (let i = 0; i < BATCHES; i++) perRead.push(decodeBatch(frames))
      return overFixedLimit(median(perRead), { ms: WIRE_MS, basis: 'physics', what: `${READ_ANSWER_BYTES} bytes × 10 bits at 115,200 baud` }, { below: 0.01 })
    },
  },
]
