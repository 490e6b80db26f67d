/**
 * `hall join`: a station's data directory joins a hall. Checked before
 * anything is written: the hall is initialised and of a known version, the
 * secret matches the hall's key check, the code is free (or already this
 * station's: a re-join is a no-op), and the station has no cases numbered
 * under another id. Then the hall registers the code, the station keeps
 * the hall key sealed under its own key, and station.json gets the code as
 * `stationId` and the `hall` block.
 */
import { existsSync, readFileSync, renameSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { CONFIG_FILE_NAME, loadStationConfig } from '../config/loadConfig'
import { parseStationConfig } from '../config/stationConfig'
import { openHallPool } from '../hall/hallDb'
import { establishHallKey, storeHallKeyLocally } from '../hall/hallKey'
import { checkHallSchema } from '../hall/hallSchema'
import { syncFolder, writeSyncedTemp } from '../store/durableFiles'
import { FileKeyProvider } from '../store/keyProviders'
import { caseStationIds } from '../store/stationCases'
import { openStore } from '../store/store'
import { CliError } from './command'

export interface JoinRequest {
  dataDir: string
  url: string
  station: string
  secret: string
  tls: boolean
}

/** hall_meta: which station holds a code, by its key fingerprint (reveals nothing of the key). */
const identityKey = (code: string): string => `station_identity:${code}`

export async function joinHall(req: JoinRequest): Promise<{ station: string; name: string; rejoined: boolean }> {
  if (!/^\d{3}$/.test(req.station)) throw new CliError(`--station 应为 3 位数字的工作站代码（例如 003），收到 "${req.station}"`)
  const config = loadStationConfig({ dataDir: req.dataDir })
  if (config.hall && config.hall.station !== req.station) throw new CliError(`本工作站已以代码 ${config.hall.station} 加入大厅，不能改为 ${req.station}`)
  const store = openStore({ dataDir: req.dataDir, keyProvider: new FileKeyProvider(req.dataDir) })
  const pool = openHallPool({ url: req.url, tls: req.tls }, { max: 1 })
  try {
    if (!config.hall) {
      const others = caseStationIds(store.db).filter((id) => id !== req.station)
      if (others.length > 0) throw new CliError(`本工作站已有以工作站代码 ${others.join('、')} 编号的办件，不能以代码 ${req.station} 加入大厅（办件编号会不一致）`)
    }
    await checkHallSchema(pool)
    const key = await establishHallKey(pool, req.secret)
    const identity = store.cipher.keyCheck()
    // One transaction: the code and who holds it are recorded together, so two stations racing for one code cannot both win.
    const rejoined = await registerStation(pool, req.station, config.stationName, identity)
    storeHallKeyLocally(store, key)
    writeJoinedConfig(req)
    return { station: req.station, name: config.stationName, rejoined }
  } catch (err) {
    if (err instanceof CliError) throw err
    throw new CliError(`加入大厅失败：${err instanceof Error ? err.message : String(err)}`)
  } finally {
    store.close()
    await pool.end()
  }
}

async function registerStation(pool: ReturnType<typeof openHallPool>, code: string, name: string, identity: string): Promise<boolean> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await client.query('SELECT pg_advisory_xact_lock(1500)')
    const holder = (await client.query<{ value: string }>('SELECT value FROM hall_meta WHERE key = $1', [identityKey(code)])).rows[0]?.value
    const taken = (await client.query('SELECT 1 FROM stations WHERE code = $1', [code])).rowCount
    if (taken && holder !== identity) throw new CliError(`工作站代码 ${code} 已被大厅中的另一工作站使用：请换一个代码（办件编号含此代码，不能重复）`)
    if (!taken) {
      await client.query('INSERT INTO stations (code, name) VALUES ($1, $2)', [code, name])
      await client.query('INSERT INTO hall_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [identityKey(code), identity])
    }
    await client.query('COMMIT')
    return Boolean(taken)
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw err
  } finally {
    client.release()
  }
}

/** station.json with the code and the hall block; the other keys as they were (or the demo defaults when there was none). */
function writeJoinedConfig(req: JoinRequest): void {
  const file = join(req.dataDir, CONFIG_FILE_NAME)
  const raw = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : { carrier: { kind: 'emulator' } }
  const next = { ...raw, stationId: req.station, hall: { url: req.url, station: req.station, tls: req.tls } }
  // Checked as the station will read it, before it replaces the file.
  parseStationConfig(next, req.dataDir, `配置文件 ${file} `)
  const tmp = writeSyncedTemp(file, Buffer.from(`${JSON.stringify(next, null, 2)}\n`))
  renameSync(tmp, file)
  syncFolder(dirname(file))
}
