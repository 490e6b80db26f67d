/**
 * Every schema migration, in one list. Add a file `NNN_name.ts` exporting
 * `migration` and one line here; never edit a migration that has shipped.
 * Numbers run 1, 2, 3, … with no gap, in the order they were written: a gap
 * would let a later number run before an earlier one on databases of different
 * ages (orderedMigrations refuses one; tests/unit/store/migrations.test.ts too).
 */
import type { Migration } from '../migrator'
import { migration as m001 } from './001_audit_log'
import { migration as m002 } from './002_cases'
import { migration as m003 } from './003_drafts'
import { migration as m004 } from './004_reference_data'
import { migration as m005 } from './005_store_meta'
import { migration as m006 } from './006_cases_one_row'
import { migration as m007 } from './007_print_jobs'
import { migration as m008 } from './008_attachments'
import { migration as m009 } from './009_provisional_deadlines'
import { migration as m010 } from './010_utc_timestamps'
import { migration as m011 } from './011_outbox'
import { migration as m012 } from './012_shipments'
import { migration as m013 } from './013_agent_cases'
import { migration as m014 } from './014_certificates'
import { migration as m015 } from './015_collection'
import { migration as m016 } from './016_ratings'
import { migration as m017 } from './017_operators'
import { migration as m018 } from './018_hall'
import { migration as m019 } from './019_report_indexes'
import { migration as m020 } from './020_upstream'

export const migrations: readonly Migration[] = [m001, m002, m003, m004, m005, m006, m007, m008, m009, m010, m011, m012, m013, m014, m015, m016, m017, m018, m019, m020]
