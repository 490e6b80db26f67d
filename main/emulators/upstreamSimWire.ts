/**
 * The platform emulator's request plumbing: the signed parts of a request,
 * its JSON body read leniently, and the replies of its faults.
 */
import { signatureHeaders, type SignedRequest } from '../domain/upstream/upstreamSigning'
import { jsonReply, type PreparedReply } from './httpSimWire'
import type { UpstreamFault } from './upstreamSimFaults'

export function signedPartsOf(method: string, url: URL, header: (name: string) => string): SignedRequest {
  return {
    method,
    path: url.pathname + url.search,
    station: header(signatureHeaders.station),
    keyId: header(signatureHeaders.keyId),
    timestamp: header(signatureHeaders.timestamp),
    idempotencyKey: header(signatureHeaders.idempotencyKey),
  }
}

/** The 5xx of an `http` fault, before the work or after it. */
export function unavailableReply(status: number): PreparedReply {
  return jsonReply(status, { code: 'UNAVAILABLE', message: '平台暂不可用（模拟故障）' })
}

/** The reply of a fault that stops the request before any work; 'reset' = drop the connection. */
export function beforeCommit(fault: UpstreamFault): PreparedReply | 'reset' | undefined {
  switch (fault.kind) {
    case 'rate_limit':
      return jsonReply(429, { code: 'RATE_LIMITED', message: '请求过于频繁' }, { 'retry-after': String(fault.retryAfterSec) })
    case 'http':
      return fault.commit === 'before' ? unavailableReply(fault.status) : undefined
    case 'reset':
      return fault.commit === 'before' ? 'reset' : undefined
    default:
      return undefined
  }
}

export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown
  } catch {
    return null
  }
}
