/**
 * The emulated reader's answer timing, as the pure computation the emulator
 * schedules each answer with: no clock, no sleeps.
 */
import { describe, expect, it } from 'vitest'
import { encodeCommand, SAM_COMMANDS, type SamCommand } from '../../../main/devices/idcard/samFrame'
import { defaultSamTimeouts } from '../../../main/devices/idcard/samLink'
import { loadEmulatorCards } from '../../../main/emulators/demoCards'
import { answerDelayMs, CARD_READ_MS, readerTiming } from '../../../main/emulators/readerTiming'
import { SamResponder } from '../../../main/emulators/samResponder'

const command = (c: SamCommand): Uint8Array => encodeCommand(c.cmd, c.para)

/** A real read answer: the emulated SAM after find and select. */
function readAnswer(read: SamCommand = SAM_COMMANDS.readText): Uint8Array {
  const sam = new SamResponder()
  sam.place(loadEmulatorCards()[0]!)
  sam.answer(command(SAM_COMMANDS.findCard))
  sam.answer(command(SAM_COMMANDS.selectCard))
  return sam.answer(command(read))
}

/** 8N1 = 10 bits a byte, worked out here rather than taken from the module under test. */
const wireMs = (bytes: number, baud: number): number => (bytes * 10 * 1000) / baud

describe('the emulated reader timing', () => {
  it('holds a read answer at least as long as its 1295 bytes take on the wire at 115200 baud, by default', () => {
    const answer = readAnswer()
    expect(answer).toHaveLength(1295)
    const delay = answerDelayMs(command(SAM_COMMANDS.readText), answer.length, readerTiming())
    expect(wireMs(1295, 115_200)).toBeCloseTo(112.41, 2)
    expect(delay).toBeGreaterThanOrEqual(wireMs(1295, 115_200))
    // The card's own read time comes on top: about half a second in all, the fast end of a real reader.
    expect(delay).toBeCloseTo(CARD_READ_MS + wireMs(1295, 115_200), 6)
    expect(delay).toBeGreaterThanOrEqual(500)
  })

  it('holds the fingerprint read for its longer answer too', () => {
    const answer = readAnswer(SAM_COMMANDS.readWithFingerprint)
    expect(answer).toHaveLength(2321)
    expect(answerDelayMs(command(SAM_COMMANDS.readWithFingerprint), answer.length, readerTiming())).toBeGreaterThanOrEqual(wireMs(2321, 115_200))
  })

  it('computes the wire time at the configured speed, and gives short answers only their wire time', () => {
    const slow = readerTiming({ baudRate: 9600 })
    expect(answerDelayMs(command(SAM_COMMANDS.readText), 1295, slow)).toBeGreaterThanOrEqual(wireMs(1295, 9600))
    expect(answerDelayMs(command(SAM_COMMANDS.samStatus), 11, slow)).toBeCloseTo(wireMs(11, 9600), 6)
    expect(answerDelayMs(command(SAM_COMMANDS.findCard), 15, readerTiming())).toBeCloseTo(wireMs(15, 115_200), 6)
  })

  it('fits every answer inside the driver\'s own windows, even with fingerprints at the slowest speed', () => {
    const slowest = readerTiming({ baudRate: 9600 })
    const fingerprintRead = answerDelayMs(command(SAM_COMMANDS.readWithFingerprint), readAnswer(SAM_COMMANDS.readWithFingerprint).length, slowest)
    expect(fingerprintRead).toBeLessThan(defaultSamTimeouts.read)
    expect(answerDelayMs(command(SAM_COMMANDS.findCard), 15, slowest)).toBeLessThan(defaultSamTimeouts.find)
    expect(answerDelayMs(command(SAM_COMMANDS.selectCard), 19, slowest)).toBeLessThan(defaultSamTimeouts.select)
    expect(answerDelayMs(command(SAM_COMMANDS.readNewestAddress), 81, slowest)).toBeLessThan(defaultSamTimeouts.newestAddress)
    expect(answerDelayMs(command(SAM_COMMANDS.samStatus), 11, slowest)).toBeLessThan(defaultSamTimeouts.status)
  })

  it('answers at once only when told to', () => {
    expect(answerDelayMs(command(SAM_COMMANDS.readText), 1295, readerTiming({ mode: 'instant' }))).toBe(0)
  })

  it('refuses a speed or a read time that cannot be', () => {
    expect(() => readerTiming({ baudRate: 0 })).toThrow('波特率')
    expect(() => readerTiming({ cardReadMs: -1 })).toThrow('读卡时间')
  })
})
