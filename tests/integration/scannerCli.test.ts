import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'
import { SerialScanner } from '../../main/devices/scanner/serialScanner'
import { waitFor } from '../fixtures/waitFor'

const children: ChildProcess[] = []
const drivers: SerialScanner[] = []
afterEach(async () => {
  for (const driver of drivers.splice(0)) await driver.stop()
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})

describe('npm run cli -- emulate scanner', () => {
  it('prints the device path, scans each stdin line with the suffix, and cleans up on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli.ts', 'emulate', 'scanner', '--terminator', 'crlf'], { stdio: ['pipe', 'pipe', 'pipe'] })
    children.push(child)
    const lines = createInterface({ input: child.stdout! })
    const devicePath = await new Promise<string>((resolve, reject) => {
      lines.once('line', resolve)
      child.once('exit', (code) => reject(new Error(`emulator exited early (${code})`)))
    })
    expect(devicePath).toMatch(/ttyApp$/)
    expect(existsSync(devicePath)).toBe(true)

    const scans: string[] = []
    const driver = new SerialScanner({ port: devicePath, baudRate: 115200, terminator: 'CRLF', onScan: (text) => scans.push(text), onStatus: () => undefined })
    drivers.push(driver)
    driver.start()
    await waitFor('the driver to open the port', () => driver.status?.reason === 'connected')

    let stderr = ''
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    // A mistyped console command between two codes is refused, never scanned.
    child.stdin!.write('32030020261126001\n:unplg\nSF1234567890123\n')
    await waitFor('two scans', () => scans.length === 2)
    expect(scans).toEqual(['32030020261126001', 'SF1234567890123'])
    expect(stderr).toContain('未知的命令 :unplg')

    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    child.kill('SIGTERM')
    expect(await exit).toBe(0)
    // socat went with it: the pty link is gone.
    expect(existsSync(devicePath)).toBe(false)
  })

  it('refuses an unknown suffix with one line on stderr', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli.ts', 'emulate', 'scanner', '--terminator', 'ETX'], { stdio: ['ignore', 'pipe', 'pipe'] })
    children.push(child)
    let stderr = ''
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
    expect(code).toBe(1)
    expect(stderr.trim()).toBe('--terminator 应为 CR、LF、CRLF、TAB、NONE 之一，收到 "ETX"')
  })
})
