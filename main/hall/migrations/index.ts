/** The hall schema's migrations, in version order (run by `hall init`; main/hall/hallSchema.ts). */
import { migration as m001 } from './001_hall'
import { migration as m002 } from './002_operators'

export interface HallMigration {
  version: number
  name: string
  /** Runs in one transaction with the version row it adds. */
  sql: string
}

export const hallMigrations: readonly HallMigration[] = [m001, m002]

/** The newest hall schema this build knows. */
export const HALL_SCHEMA_VERSION = hallMigrations[hallMigrations.length - 1]!.version
