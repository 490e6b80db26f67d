/**
 * A connected pair of pseudo-terminals made by socat: the app opens one end
 * as if it were the reader's COM port, an emulator opens the other. Killing
 * socat removes both ends — exactly what a USB unplug looks like to a driver.
 */
import type { ChildProcess } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { spawnBound } from '../devices/boundChild'

/** socat is not installed: the emulator cannot make a serial port. */
export class SocatMissingError extends Error {
  constructor() {
    super('找不到 socat：模拟的串口设备（读卡器、扫码枪）需要它创建虚拟串口（请安装：apt-get install socat）')
    this.name = 'SocatMissingError'
  }
}

export interface PtyPairOptions {
  dir: string
  appName?: string
  devName?: string
  /** How long socat may take to create both links. */
  startTimeoutMs?: number
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export class PtyPair {
  private exited = false
  private readonly exitListeners = new Set<() => void>()

  private constructor(
    private readonly child: ChildProcess,
    readonly appPath: string,
    readonly devPath: string,
  ) {
    child.once('exit', () => {
      this.exited = true
      for (const listener of this.exitListeners) listener()
    })
  }

  static async open(options: PtyPairOptions): Promise<PtyPair> {
    const appPath = join(options.dir, options.appName ?? 'ttyApp')
    const devPath = join(options.dir, options.devName ?? 'ttyDev')
    // Stale links from a socat killed hard would make us "see" the pair before it exists.
    rmSync(appPath, { force: true })
    rmSync(devPath, { force: true })
    // Bound to our life: a crashed or killed host must not leave socat holding the ptys.
    const child = spawnBound('socat', ['-d', '-d', `pty,raw,echo=0,link=${appPath}`, `pty,raw,echo=0,link=${devPath}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      // Keep only the tail: socat -d -d is chatty and this lives as long as the pair.
      stderr = (stderr + chunk.toString()).slice(-2000)
    })
    const spawnError = new Promise<Error>((resolve) => child.once('error', resolve))
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    const deadline = Date.now() + (options.startTimeoutMs ?? 5000)
    for (;;) {
      if (existsSync(appPath) && existsSync(devPath)) return new PtyPair(child, appPath, devPath)
      const early = await Promise.race([spawnError, exited.then((code) => ({ code })), sleep(10).then(() => null)])
      if (early instanceof Error) {
        if ((early as NodeJS.ErrnoException).code === 'ENOENT') throw new SocatMissingError()
        throw new Error(`socat 启动失败：${early.message}`)
      }
      if (early !== null) throw new Error(`socat 意外退出（退出码 ${String(early.code)}）：${lastLine(stderr)}`)
      if (Date.now() > deadline) {
        child.kill('SIGKILL')
        throw new Error(`socat 在 ${options.startTimeoutMs ?? 5000} ms 内没有创建虚拟串口 ${appPath}`)
      }
    }
  }

  get isOpen(): boolean {
    return !this.exited
  }

  onExit(listener: () => void): () => void {
    this.exitListeners.add(listener)
    return () => this.exitListeners.delete(listener)
  }

  /** Stops socat (which removes both links) and waits for it; safe to call twice. */
  async close(): Promise<void> {
    if (!this.exited) {
      const gone = new Promise<void>((resolve) => this.onExit(resolve))
      this.child.kill('SIGTERM')
      const timedOut = await Promise.race([gone.then(() => false), sleep(2000).then(() => true)])
      if (timedOut) {
        this.child.kill('SIGKILL')
        await gone
      }
    }
    // SIGKILL leaves the links behind; a replug must not find stale ones.
    rmSync(this.appPath, { force: true })
    rmSync(this.devPath, { force: true })
  }
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n')
  return lines[lines.length - 1] ?? ''
}
