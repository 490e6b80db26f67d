/**
 * The courier desk (寄递): a ready express case becomes a shipment with a
 * waybill and a label, joins the open handover batch, and leaves with the
 * courier when the batch is closed and signed. The carrier is reached only
 * through the outbox, so a command here never waits on the network for long.
 */
import { z } from 'zod'
import { handoverListDataSchema } from '../domain/print/a4Documents'
import { defineCommands, defineEvents } from './define'

const caseNo = z.string().trim().min(1, '请输入或扫描受理编号').max(40, '受理编号最长 40 个字符')
const waybillNo = z.string().trim().toUpperCase().min(8, '运单号至少 8 位').max(20, '运单号最长 20 位')

/** Local shipment statuses, ranked (specs/dispatch.md §B4). */
export const shipmentStatusSchema = z.enum(['queued', 'created', 'label_printed', 'handed_over', 'in_transit', 'out_for_delivery', 'delivered', 'returned', 'failed', 'cancelled'])
export type ShipmentStatus = z.infer<typeof shipmentStatusSchema>

export const shipmentViewSchema = z.object({
  id: z.number().int(),
  caseNo: z.string(),
  carrier: z.enum(['manual', 'http']),
  clientOrderId: z.string(),
  waybillNo: z.string().nullable(),
  status: shipmentStatusSchema,
  statusAt: z.string(),
  /** The recipient as the desk may show it: phone masked, the address in full (it goes on the label). */
  recipient: z.object({ name: z.string(), phoneMasked: z.string(), region: z.string(), address: z.string() }),
  labelPrints: z.number().int(),
  batchId: z.number().int().nullable(),
  /** Waiting in the outbox for the carrier: why, in the carrier's own words where it gave any. */
  waiting: z.object({ reason: z.string().nullable(), nextAttemptAt: z.string().nullable(), parked: z.boolean() }).nullable(),
  /** 取消寄递 asked for, the carrier's confirmation still to come: the clerk's reason, the carrier's last word, parked for a person. */
  cancelling: z.object({ reason: z.string(), lastError: z.string().nullable(), nextAttemptAt: z.string().nullable(), parked: z.boolean() }).nullable(),
  /** A return or failed delivery: the carrier's reason and what staff should do next. */
  exception: z.object({ reason: z.string(), nextStep: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type ShipmentView = z.infer<typeof shipmentViewSchema>

export const handoverBatchSchema = z.object({
  id: z.number().int(),
  carrier: z.string(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  items: z.array(z.object({ shipmentId: z.number().int(), caseNo: z.string(), waybillNo: z.string().nullable(), status: shipmentStatusSchema, recipientName: z.string() })),
  courier: z.object({ name: z.string(), idMasked: z.string(), phoneMasked: z.string().nullable() }).nullable(),
})
export type HandoverBatchView = z.infer<typeof handoverBatchSchema>

/** Why a case cannot go to the courier, as a machine reason and a sentence for the clerk. */
export const shipRefusalSchema = z.enum(['not_found', 'not_ready', 'window_pickup', 'already_shipped', 'no_address'])

export const dispatchCommands = defineCommands({
  'dispatch.desk': {
    summary: 'The courier desk at a glance: the carrier in use, the open batch, shipments waiting for the carrier or a label, and the exceptions',
    input: z.object({}).strict(),
    output: z.object({
      /** `isEmulated`: the demo hall's carrier emulator (demo.carrier.advance moves its clock). */
      carrier: z.object({ kind: z.enum(['manual', 'http']), name: z.string(), isEmulated: z.boolean() }),
      openBatch: handoverBatchSchema.nullable(),
      pending: z.array(shipmentViewSchema),
      exceptions: z.array(shipmentViewSchema),
    }),
  },
  'dispatch.check': {
    summary: 'Whether a case can go to the courier now (ready, express delivery, not shipped yet), with the reason when not',
    input: z.object({ caseNo }).strict(),
    output: z.object({ ok: z.boolean(), reason: shipRefusalSchema.nullable(), message: z.string().nullable() }),
  },
  'dispatch.ship': {
    summary: 'Ship a ready express case: a shipment (http: created through the outbox; manual: the scanned pre-printed waybill, check digit verified), its label printed, the case in the open batch',
    input: z.object({ caseNo, waybillNo: waybillNo.optional() }).strict(),
    output: shipmentViewSchema,
  },
  'dispatch.cancel': {
    summary: 'Cancel a shipment before the courier has it (取消寄递): the case back to ready, the carrier order cancelled through the outbox (or at once when it never reached the carrier); the reason goes on the audit chain',
    input: z
      .object({
        shipmentId: z.number().int().positive(),
        reason: z.string().trim().min(1, '请填写取消寄递的原因（记入审计）').max(200, '原因最长 200 个字符'),
      })
      .strict(),
    output: shipmentViewSchema,
  },
  'dispatch.reprintLabel': {
    summary: 'Print the same waybill label again (补打); never creates a second waybill',
    input: z.object({ shipmentId: z.number().int().positive() }).strict(),
    output: shipmentViewSchema,
  },
  'dispatch.closeBatch': {
    summary: 'Hand the open batch to the courier: their ID card and signature, the handover list on A4, every case in it handed over',
    input: z
      .object({
        courier: z
          .object({
            name: z.string().trim().min(1, '请读取或填写快递员姓名').max(30),
            idNumber: z.string().trim().min(15, '请读取快递员身份证').max(18),
            phone: z.string().trim().max(20).optional(),
          })
          .strict(),
        /** The signature drawn on screen, a PNG data URL; kept as an image with the batch and its cases. */
        signature: z.string().startsWith('data:image/png;base64,', '签名应为 PNG 图像').max(2_000_000, '签名图像过大'),
      })
      .strict(),
    output: z.object({
      batch: handoverBatchSchema,
      printJobId: z.number().int().nullable(),
      /** The handover list as it is made into PDF (A4 is no print-queue kind): the desk shows it through `print.preview` (kind handoverList). */
      handoverList: handoverListDataSchema,
      leftForNextBatch: z.number().int(),
    }),
  },
  'dispatch.shipments': {
    summary: 'Shipments, newest first, optionally by status',
    input: z.object({ status: shipmentStatusSchema.optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.array(shipmentViewSchema),
  },
  'dispatch.track': {
    summary: 'Ask the carrier for the tracking of every shipment on its way now, instead of at the next poll',
    input: z.object({}).strict(),
    output: z.object({ asked: z.number().int(), changed: z.number().int() }),
  },
})

export const dispatchEvents = defineEvents({
  'dispatch.changed': z.object({ shipmentId: z.number().int(), caseNo: z.string(), status: shipmentStatusSchema }),
})
