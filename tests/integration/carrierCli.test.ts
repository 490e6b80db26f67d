import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'
import { SfHttpAdapter } from '../../main/dispatch/sfHttpAdapter'
import { IdCipher } from '../../main/store/idCipher'
import { FileKeyProvider } from '../../main/store/keyProviders'
import { StationSecrets } from '../../main/store/stationSecrets'
import { shipmentRequest, SIM_START } from '../fixtures/carrierSimHarness'
import { waitFor } from '../fixtures/waitFor'

const children: ChildProcess[] = []
const dirs: string[] = []
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const env = { ...process.env, LANG: 'zh_CN.UTF-8', LC_ALL: '', LC_MESSAGES: '' }

function cli(args: string[]): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli.ts', ...args], { stdio: ['pipe', 'pipe', 'pipe'], env })
  children.push(child)
  return child
}

describe('npm run cli -- emulate carrier', () => {
  it('prints URL, partner, check word and admin token, serves a real create, and stops cleanly on SIGTERM', async () => {
    const child = cli(['emulate', 'carrier', '--port', '0', '--partner', 'OWDEMO', '--admin-token', 'adm1n'])
    let stderr = ''
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    const lines: string[] = []
    createInterface({ input: child.stdout! }).on('line', (line) => lines.push(line))
    await waitFor('the four stdout lines', () => lines.length >= 4)
    const [url, partnerLine, checkWordLine, adminLine] = lines
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(partnerLine).toBe('partnerId=OWDEMO')
    expect(adminLine).toBe('adminToken=adm1n')
    const checkWord = checkWordLine!.replace(/^checkWord=/, '')
    expect(checkWord).toMatch(/^[0-9a-f]{32}$/)

    // The station's clock and the carrier's agree on a fixed moment: no dependence on today.
    const clock = await fetch(`${url}/__sim/clock`, { method: 'POST', headers: { 'x-sim-admin': 'adm1n', 'content-type': 'application/json' }, body: JSON.stringify({ set: SIM_START.toISOString() }) })
    expect(clock.status).toBe(200)
    const adapter = new SfHttpAdapter({ url: url!, partnerId: 'OWDEMO', checkWord, monthlyCard: '7551234567' })
    const created = await adapter.createShipment(shipmentRequest(), { requestId: 'cli', deadlineMs: Date.now() + 10_000, now: () => SIM_START })
    expect(created.waybillNo).toBe('SF1000000000011')

    child.stdin!.write('status\n')
    await waitFor('the status line', () => stderr.includes('1 个订单'))
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    expect(await exit).toBe(0)
    expect(stderr).toContain('承运商模拟器已停止（SIGTERM），共 1 个订单')
  })

  it('refuses an unknown duplicate mode with one line', async () => {
    const child = cli(['emulate', 'carrier', '--duplicate-mode', 'ignore'])
    let stderr = ''
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
    expect(code).toBe(2)
    expect(stderr.trim()).toBe('--duplicate-mode 应为 reject_8016 或 return_first，收到 "ignore"')
  })
})

describe('npm run cli -- carrier secret set', () => {
  it("seals the check word read from stdin into the station's key store and never prints it", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ow-carrier-cli-'))
    dirs.push(dataDir)
    const child = cli(['carrier', 'secret', 'set', '--data', dataDir, '--ref', 'carrier.sf'])
    let stdout = ''
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
    child.stdin!.end('Sup3r-Check-Word\n')
    expect(await new Promise<number | null>((resolve) => child.once('exit', resolve))).toBe(0)
    expect(stdout).toContain('已存入密钥 carrier.sf')
    expect(stdout).not.toContain('Sup3r-Check-Word')
    const secrets = new StationSecrets(dataDir, new IdCipher(new FileKeyProvider(dataDir).masterKey()))
    expect(secrets.get('carrier.sf')).toBe('Sup3r-Check-Word')
    expect(readFileSync(secrets.file, 'utf8')).not.toContain('Sup3r')
  })
})
