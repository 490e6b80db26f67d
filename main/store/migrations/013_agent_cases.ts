import type { Migration } from '../migrator'

/**
 * 代办 (银行网点代办): a case taken by a bank branch on the hall's behalf
 * records the branch (its code and name as the station config gives them),
 * the branch clerk who took it, and the SHA-256 of the photographed
 * authorisation (授权委托书) the applicant signed — the photo itself is an
 * attachment of the case, its hash also on the audit chain.
 *
 * - All four are set together or not at all (a hall window's case has none).
 * - Columns on `cases`, not a table: the queue lists and badges them with
 *   every row, and the summary is one row with no join (migration 006).
 * - A partial index carries only 代办 cases, so a hall window's intake writes
 *   no extra index entry, and the 代办 queue and a branch's own list seek.
 */
export const migration: Migration = {
  version: 13,
  name: 'agent_cases',
  up(db) {
    db.exec(`
      ALTER TABLE cases ADD COLUMN agent_branch_code TEXT CHECK (agent_branch_code IS NULL OR length(agent_branch_code) BETWEEN 1 AND 20);
      ALTER TABLE cases ADD COLUMN agent_branch_name TEXT CHECK ((agent_branch_name IS NULL) = (agent_branch_code IS NULL));
      ALTER TABLE cases ADD COLUMN agent_name TEXT CHECK ((agent_name IS NULL) = (agent_branch_code IS NULL));
      ALTER TABLE cases ADD COLUMN authorisation_sha256 TEXT
        CHECK ((authorisation_sha256 IS NULL) = (agent_branch_code IS NULL) AND (authorisation_sha256 IS NULL OR length(authorisation_sha256) = 64));
      CREATE INDEX cases_agent_by_accepted ON cases (agent_branch_code, accepted_at, id) WHERE agent_branch_code IS NOT NULL;
    `)
  },
}
