/**
 * Debian's Chromium, headless, as the A4 printer of the station host and the
 * emulator's camera: HTML in, PDF or PNG out. One run at a time (a 2-core
 * counter PC), a private profile per run (parallel runs must not share a
 * profile lock), and a deadline after which the process group is killed.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { spawnBound } from '../boundChild'

export class ChromiumError extends Error {
  override name = 'ChromiumError'
}

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable']

/** ONEWINDOW_CHROMIUM, else the first browser found in the usual places. */
export function findChromium(): string | null {
  const fromEnv = process.env.ONEWINDOW_CHROMIUM
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null
  return candidates.find((path) => existsSync(path)) ?? null
}

let chain: Promise<unknown> = Promise.resolve()

/** Runs one job after the previous one finished, whatever its outcome. */
function serial<T>(work: () => Promise<T>): Promise<T> {
  const next = chain.then(work, work)
  chain = next.catch(() => undefined)
  return next
}

function run(executable: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    // detached: its own process group, so a timeout can take the renderer and GPU children with it.
    // Bound: if the host dies mid-render, the kernel (or the exit hook) kills Chromium too.
    const child = spawnBound(executable, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true, deathSignal: 'SIGKILL' })
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000)
    })
    const timer = setTimeout(() => {
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL')
        } catch {
          // already gone
        }
      }
      reject(new ChromiumError(`Chromium ${Math.round(timeoutMs / 1000)} 秒内没有完成渲染`))
    }, timeoutMs)
    child.once('error', (err) => {
      clearTimeout(timer)
      reject(new ChromiumError(`无法启动 Chromium（${executable}）：${err.message}`))
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      if (code === 0) resolve()
      else reject(new ChromiumError(`Chromium 退出码 ${code ?? 'null'}：${stderr.split('\n').filter((l) => !/dbus|bus\.cc/.test(l)).slice(-3).join(' ')}`))
    })
  })
}

async function render(html: string, flags: (outFile: string) => string[], outName: string, timeoutMs: number): Promise<Buffer> {
  const executable = findChromium()
  if (!executable) throw new ChromiumError('找不到 Chromium（安装 chromium 或设置 ONEWINDOW_CHROMIUM）')
  return serial(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'onewindow-print-'))
    try {
      const page = join(dir, 'page.html')
      const out = join(dir, outName)
      await writeFile(page, html, 'utf8')
      await run(
        executable,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--hide-scrollbars',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--mute-audio',
          `--user-data-dir=${join(dir, 'profile')}`,
          ...flags(out),
          pathToFileURL(page).href,
        ],
        timeoutMs,
      )
      if (!existsSync(out)) throw new ChromiumError('Chromium 没有写出文件')
      return await readFile(out)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
}

/** A PDF of the page, page size from its CSS `@page`, without Chromium's header and footer. */
export function htmlToPdf(html: string, timeoutMs = 30_000): Promise<Buffer> {
  return render(html, (out) => ['--no-pdf-header-footer', `--print-to-pdf=${out}`], 'page.pdf', timeoutMs)
}

/** A PNG screenshot of exactly width × height CSS pixels. */
export function htmlToPng(html: string, size: { width: number; height: number }, timeoutMs = 30_000): Promise<Buffer> {
  const width = Math.max(16, Math.round(size.width))
  const height = Math.max(16, Math.round(size.height))
  return render(html, (out) => [`--window-size=${width},${height}`, '--force-device-scale-factor=1', `--screenshot=${out}`], 'page.png', timeoutMs)
}
