/**
 * Operator accounts in the hall (issue 15 "Operators and the trail"): one
 * row per account, shared by every station of the hall, cached at each
 * station so sign-in works with the hall away. `id_lookup` is the keyed
 * hash of the operator's own ID number under the HALL key (hallOperators.ts),
 * never a station's own: every station finds the same card. `hall_seq`
 * (its own sequence, taken under the hall lock) is what a station's cache
 * follows, never a time. Lockout counters stay per station (not here).
 */
import type { HallMigration } from './index'

export const migration: HallMigration = {
  version: 2,
  name: 'operators',
  sql: `
CREATE SEQUENCE operator_seq;
CREATE TABLE operators (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 16),
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('window', 'reviewer', 'output', 'courier', 'agent', 'supervisor')),
  pin_hash text NOT NULL,
  id_lookup text UNIQUE,
  disabled boolean NOT NULL DEFAULT false,
  created_at text NOT NULL,
  updated_at text NOT NULL,
  updated_by text NOT NULL REFERENCES stations (code),
  hall_seq bigint NOT NULL UNIQUE
);
CREATE FUNCTION hall_notify_operator() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('hall_changes', 'operators:' || NEW.hall_seq::text);
  RETURN NEW;
END $$;
CREATE TRIGGER operators_notify AFTER INSERT OR UPDATE ON operators FOR EACH ROW EXECUTE FUNCTION hall_notify_operator();
`,
}
