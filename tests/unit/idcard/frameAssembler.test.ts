import { describe, expect, it } from 'vitest'
import { FrameAssembler } from '../../../main/devices/idcard/frameAssembler'
import { fromHex, toHex } from '../../../main/devices/idcard/samFrame'
import { readAnswer, residentBlock } from '../../fixtures/idcardFrames'

const noCard = fromHex('AAAAAA9669000400008084')
const found = fromHex('AAAAAA9669000800009F0000000097')

const cat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => Array.from(p)))

describe('FrameAssembler', () => {
  it('reassembles a read answer that arrives one byte at a time', () => {
    const assembler = new FrameAssembler()
    const answer = readAnswer(residentBlock())
    const frames: Uint8Array[] = []
    for (const byte of answer) frames.push(...assembler.push(Uint8Array.of(byte)))
    expect(frames).toHaveLength(1)
    expect(toHex(frames[0]!)).toBe(toHex(answer))
    expect(assembler.pending).toBe(0)
  })

  it('splits two frames that arrive in one chunk', () => {
    const frames = new FrameAssembler().push(cat(noCard, found))
    expect(frames.map(toHex)).toEqual([toHex(noCard), toHex(found)])
  })

  it('skips a stray byte before the preamble (AA 00 AA AA 96 69 …)', () => {
    const assembler = new FrameAssembler()
    const frames = assembler.push(cat(Uint8Array.of(0xaa, 0x00), noCard))
    expect(frames.map(toHex)).toEqual([toHex(noCard)])
    expect(assembler.stats.skippedBytes).toBe(2)
  })

  it('finds the preamble after a fourth sync byte (AA AA AA AA 96 69)', () => {
    const frames = new FrameAssembler().push(cat(Uint8Array.of(0xaa), noCard))
    expect(frames.map(toHex)).toEqual([toHex(noCard)])
  })

  it('rejects LEN above 4096 and resumes one byte after the preamble start', () => {
    const assembler = new FrameAssembler()
    // The bad header is itself followed by a good frame whose preamble starts right after it.
    const frames = assembler.push(cat(fromHex('AAAAAA96691001'), noCard))
    expect(frames.map(toHex)).toEqual([toHex(noCard)])
    expect(assembler.stats.rejectedHeaders).toBe(1)
  })

  it('rejects LEN below 4 for responses but accepts 3 for commands', () => {
    const command = fromHex('AAAAAA96690003200122')
    expect(new FrameAssembler().push(command)).toEqual([])
    expect(new FrameAssembler({ minLen: 3 }).push(command).map(toHex)).toEqual([toHex(command)])
  })

  it('recovers a good frame hidden inside a rejected header (AA AA AA 96 69 AA AA AA 96 69 …)', () => {
    const frames = new FrameAssembler().push(cat(fromHex('AAAAAA9669'), noCard))
    // LEN would read AA AA (43690) → rejected, then the real frame starts five bytes on.
    expect(frames.map(toHex)).toEqual([toHex(noCard)])
  })

  it('waits across chunks when a preamble is cut in the middle', () => {
    const assembler = new FrameAssembler()
    expect(assembler.push(noCard.subarray(0, 3))).toEqual([])
    expect(assembler.push(noCard.subarray(3, 6))).toEqual([])
    expect(assembler.push(noCard.subarray(6)).map(toHex)).toEqual([toHex(noCard)])
  })

  it('drops a half-received frame on reset (flush before a new command)', () => {
    const assembler = new FrameAssembler()
    assembler.push(found.subarray(0, 9))
    expect(assembler.pending).toBe(9)
    assembler.reset()
    expect(assembler.push(noCard).map(toHex)).toEqual([toHex(noCard)])
  })

  it('keeps its buffer bounded under a megabyte of noise', () => {
    const assembler = new FrameAssembler()
    let seed = 7
    const noise = Uint8Array.from({ length: 1 << 20 }, () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      return seed & 0xff
    })
    assembler.push(noise)
    expect(assembler.pending).toBeLessThanOrEqual(7 + 4096)
    // And it still finds a frame afterwards once the noise header (if any) is flushed.
    assembler.reset()
    expect(assembler.push(noCard)).toHaveLength(1)
  })
})
