/**
 * The demo hall's accounts: one per role, all with one PIN, printed on the
 * station's start line and shown on its sign-in dialog, so `npm start` still
 * works in one step. Added only to a station running emulators whose
 * account list is empty; a real station starts with none (the CLI's
 * `operators add` makes its first supervisor).
 */
import type { Role } from './domain/access'
import { AppError } from './domain/errors'
import type { OperatorService } from './services/system/operatorService'

export const DEMO_PIN = '864213'

export interface DemoOperator {
  id: string
  name: string
  role: Role
  pin: string
}

export const demoOperators: readonly DemoOperator[] = [
  { id: 'A0123', name: '王晓明', role: 'window', pin: DEMO_PIN },
  { id: 'R0003', name: '刘芳', role: 'reviewer', pin: DEMO_PIN },
  { id: 'C0310', name: '周敏', role: 'output', pin: DEMO_PIN },
  { id: 'K0007', name: '赵强', role: 'courier', pin: DEMO_PIN },
  { id: 'G0015', name: '孙丽', role: 'agent', pin: DEMO_PIN },
  { id: 'B0042', name: '陈静', role: 'supervisor', pin: DEMO_PIN },
]

/** Adds the demo accounts to an empty station; returns them (also when they were there already). */
export async function ensureDemoOperators(operators: OperatorService): Promise<readonly DemoOperator[]> {
  if (operators.count() === 0) {
    // Hashed side by side (scrypt runs on libuv's pool): the demo hall starts a second sooner.
    const added = await Promise.allSettled(demoOperators.map((op) => operators.add(op, '演示数据')))
    // Joined to a hall: another station may have added them already (CONFLICT: the follower caches them), or the
    // hall is away (HALL_OFFLINE): neither may stop the station's start.
    const failed = added.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []))
    const fatal = failed.find((err) => !(err instanceof AppError && (err.code === 'CONFLICT' || err.code === 'HALL_OFFLINE')))
    if (fatal !== undefined) throw fatal
    if (failed.some((err) => err instanceof AppError && err.code === 'HALL_OFFLINE')) {
      console.warn('[demo] 大厅连接中断，演示账号未能登记到大厅：连接恢复后重启本工作站')
    }
  }
  return demoOperators
}

/** `A0123 王晓明（受理）…`: the start line's list. */
export function demoOperatorsLine(roleLabel: (role: Role) => string): string {
  return `演示账号（密码均为 ${DEMO_PIN}）：${demoOperators.map((o) => `${o.id} ${o.name}（${roleLabel(o.role)}）`).join('、')}`
}
