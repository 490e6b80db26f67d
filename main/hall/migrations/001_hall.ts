/**
 * The hall's first schema (docs/hall.md "Hall schema"): stations, one row per
 * case, the events in hall_seq order, each station's audit chain. The
 * trigger wakes every follower (LISTEN hall_changes) with the new hall_seq;
 * a NOTIFY is delivered at commit, so a follower never sees an uncommitted one.
 */
import type { HallMigration } from './index'

export const migration: HallMigration = {
  version: 1,
  name: 'hall',
  sql: `
CREATE TABLE hall_meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE stations (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{3}$'),
  name text NOT NULL,
  joined_at timestamptz NOT NULL DEFAULT now(),
  audit_head_seq bigint, audit_head_hash text, anchored_at timestamptz
);
CREATE TABLE cases (
  case_no text PRIMARY KEY,
  station text NOT NULL REFERENCES stations (code),
  state text NOT NULL,
  version integer NOT NULL,
  item_code text NOT NULL, item_name text NOT NULL,
  accepted_at text NOT NULL, updated_at text NOT NULL,
  hall_seq bigint NOT NULL
);
CREATE SEQUENCE hall_seq;
CREATE TABLE case_events (
  hall_seq bigint PRIMARY KEY,
  idempotency_key text NOT NULL UNIQUE,
  case_no text NOT NULL, station text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('accept', 'transition', 'materials')),
  action text NOT NULL, from_state text, to_state text NOT NULL,
  version integer NOT NULL,
  at text NOT NULL, operator text NOT NULL,
  payload jsonb NOT NULL,
  UNIQUE (case_no, version)
);
CREATE TABLE audit_rows (
  station text NOT NULL, seq bigint NOT NULL, at text NOT NULL, operator text NOT NULL,
  action text NOT NULL, case_no text, details text NOT NULL, prev_hash text NOT NULL, hash text NOT NULL,
  PRIMARY KEY (station, seq)
);
CREATE FUNCTION hall_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('hall_changes', NEW.hall_seq::text);
  RETURN NEW;
END $$;
CREATE TRIGGER case_events_notify AFTER INSERT ON case_events FOR EACH ROW EXECUTE FUNCTION hall_notify_change();
`,
}
