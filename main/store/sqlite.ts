/** The one SQLite binding every repository speaks through. */
import type BetterSqlite3 from 'better-sqlite3'

export type Db = BetterSqlite3.Database
export type Statement<P extends unknown[] = unknown[], R = unknown> = BetterSqlite3.Statement<P, R>
export type Transaction<F extends (...args: never[]) => unknown> = BetterSqlite3.Transaction<F>
