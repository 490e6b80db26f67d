/**
 * Operator accounts (migration 017). The caller holds the transaction and
 * writes the audit row beside each change; this file only reads and writes
 * rows. The PIN hash and the ID lookup are made above (services/system).
 */
import { isRole, type Role } from '../domain/access'
import { AppError } from '../domain/errors'
import type { Db, Statement } from './sqlite'

export interface OperatorRecord {
  id: string
  name: string
  role: Role
  pinHash: string
  disabled: boolean
  failedCount: number
  /** UTC timestamp until which sign-in is refused; null when not locked. */
  lockedUntil: string | null
  hasCard: boolean
  createdAt: string
  updatedAt: string
}

interface RawOperator {
  id: string
  name: string
  role: string
  pin_hash: string
  id_lookup: Buffer | null
  disabled: number
  failed_count: number
  locked_until: string | null
  created_at: string
  updated_at: string
}

function toRecord(r: RawOperator): OperatorRecord {
  if (!isRole(r.role)) throw new AppError('STORE_ERROR', `工作人员 ${r.id} 的岗位 ${r.role} 无法识别，数据可能已损坏`)
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    pinHash: r.pin_hash,
    disabled: r.disabled === 1,
    failedCount: r.failed_count,
    lockedUntil: r.locked_until,
    hasCard: r.id_lookup !== null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }
}

export class OperatorsRepository {
  private readonly byId: Statement
  private readonly byLookup: Statement
  private readonly all: Statement
  private readonly insertRow: Statement
  private readonly setPin: Statement
  private readonly setDisabled: Statement
  private readonly setFailures: Statement

  constructor(private readonly db: Db) {
    this.byId = db.prepare('SELECT * FROM operators WHERE id = ?')
    this.byLookup = db.prepare('SELECT * FROM operators WHERE id_lookup = ?')
    this.all = db.prepare('SELECT * FROM operators ORDER BY id')
    this.insertRow = db.prepare(
      'INSERT INTO operators (id, name, role, pin_hash, id_lookup, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    this.setPin = db.prepare('UPDATE operators SET pin_hash = ?, failed_count = 0, locked_until = NULL, updated_at = ? WHERE id = ?')
    this.setDisabled = db.prepare('UPDATE operators SET disabled = ?, updated_at = ? WHERE id = ?')
    this.setFailures = db.prepare('UPDATE operators SET failed_count = ?, locked_until = ? WHERE id = ?')
  }

  get(id: string): OperatorRecord | undefined {
    const row = this.byId.get(id) as RawOperator | undefined
    return row ? toRecord(row) : undefined
  }

  getByIdLookup(lookup: Buffer): OperatorRecord | undefined {
    const row = this.byLookup.get(lookup) as RawOperator | undefined
    return row ? toRecord(row) : undefined
  }

  list(): OperatorRecord[] {
    return (this.all.all() as RawOperator[]).map(toRecord)
  }

  count(): number {
    return this.db.prepare('SELECT count(*) FROM operators').pluck().get() as number
  }

  insert(row: { id: string; name: string; role: Role; pinHash: string; idLookup: Buffer | null; at: string }): void {
    try {
      this.insertRow.run(row.id, row.name, row.role, row.pinHash, row.idLookup, row.at, row.at)
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new AppError('CONFLICT', `工号 ${row.id} 已存在`, 'id')
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new AppError('CONFLICT', '这张身份证已登记在另一个工号上', 'idNumber')
      throw err
    }
  }

  updatePin(id: string, pinHash: string, at: string): void {
    this.setPin.run(pinHash, at, id)
  }

  updateDisabled(id: string, disabled: boolean, at: string): void {
    this.setDisabled.run(disabled ? 1 : 0, at, id)
  }

  updateFailures(id: string, failedCount: number, lockedUntil: string | null): void {
    this.setFailures.run(failedCount, lockedUntil, id)
  }

  /**
   * Hall mode: the hall's account as this station's cache keeps it (the
   * hall is the truth; hallOperators.ts). Lockout counters are this
   * station's own and stay, unless the PIN changed (a reset lifts a lockout).
   */
  upsertFromHall(row: { id: string; name: string; role: Role; pinHash: string; idLookup: Buffer | null; disabled: boolean; createdAt: string; updatedAt: string }): void {
    this.db
      .prepare(
        `INSERT INTO operators (id, name, role, pin_hash, id_lookup, disabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, id_lookup = excluded.id_lookup, disabled = excluded.disabled, updated_at = excluded.updated_at,
           failed_count = CASE WHEN pin_hash = excluded.pin_hash THEN failed_count ELSE 0 END,
           locked_until = CASE WHEN pin_hash = excluded.pin_hash THEN locked_until ELSE NULL END,
           pin_hash = excluded.pin_hash`,
      )
      .run(row.id, row.name, row.role, row.pinHash, row.idLookup, row.disabled ? 1 : 0, row.createdAt, row.updatedAt)
  }
}
