/**
 * A kiosk's URL survives a restart: the station host keeps its token in the
 * data directory (mode 0600), reuses it at every start, and `station token
 * --renew` replaces it — a running host switches at once, so the old URL stops
 * working. The CLI's port is fixed (DEFAULT_STATION_PORT) unless --port; a
 * taken port is one clear line. Tests listen on port 0, never on the fixed one.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import { runCli } from '../../main/cli'
import { DEFAULT_STATION_PORT, startStation, type Station } from '../../main/station'
import { stationTokenPath } from '../../main/transport/stationToken'
import { captureConsole } from '../fixtures/captureConsole'
import { waitFor } from '../fixtures/waitFor'

const dirs: string[] = []
const stations: Station[] = []
const servers: Server[] = []

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ow-token-'))
  dirs.push(dir)
  return dir
}

async function start(dir: string): Promise<Station> {
  const station = await startStation({ dataDir: dir, port: 0 })
  stations.push(station)
  return station
}

async function stop(station: Station): Promise<void> {
  stations.splice(stations.indexOf(station), 1)
  await station.stop()
}

async function statusWith(station: Station, token: string): Promise<number> {
  const res = await fetch(`${station.server.url}api/system.info`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: '{}' })
  await res.arrayBuffer()
  return res.status
}

function tokenOf(url: string): string {
  return /#token=([A-Za-z0-9_-]+)$/.exec(url)![1]!
}

afterEach(async () => {
  vi.restoreAllMocks()
  for (const station of stations.splice(0)) await station.stop()
  for (const server of servers.splice(0)) server.close()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('the station host token kept in the data directory', () => {
  it('is created on first start, readable by its user only, and the same after a restart', async () => {
    const dir = dataDir()
    const first = await start(dir)
    const token = first.server.token
    expect(readFileSync(stationTokenPath(dir), 'utf8').trim()).toBe(token)
    expect(statSync(stationTokenPath(dir)).mode & 0o777).toBe(0o600)
    await stop(first)

    const second = await start(dir)
    expect(second.server.token).toBe(token)
    expect(tokenOf(second.server.openUrl)).toBe(token)
    expect(await statusWith(second, token)).toBe(200)
  })

  it('is made private again when found readable by others', async () => {
    const dir = dataDir()
    writeFileSync(stationTokenPath(dir), 'AbCdEfGhIjKlMnOpQrStUvWxYz012345\n', { mode: 0o644 })
    chmodSync(stationTokenPath(dir), 0o644)
    const station = await start(dir)
    expect(station.server.token).toBe('AbCdEfGhIjKlMnOpQrStUvWxYz012345')
    expect(statSync(stationTokenPath(dir)).mode & 0o777).toBe(0o600)
  })

  it('refuses to start on a broken token file, naming the file and the command that renews it', async () => {
    const dir = dataDir()
    writeFileSync(stationTokenPath(dir), 'short', { mode: 0o600 })
    await expect(startStation({ dataDir: dir, port: 0 })).rejects.toThrow(`工作站令牌文件 ${stationTokenPath(dir)} 内容无效：运行 npm run cli -- station token --renew --data ${dir}`)
  })

  it('prints the kept URL on the fixed default port with `station token`', async () => {
    const dir = dataDir()
    const station = await start(dir)
    const { out } = captureConsole()
    expect(await runCli(['station', 'token', '--data', dir])).toBe(0)
    expect(out).toEqual([`http://127.0.0.1:${DEFAULT_STATION_PORT}/#token=${station.server.token}`])
  })

  it('is renewed by `station token --renew`: a running host drops the old token at once and takes the new one', async () => {
    const dir = dataDir()
    const station = await start(dir)
    const old = station.server.token
    const events = new WebSocket(`ws://127.0.0.1:${station.server.port}/events?token=${old}`)
    await new Promise((resolve, reject) => events.once('open', resolve).once('error', reject))
    const closed = new Promise((resolve) => events.once('close', resolve))

    const { out, err } = captureConsole()
    expect(await runCli(['station', 'token', '--renew', '--data', dir, '--port', String(station.server.port)])).toBe(0)
    const renewed = tokenOf(out[0]!)
    expect(out[0]).toBe(`http://127.0.0.1:${station.server.port}/#token=${renewed}`)
    expect(renewed).not.toBe(old)
    expect(err.join('\n')).toContain('旧网址已失效')
    expect(readFileSync(stationTokenPath(dir), 'utf8').trim()).toBe(renewed)

    await waitFor('the running host to take the renewed token', () => station.server.token === renewed)
    expect(await statusWith(station, old)).toBe(401)
    expect(await statusWith(station, renewed)).toBe(200)
    await closed // the event socket opened with the old token is cut
    expect(tokenOf(station.server.openUrl)).toBe(renewed)
  })
})

describe('the station host port', () => {
  it('is 17800 by default, documented in README', () => {
    expect(DEFAULT_STATION_PORT).toBe(17800)
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8')
    expect(readme.includes(`127.0.0.1:${DEFAULT_STATION_PORT}`), 'README names the default port').toBe(true)
  })

  it('when taken, makes `station` fail with one line naming the port and what to do', async () => {
    const holder = createServer()
    servers.push(holder)
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve))
    const port = (holder.address() as { port: number }).port
    const { err } = captureConsole()
    expect(await runCli(['station', '--port', String(port), '--data', dataDir()])).toBe(1)
    expect(err).toEqual([`失败：端口 ${port} 已被占用（可能另一个工作站主机正在运行）：先关闭它，或用 --port N 换一个端口`])
  })

  it('rejects a --port that is no port', async () => {
    const { err } = captureConsole()
    expect(await runCli(['station', '--port', '70000', '--data', dataDir()])).toBe(1)
    expect(err).toEqual(['--port 应为 0–65535 的整数（0 = 任一空闲端口），收到 70000'])
  })
})
