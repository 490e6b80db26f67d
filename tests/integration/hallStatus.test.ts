/**
 * The hall link on the status bar (issue 15 "Status"): the network light of a
 * joined station follows the pull as well as the push. With nothing to push,
 * only the follower can tell the hall went away (amber) and came back
 * (green); a pull that cannot go on — an event sealed under another hall
 * key — turns it red with the reason, instead of retrying in silence.
 */
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { HallSealer } from '../../main/hall/hallKey'
import { aPulledImage } from '../fixtures/hallPulls'
import { hallPerFile } from '../fixtures/hallHooks'
import type { HallStation } from '../fixtures/hallStations'
import { waitFor } from '../fixtures/waitFor'

// The follower reconnects with a backoff of at most 5 s; the bound only stops a broken run.
const BOUND = 20_000

const hall = hallPerFile()

const light = (s: HallStation) => s.app.services.devices.get('network')

describe('the hall link light', () => {
  it('turns amber when the hall goes away with nothing to push, and green when it is back', async () => {
    await waitFor('B connected', () => light(hall.b).state === 'ok', BOUND)
    hall.pg.stop()
    try {
      await waitFor('B amber', () => light(hall.b).state === 'warning', BOUND)
      expect(light(hall.b)).toMatchObject({ reason: 'hall_offline' })
      expect(light(hall.b).message).toContain('大厅连接中断')
    } finally {
      hall.pg.start()
    }
    await waitFor('B green again', () => light(hall.b).state === 'ok', BOUND)
  })

  it('turns red, saying why, when a pulled event cannot be opened with the hall key', async () => {
    const caseNo = '320300202603020030001'
    const { idNumber, handlerIdNumber: _handler, ...applicant } = aPulledImage(caseNo).applicant
    const image = { ...aPulledImage(caseNo, { stationId: '003' }), applicant }
    // Sealed under a key that is not this hall's: what a station with a rotated or wrong key would push.
    const idSealed = new HallSealer(randomBytes(32)).seal(idNumber!)
    await hall.pool.query(
      `INSERT INTO case_events (hall_seq, idempotency_key, case_no, station, kind, action, from_state, to_state, version, at, operator, payload)
       VALUES (nextval('hall_seq'), $1, $2, '003', 'accept', 'accept', NULL, 'accepted', 1, $3, 'C003', $4)`,
      [`003:${caseNo}:1`, caseNo, image.acceptedAt, JSON.stringify({ case: image, idSealed, handlerIdSealed: null })],
    )
    await waitFor('B red', () => light(hall.b).state === 'error', BOUND)
    expect(light(hall.b)).toMatchObject({ reason: 'hall_stopped' })
    expect(light(hall.b).message).toContain('大厅加密数据无法解密')
    expect(hall.b.local(caseNo)).toBeUndefined()
  })
})
