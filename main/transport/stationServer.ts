/**
 * The station host's transport: the same contract as Electron IPC, served as
 * `POST /api/<command>` plus one WebSocket (`/events`) for pushed events, on
 * 127.0.0.1 only, every API request carrying the station's token. It also
 * serves the built renderer, so a kiosk or a test browser needs nothing else.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { WebSocketServer } from 'ws'
import type { App } from '../app'
import type { ApiError, Result } from '../contract/result'
import { CARRIER_PUSH_HEADER } from './carrierPushSecret'
import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy'
import { CARRIER_PUSH_PATH, handleCarrierPush, isCarrierPushPath } from './carrierPushRoute'
import { EventSockets, socketTabOf } from './eventSockets'

export interface StationServerOptions {
  port?: number
  /** Folder with the built renderer (index.html); absent = API only. */
  staticDir?: string
  /** The token to require (the station keeps one in its data directory); absent = a fresh random one. */
  token?: string
  /** Accept the carrier's route push on `/carrier/push` with this secret (carrierPushSecret.ts); absent = no push route. */
  carrierPushSecret?: string
}

export interface StationServer {
  url: string
  /** The URL to open: carries the token in its fragment (never sent to the server). */
  openUrl: string
  port: number
  token: string
  /** Where the carrier pushes routes, and the header carrying the secret (null: no push route). */
  carrierPush: { url: string; header: { name: string; value: string } } | null
  /** Requires `token` from now on; event sockets opened with the old one are closed. */
  setToken(token: string): void
  close(): Promise<void>
}

/** The tab's session token (session.signIn's answer), per request. */
export const SESSION_HEADER = 'x-onewindow-session'
/** Set by the customer panel page (#/rate). */
export const PANEL_HEADER = 'x-onewindow-panel'

const MAX_BODY_BYTES = 12 * 1024 * 1024 // a document-camera photo in base64 fits; nothing bigger is legitimate

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
}


function sendJson(res: ServerResponse, status: number, body: Result<unknown>, extraHeaders: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...extraHeaders,
  })
  res.end(text)
}

function fail(res: ServerResponse, status: number, error: ApiError, extraHeaders: Record<string, string> = {}): void {
  sendJson(res, status, { ok: false, error }, extraHeaders)
}

/** A malformed escape (`%zz`) makes decodeURIComponent throw: undefined instead, so the caller answers 400. */
function decodeOrUndefined(text: string): string | undefined {
  try {
    return decodeURIComponent(text)
  } catch {
    return undefined
  }
}

function statusFor(error: ApiError): number {
  switch (error.code) {
    case 'BAD_INPUT':
      return 400
    case 'UNAUTHORIZED':
      return 401
    case 'FORBIDDEN':
      return 403
    case 'UNKNOWN_COMMAND':
    case 'NOT_FOUND':
      return 404
    case 'INTERNAL':
      return 500
    default:
      return 422
  }
}

function tokenMatches(expected: Buffer, given: string | null | undefined): boolean {
  if (!given) return false
  const buf = Buffer.from(given)
  return buf.length === expected.length && timingSafeEqual(buf, expected)
}

/** Loopback only: rejects a foreign Host header (DNS rebinding) before anything else. */
function isLocalHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`
}

/**
 * True when the raw request target climbs out of where it points: a `..`
 * segment, written plainly or percent-encoded (`%2e%2e`, `..%2f`, `..%5c`),
 * or a NUL byte. Judged on the target as sent: the URL parser resolves plain
 * and `%2e` dot segments itself but leaves `%2f` alone, so only the raw form
 * shows every variant. Refused outright rather than resolved and served.
 */
function climbsOut(target: string | undefined): boolean {
  const path = (target ?? '/').split(/[?#]/, 1)[0]!
  // Undecodable paths are answered 400 by the handlers; here judge the raw text.
  const decoded = decodeOrUndefined(path) ?? path
  return decoded.includes('\0') || decoded.split(/[/\\]/).some((segment) => segment === '..')
}

/** `new URL` throws on a target like `//[` (read as an authority): undefined instead, never a crash. */
function parseRequestUrl(req: IncomingMessage): URL | undefined {
  try {
    return new URL(req.url ?? '/', 'http://127.0.0.1')
  } catch {
    return undefined
  }
}

class BodyTooLarge extends Error {}

/**
 * Buffers the body up to MAX_BODY_BYTES. Past the limit it stops buffering but
 * keeps reading to the end before rejecting: destroying the request would close
 * the socket, and the 413 would then go to a dead connection while the client
 * (still uploading) only sees a reset.
 */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length'])
    // The declared length already says no: keep nothing at all, just drain.
    let tooLarge = Number.isFinite(declared) && declared > MAX_BODY_BYTES
    let size = 0
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        tooLarge = true
        chunks.length = 0
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => (tooLarge ? reject(new BodyTooLarge()) : resolveBody(Buffer.concat(chunks).toString('utf8'))))
    req.on('error', reject)
  })
}

export async function startStationServer(app: App, options: StationServerOptions = {}): Promise<StationServer> {
  let token = options.token ?? randomBytes(24).toString('base64url')
  let expected = Buffer.from(token)
  const staticRoot = options.staticDir ? resolve(options.staticDir) : undefined
  let port = 0

  const handleApi = async (req: IncomingMessage, res: ServerResponse, rawName: string): Promise<void> => {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST')
      return fail(res, 405, { code: 'BAD_INPUT', message: '命令只接受 POST 请求' })
    }
    const auth = req.headers.authorization
    const given = auth?.startsWith('Bearer ') ? auth.slice(7) : (req.headers['x-onewindow-token'] as string | undefined)
    if (!tokenMatches(expected, given)) {
      return fail(res, 401, { code: 'UNAUTHORIZED', message: '缺少或错误的工作站令牌' })
    }
    // Decoded only after the token check: a stranger learns nothing but 401.
    const name = decodeOrUndefined(rawName)
    if (name === undefined) {
      return fail(res, 400, { code: 'BAD_INPUT', message: `命令名不是合法的 URL 编码：${rawName}` })
    }
    let input: unknown
    try {
      const text = await readBody(req)
      input = text.trim() === '' ? {} : (JSON.parse(text) as unknown)
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        // close: the body was drained, not kept; no reason to reuse this connection.
        return fail(
          res,
          413,
          { code: 'BAD_INPUT', message: `请求体超过 ${MAX_BODY_BYTES / 1024 / 1024} MB 上限，未处理（照片或文件过大）` },
          { connection: 'close' },
        )
      }
      return fail(res, 400, { code: 'BAD_INPUT', message: '请求体不是合法的 JSON' })
    }
    const sessionHeader = req.headers[SESSION_HEADER]
    const session = typeof sessionHeader === 'string' && sessionHeader !== '' ? sessionHeader : undefined
    // The customer panel page says it is one; it gains only the right to rate a visit a clerk offered.
    const panel = req.headers[PANEL_HEADER] === '1'
    const result = await app.dispatcher.invoke(name, input, { transport: 'station', ...(session ? { session } : {}), ...(panel ? { panel } : {}) })
    sendJson(res, result.ok ? 200 : statusFor(result.error), result)
  }

  const serveStatic = (req: IncomingMessage, res: ServerResponse, pathname: string): void => {
    if (!staticRoot || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404).end()
      return
    }
    const decoded = decodeOrUndefined(pathname)
    if (decoded === undefined) {
      fail(res, 400, { code: 'BAD_INPUT', message: `路径不是合法的 URL 编码：${pathname}` })
      return
    }
    const relative = normalize(decoded).replace(/^([/\\])+/, '')
    let file = join(staticRoot, relative || 'index.html')
    if (!file.startsWith(staticRoot + sep) && file !== staticRoot) {
      res.writeHead(403).end()
      return
    }
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(staticRoot, 'index.html')
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('界面尚未构建：请先运行 npm run build')
      return
    }
    res.writeHead(200, {
      'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'cache-control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600',
    })
    if (req.method === 'HEAD') {
      res.end()
      return
    }
    createReadStream(file).pipe(res)
  }

  const server: Server = createServer((req, res) => {
    if (!isLocalHost(req.headers.host, port)) {
      res.writeHead(403).end()
      return
    }
    if (climbsOut(req.url)) {
      fail(res, 403, { code: 'FORBIDDEN', message: '请求路径试图越出工作站目录（含“..”段或空字符），已拒绝' })
      return
    }
    const url = parseRequestUrl(req)
    if (!url) {
      fail(res, 400, { code: 'BAD_INPUT', message: `请求地址不是合法的 URL：${req.url ?? ''}` })
      return
    }
    const pathname = url.pathname
    if (pathname.startsWith('/api/')) {
      handleApi(req, res, pathname.slice(5)).catch((err: unknown) => {
        console.error('[station] request failed:', err)
        if (!res.headersSent) fail(res, 500, { code: 'INTERNAL', message: '工作站主机内部错误' })
      })
      return
    }
    if (isCarrierPushPath(pathname)) {
      const secret = options.carrierPushSecret
      handleCarrierPush(secret ? { secret, receive: (body, headers) => app.services.dispatch.receivePush(body, headers) } : null, req, res, pathname)
      return
    }
    serveStatic(req, res, pathname)
  })

  // Each socket hears what its tab's session may (eventSockets.ts): a tab nobody signed in on, only the open events.
  const sockets = new EventSockets((session) => app.services.session.roleOf(session))
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 })
  server.on('upgrade', (req, socket, head) => {
    const url = parseRequestUrl(req)
    const origin = req.headers.origin
    // No Origin: a non-browser client (tests, tools), which still needs the token. A browser always sends
    // one, and a page from anywhere else (DNS rebinding, a site in the kiosk) must not read the events.
    const originOk = origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`
    if (!isLocalHost(req.headers.host, port) || !originOk) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    if (url?.pathname !== '/events' || !tokenMatches(expected, url.searchParams.get('token'))) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => sockets.add(ws, socketTabOf(url.searchParams)))
  })

  const unsubscribe = app.services.events.subscribe((name, payload) => sockets.send(name, payload))

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolveListen()
    })
  })
  port = (server.address() as AddressInfo).port
  const url = `http://127.0.0.1:${port}/`

  return {
    url,
    carrierPush: options.carrierPushSecret
      ? { url: `http://127.0.0.1:${port}${CARRIER_PUSH_PATH}`, header: { name: CARRIER_PUSH_HEADER, value: options.carrierPushSecret } }
      : null,
    get openUrl() {
      return `${url}#token=${token}`
    },
    port,
    get token() {
      return token
    },
    setToken(next: string) {
      token = next
      expected = Buffer.from(next)
      sockets.terminateAll()
    },
    async close() {
      unsubscribe()
      sockets.terminateAll()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((done) => server.close(() => done()))
    },
  }
}
