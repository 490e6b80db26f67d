import type { Migration } from '../migrator'

/**
 * Hall mode (docs/hall.md): a station joined to a hall also holds cases
 * accepted at the other stations, pulled from the hall.
 *
 * - `station`: the code of the station that accepted the case. Existing rows
 *   were all accepted here, under their `station_id`. (Hall join makes the
 *   station's id its code, so for this station's own cases the two agree;
 *   the column says so explicitly for pulled ones and for `cases list`.)
 * - `hall_version`: the case's version as the hall has it, null until the
 *   hall knows the case (accepted here and not pushed yet). A transition of a
 *   case the hall knows must first claim that version in the hall
 *   (services/hall/hallGate.ts); one the hall does not know changes locally
 *   and is pushed later, in order.
 * - The follower's position lives in store_meta (`hall_pulled_seq`), written
 *   in the same transaction as the batch it applied: no table needed here.
 */
export const migration: Migration = {
  version: 18,
  name: 'hall',
  up(db) {
    db.exec(`
      ALTER TABLE cases ADD COLUMN station TEXT NOT NULL DEFAULT '';
      UPDATE cases SET station = station_id;
      ALTER TABLE cases ADD COLUMN hall_version INTEGER CHECK (hall_version IS NULL OR hall_version >= 1);
    `)
  },
}
