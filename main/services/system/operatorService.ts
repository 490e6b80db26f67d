/**
 * Operator accounts: added, disabled and given a new PIN by a supervisor (the
 * 设置 screen or the CLI), and checked at sign-in with a lockout. Every change
 * and every failed or locked sign-in writes an audit row in the same
 * transaction.
 */
import { isRole, roleLabels, type Role } from '../../domain/access'
import { AppError } from '../../domain/errors'
import { checkIdNumber } from '../../domain/idNumber'
import { maskIdNumber } from '../../domain/masking'
import { normalizeOperatorId, OPERATOR_ID_PATTERN, pinProblem } from '../../domain/pinPolicy'
import { plainDateOf } from '../../domain/plainDate'
import { utcTimestamp } from '../../domain/timestamps'
import type { HallOperators } from '../../hall/hallOperators'
import type { OperatorRecord } from '../../store/operatorsRepository'
import type { Store } from '../../store/store'
import type { HallClock } from '../cases/hallClock'
import { hashPin, verifyPin } from './pinHash'

export const MAX_FAILURES = 5
export const LOCK_MINUTES = 5

export interface OperatorView {
  id: string
  name: string
  role: Role
  disabled: boolean
  /** UTC timestamp until which sign-in is refused (five wrong PINs); null when not locked. */
  lockedUntil: string | null
  hasCard: boolean
  createdAt: string
}

export interface NewOperator {
  id: string
  name: string
  role: string
  pin: string
  /** The operator's own ID number, so a tap of their card names them at sign-in. */
  idNumber?: string
}

export interface OperatorServiceDeps {
  store: Store
  clock: HallClock
  stationId: string
  /** Joined to a hall: accounts are written to the hall first and cached here (hall/hallOperators.ts). */
  hall?: HallOperators | null
}

function view(r: OperatorRecord, now: Date): OperatorView {
  const locked = r.lockedUntil !== null && Date.parse(r.lockedUntil) > now.getTime()
  return { id: r.id, name: r.name, role: r.role, disabled: r.disabled, lockedUntil: locked ? r.lockedUntil : null, hasCard: r.hasCard, createdAt: r.createdAt }
}

/** An operator's name on every row they write: `王晓明 A0123`. */
export function operatorLabel(op: { id: string; name: string }): string {
  return `${op.name} ${op.id}`
}

function hhmm(at: Date): string {
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`
}

export class OperatorService {
  constructor(private readonly deps: OperatorServiceDeps) {}

  list(): OperatorView[] {
    const now = this.deps.clock.now()
    return this.deps.store.operators.list().map((r) => view(r, now))
  }

  get(id: string): OperatorView {
    return view(this.requireRecord(normalizeOperatorId(id)), this.deps.clock.now())
  }

  count(): number {
    return this.deps.store.operators.count()
  }

  async add(input: NewOperator, by: string): Promise<OperatorView> {
    const id = normalizeOperatorId(input.id)
    if (!OPERATOR_ID_PATTERN.test(id)) throw new AppError('BAD_INPUT', `工号“${input.id}”无效：只能是 1–16 位字母或数字`, 'id')
    const name = input.name.trim()
    if (name.length === 0 || name.length > 32) throw new AppError('BAD_INPUT', '姓名应为 1–32 个字符', 'name')
    if (!isRole(input.role)) throw new AppError('BAD_INPUT', `岗位“${input.role}”无效，可选：${Object.entries(roleLabels).map(([k, v]) => `${k}（${v}）`).join('、')}`, 'role')
    const role = input.role
    const problem = pinProblem(input.pin, id)
    if (problem) throw new AppError('BAD_INPUT', problem, 'pin')
    let idLookup: Buffer | null = null
    const { hall } = this.deps
    if (input.idNumber !== undefined && input.idNumber.trim() !== '') {
      const check = checkIdNumber(input.idNumber, { today: plainDateOf(this.deps.clock.now()) })
      if (!check.valid) throw new AppError('INVALID_ID_NUMBER', `身份证号码有误：${check.reason}`, 'idNumber')
      // Joined: the hall's lookup, so the card finds the account at every station.
      idLookup = hall ? hall.lookupOf(check.normalized) : this.deps.store.cipher.lookupHash(check.normalized)
    }
    if (this.deps.store.operators.get(id)) throw new AppError('CONFLICT', `工号 ${id} 已存在`, 'id')
    const pinHash = await hashPin(input.pin)
    const at = utcTimestamp(this.deps.clock.now())
    if (hall) await hall.add({ id, name, role, pinHash, idLookup: idLookup?.toString('hex') ?? null, createdAt: at })
    this.deps.store.transaction(() => {
      // Joined, the follower may have cached it already from the hall's NOTIFY: the same row either way.
      if (hall) this.deps.store.operators.upsertFromHall({ id, name, role, pinHash, idLookup, disabled: false, createdAt: at, updatedAt: at })
      else this.deps.store.operators.insert({ id, name, role, pinHash, idLookup, at })
      this.audit(by, 'operator.add', { id, name, role, card: idLookup !== null }, at)
    })
    return this.get(id)
  }

  async setDisabled(id: string, disabled: boolean, by: string): Promise<OperatorView> {
    const record = this.requireRecord(normalizeOperatorId(id))
    const at = utcTimestamp(this.deps.clock.now())
    if (disabled && record.role === 'supervisor' && !record.disabled && this.activeSupervisors() <= 1) {
      throw new AppError('CONFLICT', `${operatorLabel(record)} 是最后一个在用的值班长账号，停用后将无人能管理账号`, 'id')
    }
    // Joined: the hall first (every station must hear of a disable); an account made here before the join is only here.
    await this.deps.hall?.setDisabled(record.id, disabled, at)
    this.deps.store.transaction(() => {
      this.deps.store.operators.updateDisabled(record.id, disabled, at)
      this.audit(by, disabled ? 'operator.disable' : 'operator.enable', { id: record.id }, at)
    })
    return this.get(record.id)
  }

  async resetPin(id: string, pin: string, by: string): Promise<OperatorView> {
    const record = this.requireRecord(normalizeOperatorId(id))
    const problem = pinProblem(pin, record.id)
    if (problem) throw new AppError('BAD_INPUT', problem, 'pin')
    const pinHash = await hashPin(pin)
    const at = utcTimestamp(this.deps.clock.now())
    await this.deps.hall?.resetPin(record.id, pinHash, at)
    this.deps.store.transaction(() => {
      // A new PIN also lifts a lockout: that is what the supervisor is asked for.
      this.deps.store.operators.updatePin(record.id, pinHash, at)
      this.audit(by, 'operator.resetPin', { id: record.id }, at)
    })
    return this.get(record.id)
  }

  /**
   * Checks a sign-in: `ref` is the operator id typed or the ID number of the
   * card tapped. Refuses a disabled or locked account without looking at the
   * PIN; counts a wrong PIN and locks at the fifth.
   */
  async authenticate(ref: string, pin: string): Promise<OperatorRecord> {
    const record = this.find(ref)
    const shownRef = /^\d{15}(\d{2}[\dXx])?$/.test(ref.trim()) ? maskIdNumber(ref.trim()) : ref.trim().slice(0, 32)
    if (!record) {
      this.deps.store.transaction(() => this.audit(`未知:${shownRef}`, 'session.signInFailed', { ref: shownRef, reason: 'unknown' }))
      throw new AppError('UNAUTHORIZED', /^\d/.test(ref.trim()) && ref.trim().length >= 15 ? '这张身份证没有登记为本厅工作人员，请输入工号登录' : `没有工号为 ${normalizeOperatorId(ref)} 的工作人员`, 'operator')
    }
    const now = this.deps.clock.now()
    if (record.disabled) {
      this.deps.store.transaction(() => this.audit(operatorLabel(record), 'session.signInFailed', { id: record.id, reason: 'disabled' }))
      throw new AppError('UNAUTHORIZED', `工号 ${record.id} 已停用，请联系值班长`, 'operator')
    }
    if (record.lockedUntil !== null && Date.parse(record.lockedUntil) > now.getTime()) {
      this.deps.store.transaction(() => this.audit(operatorLabel(record), 'session.signInFailed', { id: record.id, reason: 'locked' }))
      throw new AppError('UNAUTHORIZED', `工号 ${record.id} 已锁定至 ${hhmm(new Date(record.lockedUntil))}（连续 ${MAX_FAILURES} 次密码错误），请稍后再试或请值班长重置密码`, 'pin')
    }
    const ok = await verifyPin(pin, record.pinHash)
    // A wrong PIN is returned, not thrown, from the transaction: thrown, it would roll its own count back.
    const outcome = this.deps.store.transaction((): OperatorRecord | AppError => {
      // Read again inside the write lock: two wrong PINs at once both count.
      const fresh = this.requireRecord(record.id)
      const expiredLock = fresh.lockedUntil !== null && Date.parse(fresh.lockedUntil) <= now.getTime()
      if (ok) {
        if (fresh.failedCount !== 0 || fresh.lockedUntil !== null) this.deps.store.operators.updateFailures(fresh.id, 0, null)
        return fresh
      }
      const failures = (expiredLock ? 0 : fresh.failedCount) + 1
      if (failures >= MAX_FAILURES) {
        const until = new Date(now.getTime() + LOCK_MINUTES * 60_000)
        this.deps.store.operators.updateFailures(fresh.id, 0, utcTimestamp(until))
        this.audit(operatorLabel(fresh), 'operator.locked', { id: fresh.id, failures, until: utcTimestamp(until) })
        return new AppError('UNAUTHORIZED', `密码错误，已连续 ${MAX_FAILURES} 次：工号 ${fresh.id} 锁定 ${LOCK_MINUTES} 分钟（至 ${hhmm(until)}）`, 'pin')
      }
      this.deps.store.operators.updateFailures(fresh.id, failures, null)
      this.audit(operatorLabel(fresh), 'session.signInFailed', { id: fresh.id, reason: 'wrong_pin', failures })
      return new AppError('UNAUTHORIZED', `密码错误，还可再试 ${MAX_FAILURES - failures} 次（连续 ${MAX_FAILURES} 次错误将锁定 ${LOCK_MINUTES} 分钟）`, 'pin')
    })
    if (outcome instanceof AppError) throw outcome
    return outcome
  }

  private find(ref: string): OperatorRecord | undefined {
    const text = ref.trim()
    const check = /^\d{15}(\d{2}[\dXx])?$/.test(text) ? checkIdNumber(text, { today: plainDateOf(this.deps.clock.now()) }) : null
    if (check?.valid) {
      // Joined: the hall's lookup first (the cached accounts), then this station's own (an account made here before the join).
      const byHall = this.deps.hall ? this.deps.store.operators.getByIdLookup(this.deps.hall.lookupOf(check.normalized)) : undefined
      return byHall ?? this.deps.store.operators.getByIdLookup(this.deps.store.cipher.lookupHash(check.normalized))
    }
    return this.deps.store.operators.get(normalizeOperatorId(text))
  }

  private requireRecord(id: string): OperatorRecord {
    const record = this.deps.store.operators.get(id)
    if (!record) throw new AppError('NOT_FOUND', `没有工号为 ${id} 的工作人员`, 'id')
    return record
  }

  private activeSupervisors(): number {
    return this.deps.store.operators.list().filter((r) => r.role === 'supervisor' && !r.disabled).length
  }

  private audit(operator: string, action: string, details: Record<string, unknown>, at?: string): void {
    this.deps.store.audit({ operator, stationId: this.deps.stationId, action, details, at: at ?? utcTimestamp(this.deps.clock.now()) })
  }
}
