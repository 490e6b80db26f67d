/** A shipment's status as the desk, its messages and its paper name it. */
import type { NormalStatus } from './shipmentStatus'

export const shipmentStatusLabels: Readonly<Record<NormalStatus, string>> = {
  queued: '待下单',
  created: '已下单',
  label_printed: '已打印面单',
  handed_over: '已交寄',
  in_transit: '运输中',
  out_for_delivery: '派送中',
  delivered: '已签收',
  returned: '已退回',
  failed: '投递异常',
  cancelled: '已取消',
}
