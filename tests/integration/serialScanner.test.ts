import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { MAX_SCAN_BYTES, type ScanTerminator } from '../../main/devices/scanner/scanFraming'
import { SerialScanner, type ScannerLinkStatus } from '../../main/devices/scanner/serialScanner'
import { ScannerEmulator } from '../../main/emulators/scannerEmulator'
import { waitFor } from '../fixtures/waitFor'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** The driver on the emulator's pty, the way the counter runs it; records scans and lights. */
async function rig(terminator: ScanTerminator, options: { dir?: string; startEmulator?: boolean } = {}) {
  const emulator = options.startEmulator === false ? null : await ScannerEmulator.start({ terminator, ...(options.dir ? { dir: options.dir } : {}) })
  if (emulator) cleanups.push(() => emulator.close())
  const scans: string[] = []
  const statuses: ScannerLinkStatus[] = []
  const path = emulator?.devicePath ?? join(options.dir!, 'ttyApp')
  const scanner = new SerialScanner({
    port: path,
    baudRate: 115200,
    terminator,
    onScan: (text) => scans.push(text),
    onStatus: (status) => statuses.push(status),
    backoff: { initialMs: 50, maxMs: 200 },
  })
  cleanups.push(() => scanner.stop())
  scanner.start()
  const lastReason = () => statuses.at(-1)?.reason
  if (emulator) await waitFor('the scanner to connect', () => lastReason() === 'connected')
  return { emulator, scanner, scans, statuses, lastReason }
}

describe('serial scanner driver with the pty emulator', () => {
  it('delivers one scan per code ended by CR', async () => {
    const { emulator, scans } = await rig('CR')
    await emulator!.scan('32030020261126001')
    await emulator!.scan('SF1234567890123')
    await waitFor('two scans', () => scans.length === 2)
    expect(scans).toEqual(['32030020261126001', 'SF1234567890123'])
  })

  it('reassembles a scan that arrives split across several writes', async () => {
    const { emulator, scans } = await rig('CR')
    await emulator!.scan('91320300MA1XYZ1234', { pieces: 5, gapMs: 15 })
    await waitFor('the scan', () => scans.length === 1)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(scans).toEqual(['91320300MA1XYZ1234'])
  })

  it('splits two CRLF-terminated scans that arrive in one write', async () => {
    const { emulator, scans } = await rig('CRLF')
    await emulator!.writeRaw(Buffer.from('32030020261126001\r\nYT9876543210\r\n'))
    await waitFor('two scans', () => scans.length === 2)
    expect(scans).toEqual(['32030020261126001', 'YT9876543210'])
  })

  it('ends a scan at an idle gap when the scanner sends no suffix', async () => {
    const { emulator, scans } = await rig('NONE')
    await emulator!.scan('ABC123456', { pieces: 3, gapMs: 10 })
    await new Promise((resolve) => setTimeout(resolve, 250))
    await emulator!.scan('DEF654321')
    await waitFor('two scans', () => scans.length === 2)
    expect(scans).toEqual(['ABC123456', 'DEF654321'])
  })

  it('warns about a missing suffix and does not glue the fragment onto the next scan', async () => {
    const { emulator, scans, lastReason } = await rig('CR')
    await emulator!.writeRaw(Buffer.from('HALFCODE'))
    await waitFor('the suffix warning', () => lastReason() === 'suffix_missing', 3000)
    await emulator!.scan('32030020261126001')
    await waitFor('the scan', () => scans.length === 1)
    expect(scans).toEqual(['32030020261126001'])
    expect(lastReason()).toBe('connected')
  })

  it('raises no suffix warning after scans from a scanner sending CR LF to a station expecting CR', async () => {
    const { emulator, scans, statuses, lastReason } = await rig('CR')
    await emulator!.writeRaw(Buffer.from('32030020261126001\r\n'))
    await waitFor('the scan', () => scans.length === 1)
    // Longer than the driver's one-second wait for a missing suffix.
    await new Promise((resolve) => setTimeout(resolve, 1200))
    expect(scans).toEqual(['32030020261126001'])
    expect(lastReason()).toBe('connected')
    expect(statuses.some((s) => s.reason === 'suffix_missing')).toBe(false)
  })

  it('warns about a runaway line, never delivers its tail, and clears the warning on the next good scan', async () => {
    const { emulator, scans, lastReason } = await rig('CR')
    await emulator!.writeRaw(Buffer.concat([Buffer.alloc(MAX_SCAN_BYTES + 100, 0x41), Buffer.from('\r')]))
    await waitFor('the runaway warning', () => lastReason() === 'scan_too_long')
    await emulator!.scan('32030020261126001')
    await waitFor('the scan', () => scans.length === 1)
    expect(scans).toEqual(['32030020261126001'])
    expect(lastReason()).toBe('connected')
  })

  it('reports the unplug, reconnects when the scanner comes back and keeps scanning', async () => {
    const { emulator, scans, statuses, lastReason } = await rig('CR')
    await emulator!.scan('BEFORE001')
    await waitFor('the first scan', () => scans.length === 1)

    await emulator!.unplug()
    await waitFor('the unplug light', () => lastReason() === 'unplugged')
    expect(statuses.at(-1)?.state).toBe('error')

    await emulator!.replug()
    await waitFor('the reconnect', () => lastReason() === 'connected')
    await emulator!.scan('AFTER0002')
    await waitFor('the second scan', () => scans.length === 2)
    expect(scans).toEqual(['BEFORE001', 'AFTER0002'])
  })

  it('connects to a configured scanner that is plugged in after the app started', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onewindow-scanner-late-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    const { scans, lastReason } = await rig('CR', { dir, startEmulator: false })
    await waitFor('the missing-port light', () => lastReason() === 'unplugged')

    const emulator = await ScannerEmulator.start({ dir, terminator: 'CR' })
    cleanups.push(() => emulator.close())
    await waitFor('the connect', () => lastReason() === 'connected')
    await emulator.scan('LATE00001')
    await waitFor('the scan', () => scans.length === 1)
    expect(scans).toEqual(['LATE00001'])
  })
})
