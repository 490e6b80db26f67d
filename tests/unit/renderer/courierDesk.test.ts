import { describe, expect, it } from 'vitest'
import type { ShipmentView } from '../../../main/contract/dispatch'
import type { PrintJobView } from '../../../main/contract/printing'
import { actionOfEntry, groupWaybillNo, labelStateOf, newerLabelJob, withFresh, withStatus, type DeskPhase } from '../../../renderer/screens/courier/courierDesk'

const CASE_NO = '320300202611260001'

function aShipment(over: Partial<ShipmentView> = {}): ShipmentView {
  return {
    id: 7,
    caseNo: CASE_NO,
    carrier: 'manual',
    clientOrderId: 'OW-001-000007-1',
    waybillNo: 'SF1000000000011',
    status: 'created',
    statusAt: '2026-11-26T02:00:00.000Z',
    recipient: { name: '张建国', phoneMasked: '139****4567', region: '江苏省徐州市鼓楼区', address: '中山北路 12 号' },
    labelPrints: 0,
    batchId: null,
    waiting: null,
    cancelling: null,
    exception: null,
    createdAt: '2026-11-26T02:00:00.000Z',
    updatedAt: '2026-11-26T02:00:00.000Z',
    ...over,
  }
}

function aLabelJob(over: Partial<PrintJobView> = {}): PrintJobView {
  return {
    id: 31,
    printer: 'label',
    kind: 'waybillLabel',
    title: '快递面单',
    caseNo: CASE_NO,
    state: 'done',
    reprintOf: null,
    reprintNo: null,
    isPossibleDuplicate: false,
    attempts: 1,
    lastError: null,
    lastErrorReason: null,
    output: 'printer',
    operator: 'A001',
    createdAt: '2026-11-26T02:00:00.000Z',
    updatedAt: '2026-11-26T02:00:01.000Z',
    printedAt: '2026-11-26T02:00:01.000Z',
    ...over,
  }
}

const idle: DeskPhase = { kind: 'idle' }
const waiting: DeskPhase = { kind: 'awaitingWaybill', caseNo: CASE_NO, problem: null }

describe('one entry at the courier desk', () => {
  it('ships the case a receipt names, even while another case waits for its waybill', () => {
    expect(actionOfEntry({ kind: 'case', caseNo: CASE_NO, exists: true, state: 'ready' }, idle)).toEqual({ kind: 'ship', caseNo: CASE_NO })
    const other = '320300202611260002'
    expect(actionOfEntry({ kind: 'case', caseNo: other, exists: true, state: 'ready' }, waiting)).toEqual({ kind: 'ship', caseNo: other })
  })

  it('binds a scanned waybill to the case waiting for one', () => {
    expect(actionOfEntry({ kind: 'waybill', carrier: 'sf', waybillNo: 'SF1000000000011' }, waiting)).toEqual({ kind: 'bind', caseNo: CASE_NO, waybillNo: 'SF1000000000011' })
  })

  it('asks for the receipt first when a waybill comes with no case waiting', () => {
    expect(actionOfEntry({ kind: 'waybill', carrier: 'sf', waybillNo: 'SF1000000000011' }, idle)).toEqual({ kind: 'waybillFirst', waybillNo: 'SF1000000000011' })
    const shipped: DeskPhase = { kind: 'shipped', shipment: aShipment() }
    expect(actionOfEntry({ kind: 'waybill', carrier: 'sf', waybillNo: 'SF1000000000020' }, shipped).kind).toBe('waybillFirst')
  })

  it('takes unrecognised typed text as the waiting case’s waybill, else as a case number for main to judge', () => {
    expect(actionOfEntry({ kind: 'unknown', text: ' sf10000000000x ' }, waiting)).toEqual({ kind: 'bind', caseNo: CASE_NO, waybillNo: 'SF10000000000X' })
    expect(actionOfEntry({ kind: 'unknown', text: ' 12345 ' }, idle)).toEqual({ kind: 'ship', caseNo: '12345' })
  })
})

describe('what the desk says about the label', () => {
  it('says printed when the label job came out of the printer, and shows a preview when it went to the screen', () => {
    expect(labelStateOf(aShipment(), aLabelJob())).toEqual({ kind: 'printed' })
    expect(labelStateOf(aShipment(), aLabelJob({ output: 'preview', id: 44 }))).toEqual({ kind: 'preview', jobId: 44 })
  })

  it('says the printer failed, with its reason, and that the label is on its way while the job waits', () => {
    expect(labelStateOf(aShipment(), aLabelJob({ state: 'failed', output: null, lastError: '标签打印机缺纸' }))).toEqual({ kind: 'printFailed', reason: '标签打印机缺纸' })
    expect(labelStateOf(aShipment(), aLabelJob({ state: 'queued', output: null }))).toEqual({ kind: 'printing' })
  })

  it('tells a shipment queued for the carrier apart from an error, with the carrier’s reason and whether it is parked', () => {
    const queued = aShipment({ status: 'queued', waybillNo: null, waiting: { reason: '承运商限流，稍后重试', nextAttemptAt: '2026-11-26T02:05:00.000Z', parked: false } })
    expect(labelStateOf(queued, null)).toEqual({ kind: 'waitingCarrier', reason: '承运商限流，稍后重试', isParked: false })
    const parked = aShipment({ status: 'queued', waybillNo: null, waiting: { reason: '收件地址不在服务范围', nextAttemptAt: null, parked: true } })
    expect(labelStateOf(parked, null)).toEqual({ kind: 'waitingCarrier', reason: '收件地址不在服务范围', isParked: true })
  })

  it('falls back on the shipment when no label job was seen', () => {
    expect(labelStateOf(aShipment({ status: 'label_printed', labelPrints: 1 }), null)).toEqual({ kind: 'printed' })
    expect(labelStateOf(aShipment({ status: 'created', labelPrints: 0 }), null)).toEqual({ kind: 'waitingLabel' })
  })

  it('keeps the newest label job of a case and ignores other kinds', () => {
    const first = aLabelJob({ id: 31 })
    const reprint = aLabelJob({ id: 35, reprintOf: 31, reprintNo: 1 })
    expect(newerLabelJob(undefined, first)).toBe(first)
    expect(newerLabelJob(first, reprint)).toBe(reprint)
    // An update of the first job arriving after the reprint's does not replace it.
    expect(newerLabelJob(reprint, { ...first, state: 'done' })).toBe(reprint)
    expect(newerLabelJob(first, aLabelJob({ id: 40, kind: 'acceptanceReceipt' }))).toBe(first)
  })

  it('groups a waybill number as the label prints it', () => {
    expect(groupWaybillNo('SF1000000000011')).toBe('SF 1000 0000 0001 1')
    expect(groupWaybillNo('1234567890123')).toBe('1234 5678 9012 3')
  })
})

describe('the outcome kept current', () => {
  it('takes a pushed status for the shipment shown and nothing else', () => {
    const shown: DeskPhase = { kind: 'shipped', shipment: aShipment() }
    expect(withStatus(shown, { shipmentId: 7, status: 'label_printed' })).toEqual({ kind: 'shipped', shipment: aShipment({ status: 'label_printed' }) })
    expect(withStatus(shown, { shipmentId: 8, status: 'label_printed' })).toBe(shown)
    expect(withStatus(waiting, { shipmentId: 7, status: 'label_printed' })).toBe(waiting)
  })

  it('takes the reloaded desk’s view of the shipment unless it is older than the one shown', () => {
    const shown: DeskPhase = { kind: 'shipped', shipment: aShipment({ status: 'queued', waybillNo: null, updatedAt: '2026-11-26T02:00:05.000Z' }) }
    const newer = aShipment({ status: 'created', updatedAt: '2026-11-26T02:00:09.000Z' })
    expect(withFresh(shown, [newer])).toEqual({ kind: 'shipped', shipment: newer })
    const older = aShipment({ status: 'queued', updatedAt: '2026-11-26T02:00:01.000Z' })
    expect(withFresh(shown, [older])).toBe(shown)
    expect(withFresh(shown, [])).toBe(shown)
  })
})
