/**
 * The station host's guards, each reached by a request that only the guard
 * stops: a foreign Host or Origin, a missing or wrong token, and a path that
 * climbs out of the renderer's folder, sent as raw bytes so that no client
 * library tidies the path before the server sees it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startStationServer, type StationServer } from '../../../main/transport/stationServer'
import { createTestApp, type TestApp } from '../../fixtures/testApp'
import { send, sendRaw, sendRawHead, statusOf, upgradeHead } from './stationRequests'

/** Written beside the renderer's folder: any reply carrying it escaped the folder. */
const SECRET = 'SECRET-OUTSIDE-THE-RENDERER-7f3a'

describe('the station host guards', () => {
  let t: TestApp
  let server: StationServer
  let root: string

  beforeEach(async () => {
    t = await createTestApp()
    // Nobody signed in: these tests watch for a sign-in that must not happen.
    t.app.services.session.actAs(null)
    root = mkdtempSync(join(tmpdir(), 'ow-guards-'))
    const staticDir = join(root, 'renderer')
    mkdirSync(join(staticDir, 'assets'), { recursive: true })
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>OneWindow</title>')
    writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)')
    writeFileSync(join(root, 'secret.txt'), SECRET)
    server = await startStationServer(t.app, { staticDir })
  })
  afterEach(async () => {
    await server.close()
    await t.dispose()
    rmSync(root, { recursive: true, force: true })
  })

  describe('the x-onewindow-token header on /api', () => {
    it('answers 401 when it is missing or wrong, and runs nothing', async () => {
      const variants: Array<Record<string, string>> = [{}, { 'x-onewindow-token': 'wrong' }, { 'x-onewindow-token': `${server.token}x` }, { 'x-onewindow-token': '' }]
      for (const headers of variants) {
        const reply = await send(server, '/api/session.signIn', { token: null, headers, body: '{"operator":"周敏"}' })
        expect(reply.status).toBe(401)
        expect(JSON.parse(reply.body)).toEqual({ ok: false, error: { code: 'UNAUTHORIZED', message: '缺少或错误的工作站令牌' } })
      }
      expect(t.app.services.session.get().operator).toBeNull()
    })

    it('answers 200 and runs the command with the right one', async () => {
      await t.app.services.operators.add({ id: 'Z0001', name: '周敏', role: 'output', pin: '864213' }, 'test')
      const reply = await send(server, '/api/session.signIn', { token: null, headers: { 'x-onewindow-token': server.token }, body: '{"operator":"Z0001","pin":"864213"}' })
      expect(reply.status).toBe(200)
      expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { session: { operator: '周敏 Z0001', role: 'output' } } })
    })
  })

  describe('the Host header', () => {
    it('answers 403 to every request whose Host is not this host and port, page or command', async () => {
      for (const host of ['evil.example', `evil.example:${server.port}`, '127.0.0.1', `127.0.0.1:${server.port + 1}`, `127.0.0.2:${server.port}`, `[::1]:${server.port}`]) {
        expect((await send(server, '/api/system.info', { host })).status).toBe(403)
        expect((await send(server, '/', { method: 'GET', token: null, body: '', host })).status).toBe(403)
      }
    })

    it('answers 403 to a request with no Host header at all', async () => {
      const reply = await sendRawHead(server, 'GET / HTTP/1.0')
      expect(statusOf(reply)).toBe(403)
    })

    it('accepts localhost as well as 127.0.0.1 on its own port', async () => {
      expect((await send(server, '/api/system.info', { host: `localhost:${server.port}` })).status).toBe(200)
      expect((await send(server, '/api/system.info', { host: `127.0.0.1:${server.port}` })).status).toBe(200)
    })
  })

  describe('the event socket', () => {
    const own = (s: StationServer): string => `127.0.0.1:${s.port}`
    const events = (s: StationServer, token = s.token): string => `/events?token=${token}`

    it('opens with the token from its own page, from localhost, or from a client that sends no Origin', async () => {
      for (const origin of [`http://127.0.0.1:${server.port}`, `http://localhost:${server.port}`, undefined]) {
        expect(statusOf(await sendRawHead(server, upgradeHead(events(server), own(server), origin)))).toBe(101)
      }
      expect(statusOf(await sendRawHead(server, upgradeHead(events(server), `localhost:${server.port}`, undefined)))).toBe(101)
    })

    it('refuses a foreign Origin with 403 even with the right token', async () => {
      for (const origin of ['http://evil.example', `http://evil.example:${server.port}`, `http://127.0.0.1:${server.port + 1}`, `https://127.0.0.1:${server.port}`, 'null', 'file://']) {
        expect(statusOf(await sendRawHead(server, upgradeHead(events(server), own(server), origin)))).toBe(403)
      }
    })

    it('refuses a Host that is not this host and port with 403 even with the right token and Origin', async () => {
      for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, undefined]) {
        expect(statusOf(await sendRawHead(server, upgradeHead(events(server), host, `http://127.0.0.1:${server.port}`)))).toBe(403)
      }
    })

    it('refuses a missing or wrong token, or another path, with 401', async () => {
      for (const target of ['/events', events(server, 'wrong'), `/other?token=${server.token}`]) {
        expect(statusOf(await sendRawHead(server, upgradeHead(target, own(server), `http://127.0.0.1:${server.port}`)))).toBe(401)
      }
    })
  })

  describe('a path that climbs out of the renderer folder, sent as raw bytes', () => {
    const climbs = [
      '/../secret.txt',
      '/../../etc/passwd',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/%2e%2e/etc/passwd',
      '/.%2e/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets%2f..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%2e%2e%5c%2e%2e%5cetc%5cpasswd',
      '/..\\secret.txt',
      '/index.html%00.png',
      `http://127.0.0.1/../secret.txt`,
    ]

    for (const target of climbs) {
      it(`answers ${target} with 403 and nothing from outside`, async () => {
        const reply = await sendRaw(server, target)
        expect(statusOf(reply)).toBe(403)
        expect(reply).toContain('"code":"FORBIDDEN"')
        expect(reply).not.toContain(SECRET)
        expect(reply).not.toContain('root:')
      })
    }

    it('refuses the same on /api, before the token is even looked at', async () => {
      expect(statusOf(await sendRaw(server, '/api/..%2f..%2fsecret.txt'))).toBe(403)
    })

    it('still serves files inside it, and names that only contain dots', async () => {
      const asset = await sendRaw(server, '/assets/app.js')
      expect(statusOf(asset)).toBe(200)
      expect(asset).toContain('console.log(1)')
      // Double-encoded dots are decoded once: a file literally named `%2e%2e`, absent, so the page itself.
      for (const target of ['/assets/..app.js', '/%252e%252e/secret.txt', '/...']) {
        const reply = await sendRaw(server, target)
        expect(statusOf(reply)).toBe(200)
        expect(reply).not.toContain(SECRET)
      }
    })
  })
})
