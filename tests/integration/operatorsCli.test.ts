import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../main/cli'
import { parseStationConfig } from '../../main/config/stationConfig'
import { createApp } from '../../main/app'
import { captureConsole } from '../fixtures/captureConsole'

describe('operators add, disable and reset-pin on a data directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ow-operators-cli-'))
  afterEach(() => vi.restoreAllMocks())
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  async function signInOnStation(operator: string, pin: string): Promise<{ ok: boolean; code?: string; role?: string }> {
    const app = await createApp(parseStationConfig({ devices: { idcard: { mode: 'off' } } }, dir))
    try {
      const result = await app.dispatcher.invoke('session.signIn', { operator, pin }, { transport: 'station' })
      return result.ok ? { ok: true, role: (result.value as { session: { role: string } }).session.role } : { ok: false, code: result.error.code }
    } finally {
      await app.close()
    }
  }

  it('makes an account the station signs in with, disables it, and gives it a new PIN', async () => {
    const { out, err } = captureConsole()
    expect(await runCli(['operators', 'add', '--data', dir, '--id', 'b0042', '--name', '陈静', '--role', 'supervisor', '--pin', '864213'])).toBe(0)
    expect(out.at(-1)).toBe('已添加：B0042 陈静（值班长，在用）')
    expect(await signInOnStation('B0042', '864213')).toEqual({ ok: true, role: 'supervisor' })

    expect(await runCli(['operators', 'add', '--data', dir, '--id', 'A0123', '--name', '王晓明', '--role', 'window', '--pin', '753951'])).toBe(0)
    expect(await runCli(['operators', 'disable', '--data', dir, '--id', 'A0123'])).toBe(0)
    expect(await signInOnStation('A0123', '753951')).toEqual({ ok: false, code: 'UNAUTHORIZED' })
    expect(await runCli(['operators', 'enable', '--data', dir, '--id', 'A0123'])).toBe(0)

    process.env.OW_TEST_PIN = '426153'
    expect(await runCli(['operators', 'reset-pin', '--data', dir, '--id', 'A0123', '--pin-env', 'OW_TEST_PIN'])).toBe(0)
    delete process.env.OW_TEST_PIN
    expect(await signInOnStation('A0123', '753951')).toEqual({ ok: false, code: 'UNAUTHORIZED' })
    expect(await signInOnStation('A0123', '426153')).toEqual({ ok: true, role: 'window' })
    expect(err).toEqual([])
  })

  it('refuses a weak PIN, an unknown role, a taken id and a missing account with one line each', async () => {
    const { err } = captureConsole()
    expect(await runCli(['operators', 'add', '--data', dir, '--id', 'X1', '--name', '甲', '--role', 'window', '--pin', '123456'])).toBe(2)
    expect(await runCli(['operators', 'add', '--data', dir, '--id', 'X1', '--name', '甲', '--role', 'boss', '--pin', '864213'])).toBe(2)
    expect(await runCli(['operators', 'add', '--data', dir, '--id', 'B0042', '--name', '甲', '--role', 'window', '--pin', '864213'])).toBe(1)
    expect(await runCli(['operators', 'disable', '--data', dir, '--id', 'NOPE1'])).toBe(1)
    expect(err).toEqual([
      expect.stringContaining('密码不能是连续数字'),
      expect.stringContaining('岗位“boss”无效'),
      expect.stringContaining('工号 B0042 已存在'),
      expect.stringContaining('没有工号为 NOPE1 的工作人员'),
    ])
  })
})
