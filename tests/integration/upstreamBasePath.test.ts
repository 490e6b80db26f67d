/**
 * A platform reached under a path of its own (`https://zwfw.example.gov.cn/ow`,
 * the form docs/upstream.md gives): the signature covers the path the
 * platform receives, base path included, or it would refuse every request.
 */
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, expect, it } from 'vitest'
import { UpstreamClient } from '../../main/upstream/upstreamClient'
import { privateKeyOfSeed, publicKeyOfRaw, rawPublicKey, signatureHeaders, verifyRequest } from '../../main/upstream/upstreamSignature'

const closers: Array<() => void> = []
afterEach(() => {
  for (const close of closers.splice(0)) close()
})

it('signs the path as the platform receives it, the base URL’s own path included', async () => {
  const seen: Array<{ url: string; headers: IncomingHttpHeaders }> = []
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers })
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'OK', notices: [], cursor: 'c0', more: false }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(() => server.close())
  const privateKey = privateKeyOfSeed(randomBytes(32))
  const client = new UpstreamClient({
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ow/`,
    stationId: '001',
    key: { privateKey, keyId: '001-k1' },
    timeoutMs: 5_000,
    clock: { now: () => new Date('2026-11-25T07:00:00.000Z') },
  })
  await client.fetchNotices(null, 50)
  const [request] = seen
  expect(request!.url).toBe('/ow/api/v1/notices?limit=50')
  const header = (name: string): string => String(request!.headers[name])
  const parts = { method: 'GET', path: request!.url, station: header(signatureHeaders.station), keyId: header(signatureHeaders.keyId), timestamp: header(signatureHeaders.timestamp), idempotencyKey: '', body: Buffer.alloc(0) }
  expect(verifyRequest(parts, header(signatureHeaders.signature), publicKeyOfRaw(rawPublicKey(privateKey)))).toBe(true)
})
