/**
 * What the emulated platform holds, in memory: registered station keys, the
 * events stored by idempotency key (one per key, whatever the retries), the
 * online 办件 it made on demand and each station's notice feed — an
 * append-only list read with a cursor (its index), where a late notice is a
 * copy appended again.
 */
import { createHash, type KeyObject } from 'node:crypto'
import type { NoticeCase, UpstreamEventBody, UpstreamNotice, WireResult } from '../domain/upstream/upstreamMessages'
import { publicKeyOfRaw } from './upstreamSimSignature'

export interface SimStation {
  stationId: string
  keyId: string
  publicKey: KeyObject
  /** base64 of the raw key. */
  rawPublicKey: string
  registeredAt: string
}

export interface StoredEvent {
  /** Arrival order over all stations. */
  order: number
  receiptNo: string
  key: string
  station: string
  caseNo: string
  step: string
  seq: number
  bodySha256: string
  body: UpstreamEventBody
  storedAt: string
}

export interface OnlineCaseInput {
  station: string
  case: NoticeCase
  decision: WireResult
  ready: boolean
  operator?: string
  note?: string
}

export type StoreOutcome = { kind: 'stored' | 'duplicate'; event: StoredEvent } | { kind: 'mismatch'; event: StoredEvent }

export class UpstreamSimBook {
  private readonly stations = new Map<string, SimStation>()
  private readonly byKey = new Map<string, StoredEvent>()
  private readonly events: StoredEvent[] = []
  private readonly online = new Map<string, { station: string; data: NoticeCase; noticeSeq: number }>()
  private readonly feeds = new Map<string, UpstreamNotice[]>()
  private noticeCount = 0
  private onlineCount = 0

  constructor(private readonly now: () => Date) {}

  clear(): void {
    this.stations.clear()
    this.byKey.clear()
    this.events.length = 0
    this.online.clear()
    this.feeds.clear()
  }

  /** 'conflict': the station has another key and no one with the enrolment token asked to replace it. */
  register(stationId: string, keyId: string, rawPublicKey: string, mayReplace: boolean): 'created' | 'same' | 'conflict' {
    const existing = this.stations.get(stationId)
    if (existing && existing.rawPublicKey === rawPublicKey && existing.keyId === keyId) return 'same'
    if (existing && !mayReplace) return 'conflict'
    this.stations.set(stationId, { stationId, keyId, publicKey: publicKeyOfRaw(Buffer.from(rawPublicKey, 'base64')), rawPublicKey, registeredAt: this.now().toISOString() })
    return 'created'
  }

  station(stationId: string): SimStation | undefined {
    return this.stations.get(stationId)
  }

  stationList(): Array<Omit<SimStation, 'publicKey'>> {
    return [...this.stations.values()].map(({ publicKey: _key, ...rest }) => rest)
  }

  /** One event per key: the same key again with the same body is a duplicate (the first receipt); with another body, a mismatch. */
  storeEvent(key: string, station: string, body: UpstreamEventBody, raw: Buffer): StoreOutcome {
    const bodySha256 = createHash('sha256').update(raw).digest('hex')
    const first = this.byKey.get(key)
    if (first) return first.bodySha256 === bodySha256 ? { kind: 'duplicate', event: first } : { kind: 'mismatch', event: first }
    const order = this.events.length + 1
    const event: StoredEvent = { order, receiptNo: `P${String(order).padStart(8, '0')}`, key, station, caseNo: body.caseNo, step: body.step, seq: body.seq, bodySha256, body, storedAt: this.now().toISOString() }
    this.byKey.set(key, event)
    this.events.push(event)
    return { kind: 'stored', event }
  }

  eventList(caseNo?: string): StoredEvent[] {
    return caseNo === undefined ? [...this.events] : this.events.filter((e) => e.caseNo === caseNo)
  }

  /** An online 办件 decided on the platform: its `decided` notice, and `ready` when asked. */
  addOnlineCase(input: OnlineCaseInput): { caseNo: string; notices: UpstreamNotice[] } {
    this.onlineCount++
    const day = input.case.acceptedAt.slice(0, 10).replace(/-/g, '')
    const caseNo = `W${day}${input.station}${String(this.onlineCount).padStart(5, '0')}`
    this.online.set(caseNo, { station: input.station, data: input.case, noticeSeq: 0 })
    const notices = [this.addNotice(caseNo, 'decided', { result: input.decision, ...(input.operator ? { operator: input.operator } : {}), ...(input.note ? { note: input.note } : {}) })]
    if (input.ready) notices.push(this.addNotice(caseNo, 'ready', input.operator ? { operator: input.operator } : {}))
    return { caseNo, notices }
  }

  addNotice(caseNo: string, kind: 'decided' | 'ready', extra: { result?: WireResult; operator?: string; note?: string }): UpstreamNotice {
    const c = this.online.get(caseNo) ?? this.stationCase(caseNo)
    if (!c) throw new Error(`平台没有办件 ${caseNo}（既非网上办件，也没有工作站报来的受理）`)
    c.noticeSeq++
    this.noticeCount++
    const notice: UpstreamNotice = { noticeId: `N${String(this.noticeCount).padStart(6, '0')}`, caseNo, seq: c.noticeSeq, kind, at: this.now().toISOString(), case: c.data, ...extra }
    this.feedOf(c.station).push(notice)
    return notice
  }

  /** A 办件 a station accepted and reported (its 受理 event): the platform may decide it too (并联审批), and tells that station. */
  private stationCase(caseNo: string): { station: string; data: NoticeCase; noticeSeq: number } | undefined {
    const accept = this.events.find((e) => e.caseNo === caseNo && e.step === 'accept')
    const b = accept?.body
    if (!accept || !b?.applicant || !b.acceptedAt || !b.deliveryMethod) return undefined
    const c = { station: accept.station, data: { item: { code: b.item.code, name: b.item.name }, department: b.department, applicant: b.applicant, acceptedAt: b.acceptedAt, deliveryMethod: b.deliveryMethod }, noticeSeq: 0 }
    this.online.set(caseNo, c)
    return c
  }

  /**
   * A page of a station's feed from `after` (an index). `duplicate`: each
   * notice twice, and the cursor one back so the next page repeats the last;
   * `outOfOrder`: the page's first notice is held back and appended to the
   * feed again, arriving after the ones behind it.
   */
  page(station: string, after: number, limit: number, bend: { duplicate?: boolean; outOfOrder?: boolean } = {}): { notices: UpstreamNotice[]; cursor: number; more: boolean } {
    const feed = this.feedOf(station)
    let notices = feed.slice(after, after + limit)
    let cursor = after + notices.length
    if (bend.outOfOrder && notices.length > 0) {
      feed.push(notices[0]!)
      notices = notices.slice(1)
    }
    if (bend.duplicate && notices.length > 0) {
      notices = notices.flatMap((n) => [n, n])
      cursor = Math.max(after, cursor - 1)
    }
    return { notices, cursor, more: cursor < feed.length }
  }

  private feedOf(station: string): UpstreamNotice[] {
    let feed = this.feeds.get(station)
    if (!feed) {
      feed = []
      this.feeds.set(station, feed)
    }
    return feed
  }
}
