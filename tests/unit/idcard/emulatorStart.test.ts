/**
 * The reader emulator's start when socat made the pty pair but the device end
 * will not open: nothing may be left running. serialport is mocked so the
 * open fails; socat is real.
 */
import { existsSync } from 'node:fs'
import { dirname } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { IdCardReaderEmulator } from '../../../main/emulators/idcardReader'
import { PtyPair } from '../../../main/emulators/ptyPair'

vi.mock('serialport', () => ({
  SerialPort: class {
    constructor(_options: unknown, callback: (err: Error | null) => void) {
      setImmediate(() => callback(new Error('EACCES: permission denied')))
    }
  },
}))

const pairs: PtyPair[] = []
afterEach(async () => {
  vi.restoreAllMocks()
  // Whatever the outcome, no socat outlives the test.
  for (const pair of pairs.splice(0)) await pair.close()
})

describe('reader emulator start', () => {
  it('stops socat and removes its folder when the device end cannot be opened', async () => {
    const open = PtyPair.open.bind(PtyPair)
    vi.spyOn(PtyPair, 'open').mockImplementation(async (options) => {
      const pair = await open(options)
      pairs.push(pair)
      return pair
    })
    await expect(IdCardReaderEmulator.start({ cards: [] })).rejects.toThrow('EACCES')
    expect(pairs).toHaveLength(1)
    expect(pairs[0]!.isOpen).toBe(false)
    expect(existsSync(dirname(pairs[0]!.appPath))).toBe(false)
  })
})
