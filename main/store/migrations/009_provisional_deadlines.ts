import type { Migration } from '../migrator'

/**
 * Provisional deadlines (暂定): a case accepted while its deadline reached a
 * year with no holiday calendar keeps, as JSON, which years were counted as
 * weekends only and which 补正 pauses were counted that way (see
 * domain/provisionalDeadline.ts). NULL = an exact deadline. Importing the
 * year finds the open ones through the partial index and clears the mark.
 */
export const migration: Migration = {
  version: 9,
  name: 'provisional_deadlines',
  up(db) {
    db.exec(`
      ALTER TABLE cases ADD COLUMN provisional_deadline TEXT CHECK (provisional_deadline IS NULL OR json_valid(provisional_deadline));
      CREATE INDEX cases_provisional_deadline ON cases (id) WHERE provisional_deadline IS NOT NULL;
    `)
  },
}
