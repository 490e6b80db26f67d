/**
 * Requests to a station host for its tests: through node:http, or written
 * byte for byte on a socket for targets and headers that the http client (or
 * `fetch`, which normalises the path) would never send as they are.
 */
import { request } from 'node:http'
import { connect } from 'node:net'
import type { StationServer } from '../../../main/transport/stationServer'

export interface Reply {
  status: number
  body: string
  headers: Record<string, string | string[] | undefined>
}

export interface SendOptions {
  method?: string
  /** Sent as `Authorization: Bearer …`; null = none. Defaults to the server's own token. */
  token?: string | null
  /** Extra headers, e.g. `x-onewindow-token`. */
  headers?: Record<string, string>
  body?: string
  host?: string
  /** Sent as separate writes with no content-length (chunked), as a streaming client would. */
  chunks?: string[]
}

export function send(server: StationServer, path: string, options: SendOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', host: options.host ?? `127.0.0.1:${server.port}`, ...options.headers }
    const token = options.token === undefined ? server.token : options.token
    if (token !== null) headers.authorization = `Bearer ${token}`
    const req = request({ host: '127.0.0.1', port: server.port, path, method: options.method ?? 'POST', headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }))
    })
    req.on('error', reject)
    if (options.chunks) {
      for (const chunk of options.chunks) req.write(chunk)
      req.end()
      return
    }
    req.end(options.body ?? '{}')
  })
}

/** Writes `head` (request line and headers, without the blank line) as is; resolves with everything the server sent before closing. */
export function sendRawHead(server: StationServer, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => socket.write(`${head}\r\n\r\n`))
    let reply = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      reply += chunk
      // An accepted WebSocket stays open: its 101 is all there is to read.
      if (reply.startsWith('HTTP/1.1 101 ') && reply.includes('\r\n\r\n')) socket.destroy()
    })
    socket.on('close', () => resolve(reply))
    socket.on('error', reject)
  })
}

/** A GET of `target` with this host's own Host header, closing after the reply. */
export function sendRaw(server: StationServer, target: string, extraHeaders = 'Connection: close\r\n'): Promise<string> {
  return sendRawHead(server, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n${extraHeaders.replace(/\r\n$/, '')}`)
}

/** The status code of a raw reply (`HTTP/1.1 403 Forbidden` → 403); 0 when the server sent nothing. */
export function statusOf(reply: string): number {
  const match = /^HTTP\/1\.[01] (\d{3}) /.exec(reply)
  return match ? Number(match[1]) : 0
}

/** The head of a WebSocket upgrade to `target`, with these Host and Origin headers (undefined = left out). */
export function upgradeHead(target: string, host: string | undefined, origin: string | undefined): string {
  return [
    `GET ${target} HTTP/1.1`,
    ...(host === undefined ? [] : [`Host: ${host}`]),
    ...(origin === undefined ? [] : [`Origin: ${origin}`]),
    'Connection: Upgrade',
    'Upgrade: websocket',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
  ].join('\r\n')
}
