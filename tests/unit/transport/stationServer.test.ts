import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startStationServer, type StationServer } from '../../../main/transport/stationServer'
import { createTestApp, type TestApp } from '../../fixtures/testApp'
import { send, sendRaw } from './stationRequests'

const LIMIT_BYTES = 12 * 1024 * 1024 // MAX_BODY_BYTES in stationServer.ts

/** A JSON body a little over the limit, like an oversized document-camera photo in base64. */
function oversizedPhotoBody(): string {
  return `{"photo":"${'A'.repeat(LIMIT_BYTES + 64 * 1024)}"}`
}

describe('the station host transport', () => {
  let t: TestApp
  let server: StationServer
  let staticDir: string

  beforeEach(async () => {
    t = await createTestApp()
    // Nobody signed in: these tests watch for a sign-in that must not happen.
    t.app.services.session.actAs(null)
    staticDir = mkdtempSync(join(tmpdir(), 'ow-static-'))
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>OneWindow</title>')
    server = await startStationServer(t.app, { staticDir })
  })
  afterEach(async () => {
    await server.close()
    await t.dispose()
  })

  it('listens on 127.0.0.1 only and prints a URL carrying the token in its fragment', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`)
    expect(server.openUrl).toBe(`${server.url}#token=${server.token}`)
    expect(server.token.length).toBeGreaterThanOrEqual(32)
  })

  it('runs a command with the token', async () => {
    const reply = await send(server, '/api/system.info')
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { transport: 'station', stationId: '001' } })
  })

  it('answers 401 without the token or with a wrong one, and runs nothing', async () => {
    for (const token of [null, 'wrong', `${server.token}x`]) {
      const reply = await send(server, '/api/session.signIn', { token, body: '{"operator":"x"}' })
      expect(reply.status).toBe(401)
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    }
    expect(t.app.services.session.get().operator).toBeNull()
  })

  it('answers 404 with a typed error for an unknown command', async () => {
    const reply = await send(server, '/api/nothing.here')
    expect(reply.status).toBe(404)
    expect(JSON.parse(reply.body).error).toEqual({ code: 'UNKNOWN_COMMAND', message: '未知命令：nothing.here' })
  })

  it('answers 400 naming the field for an input that fails the schema', async () => {
    const reply = await send(server, '/api/session.signIn', { body: '{"operator":""}' })
    expect(reply.status).toBe(400)
    expect(JSON.parse(reply.body).error).toMatchObject({ code: 'BAD_INPUT', field: 'operator' })
  })

  it('answers 400 for a body that is not JSON and 405 for a GET', async () => {
    const bad = await send(server, '/api/session.signIn', { body: '{operator:' })
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.body).error.message).toBe('请求体不是合法的 JSON')
    const get = await send(server, '/api/system.info', { method: 'GET', body: '' })
    expect(get.status).toBe(405)
  })

  it('refuses a foreign Host header (DNS rebinding) before anything else', async () => {
    const reply = await send(server, '/api/system.info', { host: 'evil.example:80' })
    expect(reply.status).toBe(403)
  })

  it('serves the built renderer with a strict CSP, and never a file outside it', async () => {
    const page = await send(server, '/', { method: 'GET', token: null, body: '' })
    expect(page.status).toBe(200)
    expect(page.body).toContain('OneWindow')
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'")
    const escape = await send(server, '/../../etc/passwd', { method: 'GET', token: null, body: '' })
    expect(escape.body).not.toContain('root:')
  })

  it('pushes events over the WebSocket only to a client with the token', async () => {
    await expect(
      new Promise((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${server.port}/events?token=nope`)
        ws.on('open', () => reject(new Error('opened without the token')))
        ws.on('error', resolve)
      }),
    ).resolves.toBeDefined()

    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/events?token=${server.token}`)
    await new Promise((resolve) => ws.on('open', resolve))
    const received = new Promise<unknown>((resolve) => ws.on('message', (data) => resolve(JSON.parse(String(data)))))
    t.app.services.devices.report('network', { state: 'warning', message: '网络不稳定', reason: 'flaky' })
    expect(await received).toEqual({ name: 'device.status', payload: expect.objectContaining({ device: 'network', reason: 'flaky' }) })
    ws.close()
  })

  it('answers 401 without the token and 400 with it for a command name that is not valid URL encoding, and keeps running', async () => {
    const stranger = await send(server, '/api/%zz', { token: null })
    expect(stranger.status).toBe(401)
    expect(JSON.parse(stranger.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } })
    const reply = await send(server, '/api/session.%E0')
    expect(reply.status).toBe(400)
    expect(JSON.parse(reply.body)).toEqual({ ok: false, error: { code: 'BAD_INPUT', message: '命令名不是合法的 URL 编码：session.%E0' } })
    expect((await send(server, '/api/system.info')).status).toBe(200)
  })

  it('answers 400 for a page path that is not valid URL encoding, and keeps running', async () => {
    const reply = await send(server, '/%zz', { method: 'GET', token: null, body: '' })
    expect(reply.status).toBe(400)
    expect(JSON.parse(reply.body).error).toEqual({ code: 'BAD_INPUT', message: '路径不是合法的 URL 编码：/%zz' })
    const page = await send(server, '/', { method: 'GET', token: null, body: '' })
    expect(page.status).toBe(200)
  })

  it('answers 413 naming the limit, on a connection it closes itself, for a body whose declared length is over the limit', async () => {
    const reply = await send(server, '/api/session.signIn', { body: oversizedPhotoBody() })
    expect(reply.status).toBe(413)
    expect(reply.headers.connection).toBe('close')
    expect(JSON.parse(reply.body)).toEqual({
      ok: false,
      error: { code: 'BAD_INPUT', message: '请求体超过 12 MB 上限，未处理（照片或文件过大）' },
    })
    expect((await send(server, '/api/system.info')).status).toBe(200)
  })

  it('answers 413 for a streamed body that only turns out to be over the limit while it arrives', async () => {
    const body = oversizedPhotoBody()
    const chunks: string[] = []
    for (let at = 0; at < body.length; at += 1024 * 1024) chunks.push(body.slice(at, at + 1024 * 1024))
    const reply = await send(server, '/api/session.signIn', { chunks })
    expect(reply.status).toBe(413)
    expect(JSON.parse(reply.body).error.message).toContain('12 MB')
    expect(t.app.services.session.get().operator).toBeNull()
    expect((await send(server, '/api/system.info')).status).toBe(200)
  })

  it('answers a request target that is not a URL at all (`//[`) with 400, or 401 as an upgrade, and keeps running', async () => {
    const plain = await sendRaw(server, '//[')
    expect(plain).toMatch(/^HTTP\/1\.1 400 /)
    expect(plain).toContain('"code":"BAD_INPUT"')
    const upgrade = await sendRaw(
      server,
      '//[',
      'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n',
    )
    expect(upgrade).toMatch(/^HTTP\/1\.1 401 /)
    expect((await send(server, '/api/system.info')).status).toBe(200)
  })
})
