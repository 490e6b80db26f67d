/**
 * The station's cases at a glance, for hall mode's CLI: which station ids
 * its own cases were numbered under (a station joins a hall under one code,
 * refused if it already numbered cases under another), and every case it
 * knows with the station that accepted it (`cases list --json`).
 */
import type { Db } from './sqlite'

/** Distinct `station_id`s of the cases here (a station not yet joined has only its own). */
export function caseStationIds(db: Db): string[] {
  return db.prepare('SELECT DISTINCT station_id FROM cases ORDER BY 1').pluck().all() as string[]
}

export interface KnownCase {
  caseNo: string
  state: string
  station: string
}

export function knownCases(db: Db): KnownCase[] {
  return db.prepare('SELECT case_no AS caseNo, state, station FROM cases ORDER BY id').all() as KnownCase[]
}
