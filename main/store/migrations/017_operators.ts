import type { Migration } from '../migrator'

/**
 * Operator accounts (工作人员): one row per person who signs in at this
 * station, with their role and a memory-hard hash of their PIN (scrypt; the
 * parameters travel in the hash so they can be raised later). `id_lookup` is
 * the keyed hash of the operator's own ID number (the same HMAC as the case
 * queue's), so a tap of their card finds them without storing the number.
 * Lockout state lives on the row: five failures lock the account until
 * `locked_until`. Accounts are disabled, never deleted: the audit trail names
 * them for as long as it is kept.
 */
export const migration: Migration = {
  version: 17,
  name: 'operators',
  up(db) {
    db.exec(`
      CREATE TABLE operators (
        id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 16),
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 32),
        role TEXT NOT NULL CHECK (role IN ('window', 'reviewer', 'output', 'courier', 'agent', 'supervisor')),
        pin_hash TEXT NOT NULL,
        id_lookup BLOB UNIQUE,
        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        failed_count INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TRIGGER operators_never_deleted BEFORE DELETE ON operators
      BEGIN SELECT RAISE(ABORT, 'operators are disabled, never deleted (the audit trail names them)'); END;
    `)
  },
}
