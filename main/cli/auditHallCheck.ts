/**
 * `audit verify` against the hall (issue 15): a joined station's audit head
 * is anchored in the hall (`stations.audit_head_seq/hash`, pushed with the
 * chain), out of reach of whoever edits this station's files. The station's
 * chain must reach that row with the same hash: a chain cut back below it
 * (the newest rows deleted between two local anchors) fails, naming the row.
 * Run when the station is joined; `--hall` makes an unreachable hall a
 * failure instead of a note.
 */
import { loadStationConfig } from '../config/loadConfig'
import { openHallPool } from '../hall/hallDb'
import { hallErrorText } from '../hall/hallDb'
import { hallAuditAnchor } from '../services/hall/hallAnchor'
import { verifyAuditChain } from '../store/auditChain'
import type { Db } from '../store/sqlite'
import { CliError } from './command'

/** The lines to print; throws CliError when the chain falls short of the hall's anchor (or the hall is required and away). */
export async function checkAgainstHall(db: Db, chainKey: Buffer, dataDir: string, required: boolean): Promise<string[]> {
  let config
  try {
    config = loadStationConfig({ dataDir })
  } catch (err) {
    if (required) throw new CliError(`无法读取工作站配置，不能与大厅核对：${err instanceof Error ? err.message : String(err)}`, 1)
    return []
  }
  if (!config.hall) {
    if (required) throw new CliError(`工作站 ${dataDir} 未加入大厅（--hall）：没有大厅锚点可核对`, 1)
    return []
  }
  const pool = openHallPool(config.hall, { max: 1 })
  try {
    let anchor
    try {
      anchor = await hallAuditAnchor(pool, config.hall.station)
    } catch (err) {
      if (required) throw new CliError(`无法连接大厅数据库，未能与大厅锚点核对：${hallErrorText(err)}`, 1)
      return [`注意：无法连接大厅数据库，未与大厅锚点核对（${hallErrorText(err)}）`]
    }
    if (!anchor) return [`大厅锚点：大厅尚无工作站 ${config.hall.station} 的审计记录`]
    const verdict = verifyAuditChain(db, { key: chainKey, anchor })
    if (!verdict.ok) throw new CliError(`审计链与大厅锚点不符（大厅记为工作站 ${config.hall.station} 第 ${anchor.seq} 条）：${verdict.reason}`, 1)
    return [`大厅锚点：第 ${anchor.seq} 条（工作站 ${config.hall.station}${anchor.at ? `，记于 ${anchor.at}` : ''}）：相符`]
  } finally {
    await pool.end()
  }
}
