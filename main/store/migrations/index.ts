/**
 * Every schema migration, in one list. Add a file `NNN_name.ts` exporting
 * `migration` and one line here; never edit a migration that has shipped.
 * Numbers: 1–19 cases (store core), 20+ printing and later areas.
 */
import type { Migration } from '../migrator'
import { migration as m001 } from './001_audit_log'
import { migration as m002 } from './002_cases'
import { migration as m003 } from './003_drafts'
import { migration as m004 } from './004_reference_data'
import { migration as m005 } from './005_store_meta'
import { migration as m006 } from './006_cases_one_row'
import { migration as m020 } from './020_print_jobs'
import { migration as m030 } from './030_attachments'

export const migrations: readonly Migration[] = [m001, m002, m003, m004, m005, m006, m020, m030]
