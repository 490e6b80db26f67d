/**
 * Operator accounts while joined to a hall (hall migration 002): the hall's
 * `operators` table is the truth, written by whichever station's supervisor
 * adds an account, disables it or resets its PIN (only with the hall
 * reachable: two stations must not hand out the same id, and a disable must
 * reach every station); each station caches the accounts in its own
 * `operators` table, so sign-in needs no hall. The cache follows `hall_seq`
 * (store_meta `hall_operators_seq`), pulled by the follower on every wake.
 *
 * The ID-number lookup is an HMAC under a key derived from the HALL key, so
 * a card tapped at any station finds the same account; the hall never holds
 * the number. Lockout counters stay per station (the hall has none).
 */
import { createHmac } from 'node:crypto'
import { isRole, type Role } from '../domain/access'
import { AppError } from '../domain/errors'
import type { Store } from '../store/store'
import { hallErrorText, isHallOffline, withHallTransaction, type HallPool } from './hallDb'
import { loadLocalHallKey } from './hallKey'

/** store_meta: the newest operators.hall_seq this station's cache holds. */
export const HALL_OPERATORS_SEQ = 'hall_operators_seq'
const BATCH = 500

export interface HallOperatorRow {
  id: string
  name: string
  role: Role
  pinHash: string
  /** Hex HMAC under the hall's lookup key; null without a card. */
  idLookup: string | null
  disabled: boolean
  createdAt: string
  updatedAt: string
}

interface RawRow {
  id: string
  name: string
  role: string
  pin_hash: string
  id_lookup: string | null
  disabled: boolean
  created_at: string
  updated_at: string
  hall_seq: string
}

export interface HallOperatorsDeps {
  pool: HallPool
  store: Store
  station: string
  /** The hall key (store_meta `hall_key`, opened): the lookup key is derived from it. */
  hallKey: Buffer
}

export class HallOperators {
  private readonly lookupKey: Buffer

  constructor(private readonly deps: HallOperatorsDeps) {
    this.lookupKey = createHmac('sha256', deps.hallKey).update('onewindow hall operator id lookup v1').digest()
  }

  /** The hall's lookup of a normalised ID number: the same at every station of the hall. */
  lookupOf(normalizedIdNumber: string): Buffer {
    return createHmac('sha256', this.lookupKey).update(normalizedIdNumber).digest()
  }

  /** A new account in the hall; CONFLICT when the id or the card is taken there. Then cached here. */
  async add(row: Omit<HallOperatorRow, 'disabled' | 'updatedAt'>): Promise<void> {
    const inserted = await this.write(async (client) => {
      try {
        const r = await client.query(
          `INSERT INTO operators (id, name, role, pin_hash, id_lookup, disabled, created_at, updated_at, updated_by, hall_seq)
           VALUES ($1, $2, $3, $4, $5, false, $6, $6, $7, nextval('operator_seq')) ON CONFLICT (id) DO NOTHING RETURNING id`,
          [row.id, row.name, row.role, row.pinHash, row.idLookup, row.createdAt, this.deps.station],
        )
        return r.rowCount === 1
      } catch (err) {
        if ((err as { code?: string }).code === '23505') throw new AppError('CONFLICT', '这张身份证已在大厅登记在另一个工号上', 'idNumber')
        throw err
      }
    })
    if (!inserted) throw new AppError('CONFLICT', `工号 ${row.id} 已在大厅登记（可能由其他工作站添加）`, 'id')
  }

  /** Disable or enable in the hall; false when the hall has no such account (one made here before the join). */
  setDisabled(id: string, disabled: boolean, at: string): Promise<boolean> {
    return this.update('disabled = $2', id, disabled, at)
  }

  /** A new PIN hash in the hall; false when the hall has no such account. */
  resetPin(id: string, pinHash: string, at: string): Promise<boolean> {
    return this.update('pin_hash = $2', id, pinHash, at)
  }

  /** Brings the cache up to the hall: every account changed since the last pull, one transaction per batch with the position. */
  async pull(): Promise<number> {
    const { pool, store } = this.deps
    let applied = 0
    for (;;) {
      const since = Number(store.meta.get(HALL_OPERATORS_SEQ) ?? '0')
      const rows = (
        await pool.query<RawRow>(
          `SELECT id, name, role, pin_hash, id_lookup, disabled, created_at, updated_at, hall_seq FROM operators WHERE hall_seq > $1 ORDER BY hall_seq LIMIT ${BATCH}`,
          [since],
        )
      ).rows
      if (rows.length === 0) return applied
      store.transaction(() => {
        for (const r of rows) this.cache(r)
        store.meta.set(HALL_OPERATORS_SEQ, rows[rows.length - 1]!.hall_seq)
      })
      applied += rows.length
      if (rows.length < BATCH) return applied
    }
  }

  private cache(r: RawRow): void {
    // A role this build does not know (a newer station wrote it): skipped here, kept in the hall.
    if (!isRole(r.role)) return
    this.deps.store.operators.upsertFromHall({
      id: r.id,
      name: r.name,
      role: r.role,
      pinHash: r.pin_hash,
      idLookup: r.id_lookup === null ? null : Buffer.from(r.id_lookup, 'hex'),
      disabled: r.disabled,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    })
  }

  private async update(set: string, id: string, value: unknown, at: string): Promise<boolean> {
    return this.write(async (client) => {
      const r = await client.query(`UPDATE operators SET ${set}, updated_at = $3, updated_by = $4, hall_seq = nextval('operator_seq') WHERE id = $1`, [id, value, at, this.deps.station])
      return r.rowCount === 1
    })
  }

  /** One write under the hall lock (operator_seq commits in order); the hall away is HALL_OFFLINE, said plainly. */
  private async write<T>(fn: Parameters<typeof withHallTransaction<T>>[1]): Promise<T> {
    try {
      return await withHallTransaction(this.deps.pool, fn)
    } catch (err) {
      if (err instanceof AppError) throw err
      if (isHallOffline(err)) {
        throw new AppError('HALL_OFFLINE', `大厅连接中断：工作人员账号由大厅统一管理，连接恢复后才能新增、停用或重置密码（已登记的工作人员照常登录）（${hallErrorText(err)}）`)
      }
      if ((err as { code?: string }).code === '42P01') throw new AppError('CONFIG_INVALID', '大厅数据库结构较旧（没有工作人员表）：请运行 hall init 升级大厅数据库')
      throw err
    }
  }
}

/** The accounts of a joined station's hall, with the hall key it keeps sealed (hall join put it there). */
export function hallOperatorsOf(link: { pool: HallPool; station: string }, store: Store): HallOperators {
  const hallKey = loadLocalHallKey(store)
  if (!hallKey) throw new AppError('CONFIG_INVALID', '工作站配置了大厅，但本地没有大厅密钥：请重新运行 hall join')
  return new HallOperators({ pool: link.pool, store, station: link.station, hallKey })
}
