/**
 * The station host's door for the carrier's route push (`POST /carrier/push`,
 * specs/dispatch.md §C1): its own secret — in a header, or as the last path
 * segment for a carrier that takes only a URL — never the renderer's token.
 * The carrier's success (`return_code` 0000) is answered only once the events
 * are stored: a crash before that makes the carrier send them again, and a
 * resent or repeated push is stored once (the tracking store dedups).
 */
import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { CARRIER_PUSH_HEADER } from './carrierPushSecret'

export const CARRIER_PUSH_PATH = '/carrier/push'
// A route push is a few events; SF batches at most some hundreds.
const MAX_PUSH_BYTES = 1024 * 1024

export interface CarrierPushReceiver {
  secret: string
  /** Stores the pushed events (synchronously) and answers what to tell the carrier. */
  receive(body: Uint8Array, headers: Record<string, string>): { status: number; body: string }
}

export function isCarrierPushPath(pathname: string): boolean {
  return pathname === CARRIER_PUSH_PATH || pathname.startsWith(`${CARRIER_PUSH_PATH}/`)
}

function reply(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' })
  res.end(body)
}

const refusal = (message: string): string => JSON.stringify({ return_code: '1000', return_msg: message })

function matches(expected: Buffer, given: string | undefined): boolean {
  if (!given) return false
  const buf = Buffer.from(given)
  return buf.length === expected.length && timingSafeEqual(buf, expected)
}

function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text)
  } catch {
    return undefined
  }
}

/** The body up to the limit; past it, read to the end and answer null (so the 413 reaches a client still sending). */
function readLimited(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_PUSH_BYTES) chunks.push(chunk)
    })
    req.on('end', () => resolve(size > MAX_PUSH_BYTES ? null : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export function handleCarrierPush(receiver: CarrierPushReceiver | null, req: IncomingMessage, res: ServerResponse, pathname: string): void {
  void (async () => {
    const inPath = pathname.length > CARRIER_PUSH_PATH.length ? decoded(pathname.slice(CARRIER_PUSH_PATH.length + 1)) : undefined
    const given = (req.headers[CARRIER_PUSH_HEADER] as string | undefined) ?? inPath
    if (!receiver || !matches(Buffer.from(receiver.secret), given)) return reply(res, 401, refusal('推送密钥缺失或错误'))
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST')
      return reply(res, 405, refusal('推送只接受 POST 请求'))
    }
    const body = await readLimited(req)
    if (body === null) return reply(res, 413, refusal(`推送报文超过 ${MAX_PUSH_BYTES / 1024 / 1024} MB`))
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string' && name !== CARRIER_PUSH_HEADER) headers[name] = value
    const answer = receiver.receive(new Uint8Array(body), headers)
    reply(res, answer.status, answer.body)
  })().catch((err: unknown) => {
    // Not stored: the carrier must send it again.
    console.error('[station] carrier push failed:', err instanceof Error ? err.message : err)
    if (!res.headersSent) reply(res, 500, refusal('工作站暂时无法保存推送，请重发'))
  })
}
