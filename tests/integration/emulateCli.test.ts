/**
 * The `emulate …` commands as an installer runs them (main/cli/emulatorRun.ts):
 * the address alone on the first stdout line, then ready and the console's
 * commands on stderr; console lines handled in order, a mistyped one refused
 * with the commands there are; `quit` stops it with a summary and exit 0.
 */
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { spawnCli } from '../fixtures/cliRun'
import { exitOf } from '../fixtures/processTree'

const children: ChildProcess[] = []
const dirs: string[] = []
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** Runs the command with this console script to its end: exit code and what it printed, line by line. */
async function session(args: string[], script: string[]): Promise<{ code: number | null; out: string[]; err: string[] }> {
  const child = spawnCli(args, script.map((line) => `${line}\n`).join(''))
  children.push(child)
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')))
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  const { code } = await exitOf(child)
  const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '')
  return { code, out: lines(stdout), err: lines(stderr) }
}

const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-emulate-cli-'))
  dirs.push(dir)
  return dir
}

describe('npm run cli -- emulate …', () => {
  it('runs the platform emulator: URL and admin token, online cases made at its console, a mistyped command refused, a summary on quit', async () => {
    const run = await session(['emulate', 'upstream', '--admin-token', 'adm1n'], ['online XK00201004 window', 'frobnicate now', 'status', 'quit'])
    expect(run.code).toBe(0)
    expect(run.out).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), 'adminToken=adm1n'])
    expect(run.err).toEqual([
      expect.stringMatching(/^政务服务平台模拟器就绪：http:\/\/127\.0\.0\.1:\d+\/api\/v1\/\*/),
      '命令：status | online 事项编码 window|express [证照类型] [工作站] | ready 平台办件编号 | quit',
      expect.stringMatching(/^网上办件 \S+：申请人 网办申请人1，已准予并制证，通知 /),
      '失败：未知命令 "frobnicate now"：可用 status | online 事项编码 window|express [证照类型] [工作站] | ready 平台办件编号 | quit',
      '0 个工作站已登记，0 条办件事件，0 次调用，0 条故障规则待用',
      '政务服务平台模拟器已停止（quit），共存 0 条办件事件',
    ])
  })

  it('runs the printer emulator: its address, its commands answered, a command with words after it refused, a summary on exit', async () => {
    const run = await session(['emulate', 'printer', '--port', '0', '--no-png', '--out', tempDir()], ['paper-out', 'offline now', 'status', 'exit'])
    expect(run.code).toBe(0)
    expect(run.out).toEqual([expect.stringMatching(/^tcp:\/\/127\.0\.0\.1:\d+$/)])
    // The emulator's own log lines ([printer :port] …) aside.
    expect(run.err.slice(1).filter((line) => !line.startsWith('[printer'))).toEqual([
      '命令：offline | online | paper-out | paper-in | status | quit',
      '已缺纸：状态查询报缺纸，收到的作业不打印',
      '失败：未知命令 "offline now"：可用 offline | online | paper-out | paper-in | status | quit',
      '联机，缺纸，已打印 0，拒绝 0',
      '打印机模拟器已停止（quit），共打印 0 个作业，拒绝 0 个',
    ])
  })

  it('runs the card reader emulator on a pseudo-terminal: its path, then its cards listed, a mistyped command refused by its word', async () => {
    const run = await session(['emulate', 'idcard', '--dir', tempDir()], ['list', 'frobnicate now', 'quit'])
    expect(run.code).toBe(0)
    expect(run.out[0]).toMatch(/^\//)
    expect(run.out.length).toBeGreaterThan(1)
    expect(run.err).toContain('失败：未知命令 "frobnicate"：可用 place N | remove | fault KIND | list | quit')
    expect(run.err.at(-1)).toBe('模拟阅读器已停止（quit）')
  })

  it('refuses to start on a port another server holds, in one line', async () => {
    const first = spawnCli(['emulate', 'upstream', '--port', '0'])
    children.push(first)
    const url = await new Promise<string>((resolve) => first.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString('utf8').split('\n')[0]!)))
    const port = new URL(url).port
    const run = await session(['emulate', 'upstream', '--port', port], [])
    expect(run.code).toBe(1)
    expect(run.out).toEqual([])
    expect(run.err).toEqual([expect.stringMatching(new RegExp(`^政务服务平台模拟器无法在端口 ${port} 监听：.*EADDRINUSE`))])
  })
})
