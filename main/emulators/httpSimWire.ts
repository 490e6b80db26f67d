/**
 * The HTTP wire both simulated servers (carrier, platform) speak: a reply
 * prepared as bytes before it is sent, so a fault can send it whole, cut it
 * short or drop it, and the request body read with a bound.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'

export interface PreparedReply {
  status: number
  headers: Record<string, string>
  body: Buffer
}

export const JSON_TYPE = 'application/json;charset=UTF-8'

/** A request body past this is refused: no real client sends one. */
const MAX_BODY_BYTES = 1_000_000

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): PreparedReply {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: Buffer.from(JSON.stringify(value), 'utf8') }
}

export function send(res: ServerResponse, reply: PreparedReply): void {
  if (res.destroyed || res.headersSent) return
  res.writeHead(reply.status, { ...reply.headers, 'content-length': String(reply.body.length) })
  res.end(reply.body)
}

/** Headers and half the body, then the connection drops: the client saw the server start to answer. */
export function resetMidReply(res: ServerResponse, reply: PreparedReply): void {
  if (res.destroyed) return
  res.writeHead(reply.status, { ...reply.headers, 'content-length': String(reply.body.length) })
  res.write(reply.body.subarray(0, Math.floor(reply.body.length / 2)), () => res.socket?.destroy())
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new Error('请求体超过 1 MB'))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}
