import type { DeviceStatus } from '../../contract/system'
import { utcTimestamp } from '../../domain/timestamps'
import type { EventBus } from '../eventBus'

export type DeviceKind = DeviceStatus['device']
export type DeviceState = DeviceStatus['state']

const deviceOrder: DeviceKind[] = ['idcard', 'scanner', 'camera', 'receiptPrinter', 'labelPrinter', 'network', 'database', 'calendar']

/**
 * The truth behind the status bar: each driver reports here, the board keeps
 * the last report with its time and pushes a `device.status` event on change.
 */
export class DeviceStatusBoard {
  private readonly statuses = new Map<DeviceKind, DeviceStatus>()

  constructor(private readonly events: EventBus) {
    const now = utcTimestamp(new Date())
    for (const device of deviceOrder) {
      this.statuses.set(device, {
        device,
        state: 'off',
        message: '未配置',
        reason: 'not_configured',
        isEmulated: false,
        changedAt: now,
      })
    }
    // A lone station is its own whole truth; hall mode (shared PostgreSQL) will report this link.
    this.statuses.set('network', { device: 'network', state: 'ok', message: '单机模式：本地队列', reason: 'standalone', isEmulated: false, changedAt: now })
  }

  report(device: DeviceKind, update: { state: DeviceState; message: string; reason: string; params?: DeviceStatus['params']; isEmulated?: boolean }): void {
    const previous = this.statuses.get(device)
    const isEmulated = update.isEmulated ?? previous?.isEmulated ?? false
    if (
      previous &&
      previous.state === update.state &&
      previous.reason === update.reason &&
      previous.message === update.message &&
      previous.isEmulated === isEmulated
    ) {
      return
    }
    const next: DeviceStatus = { device, ...update, isEmulated, changedAt: utcTimestamp(new Date()) }
    this.statuses.set(device, next)
    this.events.emit('device.status', next)
  }

  get(device: DeviceKind): DeviceStatus {
    return this.statuses.get(device)!
  }

  list(): DeviceStatus[] {
    return deviceOrder.map((d) => this.statuses.get(d)!)
  }
}
