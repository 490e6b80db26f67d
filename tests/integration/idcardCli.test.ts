/** `idcard read` against the reader emulator on a real pty: what an installer runs at the counter. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../main/cli'
import { loadEmulatorCards } from '../../main/emulators/demoCards'
import { IdCardReaderEmulator } from '../../main/emulators/idcardReader'
import { captureConsole } from '../fixtures/captureConsole'


describe('npm run cli -- idcard read', () => {
  afterEach(() => vi.restoreAllMocks())

  it('reads one card from a reader and prints it', async () => {
    const emulator = await IdCardReaderEmulator.start({ cards: loadEmulatorCards() })
    try {
      emulator.place(1)
      const { out } = captureConsole()
      expect(await runCli(['idcard', 'read', '--port', emulator.appPath, '--timeout', '10'])).toBe(0)
      expect(JSON.parse(out[0]!)).toMatchObject({ name: '王秀兰', validTo: 'long-term', address: '江苏省徐州市云龙区和平路56号3号楼201室' })
    } finally {
      await emulator.close()
    }
  })

  it('exits non-zero when no card comes before the timeout', async () => {
    const emulator = await IdCardReaderEmulator.start({ cards: loadEmulatorCards() })
    try {
      const { err } = captureConsole()
      expect(await runCli(['idcard', 'read', '--port', emulator.appPath, '--timeout', '1'])).toBe(1)
      expect(err[err.length - 1]).toBe('1 秒内没有读到证件')
    } finally {
      await emulator.close()
    }
  })
})
