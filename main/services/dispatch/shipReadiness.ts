/**
 * Whether a case can go to the courier now: it exists, the applicant chose
 * express delivery, it has no live shipment, it is `ready` (待出件), and its
 * recipient's 省 / 市 / 区 are real divisions (the carrier needs them
 * structured). `dispatch.check` answers with the reason; `dispatch.ship`
 * throws it.
 */
import type { z } from 'zod'
import type { shipRefusalSchema } from '../../contract/dispatch'
import { stateLabels } from '../../domain/caseMachine'
import { checkDivision } from '../../domain/divisionCheck'
import { AppError, type ErrorCode } from '../../domain/errors'
import { nationalDivisions } from '../../domain/nationalDivisions'
import type { CaseSummary } from '../../store/caseRecords'
import type { ShipmentRecipient } from '../../store/shipmentRecords'
import type { Store } from '../../store/store'
import { cancelKey } from './shipmentRequests'

export type ShipRefusal = z.infer<typeof shipRefusalSchema>

export type Shippable = { ok: true; summary: CaseSummary; recipient: ShipmentRecipient } | { ok: false; reason: ShipRefusal; message: string }

const codes: Record<ShipRefusal, ErrorCode> = {
  not_found: 'NOT_FOUND',
  not_ready: 'ILLEGAL_TRANSITION',
  window_pickup: 'ILLEGAL_TRANSITION',
  already_shipped: 'CONFLICT',
  no_address: 'BAD_INPUT',
}

const AFTER_SHIPPING = new Set(['shipping', 'handed_over', 'delivered'])

export function checkShippable(store: Store, rawCaseNo: string): Shippable {
  const caseNo = rawCaseNo.trim()
  const summary = store.cases.summary(caseNo)
  if (!summary) return { ok: false, reason: 'not_found', message: `没有编号为 ${caseNo} 的办件，请核对受理编号或重新扫描回执` }
  if (summary.delivery !== 'express') {
    return { ok: false, reason: 'window_pickup', message: `办件 ${caseNo} 受理时选择窗口领取，不寄递：请通知申请人到窗口领取` }
  }
  const live = store.shipments.findByCase(caseNo)
  if (live) {
    const cancel = store.outbox.byKey(cancelKey(live.clientOrderId))
    if (cancel && cancel.state !== 'cancelled' && cancel.state !== 'done') {
      return { ok: false, reason: 'already_shipped', message: `办件 ${caseNo} 的原寄递正在取消（订单号 ${live.clientOrderId}，等待承运商确认），确认取消后才能重新寄递` }
    }
    const ref = live.waybillNo ? `运单号 ${live.waybillNo}` : `订单号 ${live.clientOrderId}，等待承运商下单`
    return { ok: false, reason: 'already_shipped', message: `办件 ${caseNo} 已寄递（${ref}），不能重复寄递` }
  }
  if (AFTER_SHIPPING.has(summary.state)) {
    return { ok: false, reason: 'already_shipped', message: `办件 ${caseNo} 已${stateLabels[summary.state]}，不能重复寄递` }
  }
  if (summary.state !== 'ready') {
    return { ok: false, reason: 'not_ready', message: `办件 ${caseNo} 当前为“${stateLabels[summary.state]}”，制证完成（待出件）后才能寄递` }
  }
  const express = store.cases.detail(caseNo)?.express ?? null
  if (!express) return { ok: false, reason: 'no_address', message: `办件 ${caseNo} 没有快递收件信息，请在办件中补充收件人和地址后再寄递` }
  const division = checkDivision(express, nationalDivisions())
  if (!division.ok) return { ok: false, reason: 'no_address', message: `办件 ${caseNo} 的收件地址有误：${division.message}；请更正后再寄递` }
  return {
    ok: true,
    summary,
    recipient: { name: express.recipient, phone: express.phone, ...division.names, address: express.address, divisionCode: division.code },
  }
}

/** The refusal as the error `dispatch.ship` throws. */
export function refusalError(refusal: { reason: ShipRefusal; message: string }): AppError {
  return new AppError(codes[refusal.reason], refusal.message, 'caseNo')
}
