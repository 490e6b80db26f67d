/**
 * The hall's today, from the station's clock rather than this browser's:
 * the station's clock is the one every case is dated by (settable in tests
 * and the demo seeder; a thin client's own clock may be wrong).
 */
import type { PlainDate } from '../../main/domain/plainDate'
import { call } from '../bridge/client'

export async function fetchHallToday(): Promise<PlainDate> {
  const { today } = await call('system.clock', {})
  return today
}
