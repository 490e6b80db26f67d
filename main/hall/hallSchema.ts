/**
 * The hall schema's version, migrated like the local one: `hall_schema`
 * lists what was applied; `migrateHall` applies the missing migrations, each
 * in its own transaction under the hall lock (two `hall init` at once: one
 * applies, the other finds it done). A hall newer than this build stops the
 * link, never the station (`checkHallSchema`).
 */
import { randomBytes } from 'node:crypto'
import { HALL_SCHEMA_VERSION, hallMigrations } from './migrations'
import { withHallTransaction, type HallClient, type HallPool } from './hallDb'

export class HallSchemaError extends Error {
  readonly code = 'HALL_SCHEMA'
}

/** hall_meta: the salt the hall key is derived with (the same at every station of the hall). */
export const HALL_KEY_SALT = 'hall_key_salt'

async function appliedVersion(client: HallClient | HallPool): Promise<number> {
  const exists = await client.query<{ present: boolean }>("SELECT to_regclass('hall_schema') IS NOT NULL AS present")
  if (!exists.rows[0]?.present) return 0
  const result = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM hall_schema')
  return result.rows[0]?.v ?? 0
}

/** The hall's schema version (0: never initialised). */
export function hallSchemaVersion(pool: HallPool): Promise<number> {
  return appliedVersion(pool)
}

/** Creates or migrates the hall schema; answers the version before and after. */
export async function migrateHall(pool: HallPool): Promise<{ from: number; to: number; applied: string[] }> {
  const applied: string[] = []
  const from = await withHallTransaction(pool, async (client) => {
    await client.query('CREATE TABLE IF NOT EXISTS hall_schema (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())')
    return appliedVersion(client)
  })
  if (from > HALL_SCHEMA_VERSION) throw new HallSchemaError(`大厅数据库结构版本为 ${from}，高于本程序支持的 ${HALL_SCHEMA_VERSION}：请先升级本工作站程序`)
  for (const migration of hallMigrations) {
    await withHallTransaction(pool, async (client) => {
      // Read again under the lock: another `hall init` may have applied it meanwhile.
      if ((await appliedVersion(client)) >= migration.version) return
      await client.query(migration.sql)
      await client.query('INSERT INTO hall_schema (version, name) VALUES ($1, $2)', [migration.version, migration.name])
      applied.push(`${String(migration.version).padStart(3, '0')}_${migration.name}`)
    })
  }
  // The hall key's salt: random once per hall, kept by the hall (a secret reused in another hall gives another key).
  await pool.query('INSERT INTO hall_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [HALL_KEY_SALT, randomBytes(16).toString('hex')])
  return { from, to: await appliedVersion(pool), applied }
}

/** Throws HallSchemaError when the hall is not initialised or is newer than this build. */
export async function checkHallSchema(pool: HallPool): Promise<number> {
  const version = await appliedVersion(pool)
  if (version === 0) throw new HallSchemaError('大厅数据库尚未初始化：请先运行 hall init --url …')
  if (version > HALL_SCHEMA_VERSION) throw new HallSchemaError(`大厅数据库结构版本为 ${version}，高于本程序支持的 ${HALL_SCHEMA_VERSION}：请升级本工作站程序（在此之前不与大厅同步）`)
  return version
}
