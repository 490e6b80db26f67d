/**
 * The station host's pairing token, kept in the data directory so that a
 * kiosk's URL (fixed port + this token) still works after a restart. Whoever
 * reads it can drive the counter: the file is mode 0600, and a looser mode
 * found at start is tightened. Renewing replaces it; a running host watches
 * the file and switches at once, so the old URL stops working immediately.
 */
import { randomBytes } from 'node:crypto'
import { chmodSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, watch, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const STATION_TOKEN_FILE = 'station-token'

/** What we write (24 random bytes, base64url) and what the renderer's URL parser accepts. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,128}$/

export function stationTokenPath(dataDir: string): string {
  return join(dataDir, STATION_TOKEN_FILE)
}

function newToken(): string {
  return randomBytes(24).toString('base64url')
}

/** Written whole to a private temp file first: a reader never sees half a token or a readable mode. */
function writeTemp(dataDir: string, token: string): string {
  mkdirSync(dataDir, { recursive: true })
  const temp = `${stationTokenPath(dataDir)}.${process.pid}.tmp`
  rmSync(temp, { force: true })
  writeFileSync(temp, `${token}\n`, { mode: 0o600, flag: 'wx' })
  return temp
}

function readToken(dataDir: string): string {
  const file = stationTokenPath(dataDir)
  const token = readFileSync(file, 'utf8').trim()
  if (!TOKEN_PATTERN.test(token)) {
    throw new Error(`工作站令牌文件 ${file} 内容无效：运行 npm run cli -- station token --renew --data ${dataDir} 重新生成`)
  }
  return token
}

/** The kept token; on first start a new one (two hosts starting at once agree on the one that landed first). */
export function loadStationToken(dataDir: string): string {
  const file = stationTokenPath(dataDir)
  let token: string
  try {
    token = readToken(dataDir)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === undefined) throw err // the file is there but holds no valid token: its own message says what to do
    if (code !== 'ENOENT') throw new Error(`读不到工作站令牌文件 ${file}：${(err as Error).message}`, { cause: err })
    const temp = writeTemp(dataDir, newToken())
    try {
      linkSync(temp, file) // fails with EEXIST where another start won the race: then read theirs
    } catch (linkErr) {
      if ((linkErr as NodeJS.ErrnoException).code !== 'EEXIST') throw linkErr
    } finally {
      rmSync(temp, { force: true })
    }
    token = readToken(dataDir)
  }
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600)
  return token
}

/** Replaces the kept token (atomically) and returns the new one. */
export function renewStationToken(dataDir: string): string {
  const token = newToken()
  renameSync(writeTemp(dataDir, token), stationTokenPath(dataDir))
  return token
}

/**
 * Calls onChange with the new token whenever the file is replaced with a valid
 * one (`station token --renew` while the host runs). A deleted or broken file
 * changes nothing: the host keeps the token it has. Returns the stop function.
 */
export function watchStationToken(dataDir: string, current: string, onChange: (token: string) => void): () => void {
  let known = current
  const watcher = watch(dataDir, { persistent: false }, (_event, name) => {
    if (name !== STATION_TOKEN_FILE) return
    let token: string
    try {
      token = readToken(dataDir)
    } catch {
      return
    }
    if (token === known) return
    known = token
    onChange(token)
  })
  // A watch that fails later (the folder removed) only means no live renewal: never a crash.
  watcher.on('error', () => watcher.close())
  return () => watcher.close()
}
