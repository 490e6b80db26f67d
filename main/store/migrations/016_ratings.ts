import type { Migration } from '../migrator'

/**
 * 好差评 (国办发〔2019〕51号): the applicant's ratings and the follow-ups a
 * 差评 opens.
 *
 * - `ratings`: one row per case and visit (一次一评), never changed and never
 *   deleted (triggers, as for the audit log): a rating is the applicant's
 *   word about the hall, not the hall's to correct. `signed` is 1 unless the
 *   applicant chose to rate anonymously; the contact is the case's applicant.
 * - `rating_follow_ups`: one per 差评 (grade 1–2), opened in the rating's
 *   transaction. It moves from open to closed, never back, and is never
 *   deleted; a signed 差评 cannot close without its return visit (CHECK).
 *   The due date is counted from `opened_on` and `days` with the hall
 *   calendar on every read, so a holiday year imported later settles it.
 */
export const migration: Migration = {
  version: 16,
  name: 'ratings',
  up(db) {
    db.exec(`
      CREATE TABLE ratings (
        id INTEGER PRIMARY KEY,
        case_no TEXT NOT NULL,
        visit TEXT NOT NULL CHECK (visit IN ('intake', 'output')),
        grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 5),
        reasons TEXT NOT NULL CHECK (json_valid(reasons) AND json_type(reasons) = 'array'),
        text TEXT,
        signed INTEGER NOT NULL CHECK (signed IN (0, 1)),
        -- The staff member who served the applicant (signed in when the rating was offered or given).
        staff TEXT,
        station_id TEXT NOT NULL,
        rated_at TEXT NOT NULL,
        rated_on TEXT NOT NULL,
        CHECK (grade > 2 OR json_array_length(reasons) > 0),
        UNIQUE (case_no, visit)
      );
      CREATE INDEX ratings_by_day ON ratings (rated_on, grade);

      CREATE TRIGGER ratings_no_update BEFORE UPDATE ON ratings
      BEGIN SELECT RAISE(ABORT, 'ratings are never edited (好差评 is the applicant''s word)'); END;
      CREATE TRIGGER ratings_no_delete BEFORE DELETE ON ratings
      BEGIN SELECT RAISE(ABORT, 'ratings are never deleted (好差评 is the applicant''s word)'); END;

      CREATE TABLE rating_follow_ups (
        rating_id INTEGER PRIMARY KEY REFERENCES ratings (id),
        case_no TEXT NOT NULL,
        visit TEXT NOT NULL,
        grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 2),
        signed INTEGER NOT NULL CHECK (signed IN (0, 1)),
        opened_on TEXT NOT NULL,
        days INTEGER NOT NULL CHECK (days BETWEEN 5 AND 15),
        state TEXT NOT NULL CHECK (state IN ('open', 'closed')),
        return_visit_at TEXT,
        return_visit_by TEXT,
        return_visit_note TEXT,
        -- The applicant confirmed the outcome of the return visit by signing (回访签字确认).
        return_visit_signed INTEGER CHECK (return_visit_signed IN (0, 1)),
        closed_at TEXT,
        closed_by TEXT,
        close_note TEXT,
        CHECK (return_visit_at IS NULL OR (return_visit_by IS NOT NULL AND return_visit_note IS NOT NULL AND return_visit_signed IS NOT NULL)),
        CHECK (state = 'open' OR (closed_at IS NOT NULL AND closed_by IS NOT NULL)),
        CHECK (state = 'open' OR signed = 0 OR return_visit_at IS NOT NULL)
      );
      CREATE INDEX rating_follow_ups_open ON rating_follow_ups (state, opened_on);

      CREATE TRIGGER rating_follow_ups_no_delete BEFORE DELETE ON rating_follow_ups
      BEGIN SELECT RAISE(ABORT, 'a 差评 follow-up is never deleted'); END;
      -- What the rating said, and a closed follow-up, stay as they were.
      CREATE TRIGGER rating_follow_ups_fixed BEFORE UPDATE ON rating_follow_ups
      WHEN OLD.state = 'closed' OR NEW.rating_id IS NOT OLD.rating_id OR NEW.case_no IS NOT OLD.case_no OR NEW.visit IS NOT OLD.visit
        OR NEW.grade IS NOT OLD.grade OR NEW.signed IS NOT OLD.signed OR NEW.opened_on IS NOT OLD.opened_on OR NEW.days IS NOT OLD.days
        OR (OLD.return_visit_at IS NOT NULL AND NEW.return_visit_at IS NOT OLD.return_visit_at)
      BEGIN SELECT RAISE(ABORT, 'a 差评 follow-up only moves forward: its rating, a recorded return visit and a closing stay as written'); END;
    `)
  },
}
