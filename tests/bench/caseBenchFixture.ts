/**
 * A station database with 1,000,000 cases for the queue and lookup figures.
 * A bench fixture, so it is built by bulk SQL (a minute), not through the
 * services (hours of fsyncs): real schema and indexes, real ciphertexts and
 * lookup hashes, realistic spreads of items, states, dates and people.
 * Cached under the OS temp folder, keyed by schema version, between runs.
 */
import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { maskIdNumber } from '../../main/domain/masking'
import { districtsOf, idNumber, mobile, personName, pick, seededRandom } from '../../main/services/cases/demoPeople'
import { databaseFile } from '../../main/store/database'
import { FileKeyProvider } from '../../main/store/keyProviders'
import { latestVersion } from '../../main/store/migrator'
import { migrations } from '../../main/store/migrations'
import { openStore } from '../../main/store/store'
import { resourcesDir } from '../../main/config/paths'
import { readCatalogFile, SAMPLE_CATALOG_FILE } from '../../main/services/cases/catalogService'

export const BENCH_CASES = 1_000_000
const PEOPLE = 50_000
const DAYS = 400
/** Bump when the fixture's content changes, so stale caches are rebuilt. */
const FIXTURE_VERSION = 4
/** The bench's "today": the newest day in the fixture. */
export const BENCH_TODAY = new Date(2026, 5, 30, 10, 0)
const FIRST_DAY = '2025-05-27'

export interface BenchFixture {
  dataDir: string
  /** A few case numbers that exist, spread over the table. */
  sampleCaseNos: string[]
  samplePerson: { name: string; phone: string; idNumber: string }
}

/** Keyed by the schema itself (every migration's code), so an edited migration rebuilds the cache too. */
function fixtureDir(): string {
  const schema = createHash('sha256').update(migrations.map((m) => `${m.version}:${m.up.toString()}`).join('\n')).digest('hex').slice(0, 10)
  return join(tmpdir(), 'onewindow-bench', `cases-${BENCH_CASES}-v${latestVersion(migrations)}-${schema}-f${FIXTURE_VERSION}`)
}

/** Builds (or reuses) the 1M-case data directory. */
export function caseBenchFixture(log: (line: string) => void = () => {}): BenchFixture {
  const dataDir = fixtureDir()
  const done = join(dataDir, 'fixture-complete')
  const random = seededRandom(42)
  const district = districtsOf('320300')
  const people = Array.from({ length: PEOPLE }, () => {
    const d = pick(random, district)
    return { name: personName(random), phone: mobile(random), idNumber: idNumber(random, d), address: `${d.province}${d.city}${d.name}` }
  })
  const samplePerson = people[1234]!
  const sampleCaseNos = [0, 1, 2499, 333_333, 500_000, 777_777, BENCH_CASES - 1].map((i) => caseNoOf(i))
  if (existsSync(done)) return { dataDir, sampleCaseNos, samplePerson }

  // Caches built for an older schema or fixture are 1.7 GB each and never read again.
  const cacheRoot = join(dataDir, '..')
  if (existsSync(cacheRoot)) for (const stale of readdirSync(cacheRoot)) if (stale.startsWith(`cases-${BENCH_CASES}-`)) rmSync(join(cacheRoot, stale), { recursive: true, force: true })
  mkdirSync(dataDir, { recursive: true })
  log(`building ${BENCH_CASES} cases in ${dataDir} (once; cached) …`)
  const started = Date.now()
  // The real store makes the schema and binds the key; then a raw connection bulk-loads without fsyncs.
  const store = openStore({ dataDir, keyProvider: new FileKeyProvider(dataDir) })
  const encrypted = people.map((p) => ({ ...p, hash: store.cipher.lookupHash(p.idNumber), cipher: store.cipher.encryptId(p.idNumber), masked: maskIdNumber(p.idNumber) }))
  store.close()

  const db = new Database(databaseFile(dataDir))
  db.pragma('journal_mode = DELETE')
  db.pragma('synchronous = OFF')
  db.pragma('cache_size = -400000')
  db.exec('CREATE TEMP TABLE bench_people (k INTEGER PRIMARY KEY, name TEXT, phone TEXT, hash BLOB, cipher BLOB, masked TEXT, address TEXT)')
  db.exec('CREATE TEMP TABLE bench_items (k INTEGER PRIMARY KEY, code TEXT, name TEXT, department TEXT, days INTEGER, materials TEXT)')
  // The shipped sample hall's 40 items: how selective an item filter is depends on there being a realistic number.
  const items = readCatalogFile(join(resourcesDir(), 'catalog', SAMPLE_CATALOG_FILE)).items
  db.transaction(() => {
    const ip = db.prepare('INSERT INTO bench_people VALUES (?, ?, ?, ?, ?, ?, ?)')
    encrypted.forEach((p, k) => ip.run(k, p.name, p.phone, p.hash, p.cipher, p.masked, p.address))
    const ii = db.prepare('INSERT INTO bench_items VALUES (?, ?, ?, ?, ?, ?)')
    // Each case carries its item's checklist, all received: rows as wide as real ones.
    const checklist = (it: (typeof items)[number]): string =>
      JSON.stringify(it.materials.map((m) => ({ materialId: m.id, name: m.name, form: m.form, copies: m.copies, required: m.required, receivedCopies: m.copies, status: 'received', promiseDate: null, suppliedAt: null })))
    items.forEach((it, k) => ii.run(k, it.code, it.name, it.department, it.promisedDays, checklist(it)))
  })()
  const perDay = BENCH_CASES / DAYS
  db.exec(`
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${BENCH_CASES - 1}),
    base AS (
      SELECT i, date('${FIRST_DAY}', '+' || (i / ${perDay}) || ' days') AS day, (i % ${perDay}) + 1 AS seq,
             (i / ${perDay}) AS d, (i * 7) % 100 AS r, it.code, it.name, it.department, it.days, it.materials
      FROM n JOIN bench_items it ON it.k = i % ${items.length}
    ),
    shaped AS (
      SELECT *, CASE
        WHEN d < ${DAYS - 30} THEN CASE WHEN r < 70 THEN 'collected' WHEN r < 85 THEN 'delivered' WHEN r < 92 THEN 'rejected' ELSE 'withdrawn' END
        ELSE CASE WHEN r < 20 THEN 'accepted' WHEN r < 50 THEN 'in_review' WHEN r < 60 THEN 'needs_supplement' WHEN r < 75 THEN 'approved' WHEN r < 90 THEN 'ready' ELSE 'shipping' END
      END AS state
      FROM base
    )
    INSERT INTO cases (id, case_no, item_code, item_name, department, state, clock, station_id, operator, accepted_at, accepted_date,
      promised_days, paused_days, paused_since, deadline, warn_date, delivery, fee_cents, fee_name, fee_receipt_no, note, draft_id, updated_at, version,
      applicant_kind, applicant_name, applicant_phone, applicant_address, id_kind, id_hash, id_cipher, id_masked, uscc,
      handler_name, handler_id_hash, handler_id_cipher, handler_id_masked, materials)
    SELECT i + 1, '320300' || replace(day, '-', '') || '001' || printf('%04d', seq), code, s.name, s.department, state,
      CASE WHEN state IN ('accepted', 'in_review', 'approved') THEN 'running' WHEN state = 'needs_supplement' THEN 'paused' ELSE 'stopped' END,
      '001', 'A00' || (i % 5), strftime('%Y-%m-%dT%H:%M:%fZ', day || 'T' || printf('%02d:%02d:%02d.000+08:00', 8 + seq * 9 / ${perDay}, (seq * 7) % 60, seq % 60)), day,
      days, 0, CASE WHEN state = 'needs_supplement' THEN day END,
      date(day, '+' || (days * 7 / 5) || ' days'), date(day, '+' || max(0, days * 7 / 5 - 2) || ' days'),
      CASE WHEN state IN ('shipping', 'delivered') THEN 'express' ELSE 'window' END, NULL, NULL, NULL, NULL, NULL,
      strftime('%Y-%m-%dT%H:%M:%fZ', day || 'T18:00:00.000+08:00'), 1,
      'person', p.name, p.phone, p.address, 'resident', p.hash, p.cipher, p.masked, NULL, NULL, NULL, NULL, NULL, s.materials
    FROM shaped s JOIN bench_people p ON p.k = ((i + 1) * 7919) % ${PEOPLE};

    INSERT INTO case_events (case_id, seq, case_no, at, operator, station_id, action, from_state, to_state, note, details)
    SELECT id, 1, case_no, accepted_at, operator, '001', 'accept', NULL, 'accepted', NULL, NULL FROM cases;
  `)
  db.pragma('journal_mode = WAL')
  db.close()
  writeFileSync(join(dataDir, 'catalog.json'), readFileSync(join(resourcesDir(), 'catalog', SAMPLE_CATALOG_FILE)))
  writeFileSync(done, new Date().toISOString())
  log(`built in ${((Date.now() - started) / 1000).toFixed(0)} s`)
  return { dataDir, sampleCaseNos, samplePerson }
}

function caseNoOf(i: number): string {
  const perDay = BENCH_CASES / DAYS
  const day = new Date(Date.UTC(2025, 4, 27 + Math.floor(i / perDay)))
  const ymd = day.toISOString().slice(0, 10).replaceAll('-', '')
  return `320300${ymd}001${String((i % perDay) + 1).padStart(4, '0')}`
}
