/**
 * The hall's PostgreSQL connection: a small `pg` pool per station (TLS when
 * the hall's config says so), and the one way to write — a transaction that
 * first takes the hall's advisory lock, so events commit in hall_seq order
 * and a follower reading "hall_seq > last seen" never skips one (docs/hall.md
 * "Order"). Errors are sorted here into "the hall is away" (retry, nothing
 * lost) and the rest, so every caller answers the same way.
 */
import pg from 'pg'

export interface HallConnection {
  /** `postgresql://user@host:5432/db` */
  url: string
  /** Verify the server's certificate and encrypt the link. */
  tls?: boolean
}

export interface HallPoolOptions {
  /** Connections at once. Default 4. */
  max?: number
  /** Give up on a connect after this long: an unreachable hall must not hang a push. Default 5 s. */
  connectTimeoutMs?: number
}

/** The lock every writing transaction takes before nextval('hall_seq'). */
export const HALL_LOCK = 1500
/** With a station's code, the lock of that station's audit chain in the hall (two-key space: never the hall lock). */
export const AUDIT_LOCK = 1501

/** Which advisory lock a writing transaction takes: the hall's (case events, in hall_seq order) or one station's audit chain. */
export type HallLock = { kind: 'hall' } | { kind: 'audit'; station: string }
const HALL_WIDE: HallLock = { kind: 'hall' }

export type HallPool = pg.Pool
export type HallClient = pg.PoolClient

export function openHallPool(config: HallConnection, options: HallPoolOptions = {}): HallPool {
  const pool = new pg.Pool({
    connectionString: config.url,
    ...(config.tls ? { ssl: { rejectUnauthorized: true } } : {}),
    max: options.max ?? 4,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'onewindow',
  })
  // An idle connection dropped by the server (a restart) is reported here; unhandled, it would end the process.
  pool.on('error', (err) => console.warn(`[hall] 大厅数据库连接断开：${err.message}`))
  return pool
}

/**
 * One writing transaction under the hall lock (or, for a station's audit
 * rows, which take no hall_seq, only that station's chain lock: its copy then
 * runs beside the case events instead of between them); rolled back if `fn` throws.
 */
export async function withHallTransaction<T>(pool: HallPool, fn: (client: HallClient) => Promise<T>, lock: HallLock = HALL_WIDE): Promise<T> {
  const client = await pool.connect()
  let broken = false
  // A checked-out client has none of the pool's listeners: the hall going away mid-transaction would be an uncaught 'error' (the query fails anyway).
  const onError = (): void => {
    broken = true
  }
  client.on('error', onError)
  try {
    await client.query('BEGIN')
    if (lock.kind === 'hall') await client.query('SELECT pg_advisory_xact_lock($1)', [HALL_LOCK])
    else await client.query('SELECT pg_advisory_xact_lock($1, $2)', [AUDIT_LOCK, Number(lock.station)])
    const result = await fn(client)
    await client.query('COMMIT')
    return result
  } catch (err) {
    try {
      await client.query('ROLLBACK')
    } catch {
      // The connection itself is gone: it must not go back into the pool.
      broken = true
    }
    throw err
  } finally {
    client.off('error', onError)
    client.release(broken)
  }
}

/** A connection-level failure: the hall is away or restarting; the work is kept and tried again. */
export function isHallOffline(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null
  const code = typeof e?.code === 'string' ? e.code : ''
  // 08: connection exception; 57P01–57P03: the server shutting down / starting up; 53300: too many connections.
  if (/^08/.test(code) || /^57P0[123]$/.test(code) || code === '53300') return true
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN'].includes(code)) return true
  const message = typeof e?.message === 'string' ? e.message : ''
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(message)
}

/** A refusal that retrying cannot fix: the schema is missing or different (class 42), a constraint says no (23). */
export function isHallSchemaError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' && (/^42/.test(code) || /^23/.test(code))
}

/** The reason in one short line, for a status light or a parked row. */
export function hallErrorText(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown } | null
  const message = typeof e?.message === 'string' && e.message ? e.message : String(err)
  return (typeof e?.code === 'string' ? `${message}（${e.code}）` : message).slice(0, 200)
}
