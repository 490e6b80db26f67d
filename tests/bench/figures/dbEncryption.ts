/**
 * Whole-database encryption, measured to decide it (README "Whole-database
 * encryption"): what `better-sqlite3-multiple-ciphers` (SQLite3 Multiple
 * Ciphers; the better-sqlite3 API, a devDependency for this measurement
 * only — the product's driver stays better-sqlite3) costs on the two figures
 * that matter at the counter, each a same-run ratio encrypted ÷ plain:
 *
 * - intake commit rate: whole `intake.accept` calls (commit included) per
 *   second on an encrypted store ÷ on the product's plain store, same disk,
 *   same pragmas (WAL, synchronous=FULL). 1 would be free.
 * - case lookup on 1,000,000 cases: the median time of `cases.get` by case
 *   number on an encrypted copy of the bench fixture ÷ on the plain fixture.
 *   1 would be free. The median, not the p99 of cases.ts: decryption costs
 *   every lookup that leaves SQLite's cache, so the median shows it, while
 *   the p99 ratio swung between 1.5 and 3 over runs on this busy machine
 *   (it is in the note).
 *
 * Both sides run one operation each in turn (not in blocks): on this shared
 * 2-core machine a busy neighbour or a slow fsync then hits every side alike.
 * The cipher is SQLite3MC's default, ChaCha20-Poly1305 (every page and WAL
 * frame authenticated); the note gives the SQLCipher scheme (AES-256-CBC +
 * HMAC-SHA512) and the other driver build without a key, so the driver's own
 * difference is not blamed on the cipher.
 * Targets: how much the option may cost and stay viable — the counter's own
 * goals still met (commit ratio ≥ 0.5 in cases.ts, lookups well inside 1 ms
 * from a plain median of ~0.1 ms). A miss says the option got dearer, not that
 * the product regressed: nothing in the product uses this driver.
 */
import Database from 'better-sqlite3'
import Cipher from 'better-sqlite3-multiple-ciphers'
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { hkdfSync } from 'node:crypto'
import { basename, join } from 'node:path'
import { EventBus } from '../../../main/services/eventBus'
import { buildCaseServices, type CaseServices } from '../../../main/services/cases/caseServices'
import { SettableClock } from '../../../main/services/cases/hallClock'
import { SessionService } from '../../../main/services/system/session'
import { AttachmentCipher } from '../../../main/store/attachmentCipher'
import { keyAuditChain } from '../../../main/store/auditChain'
import { auditKeysOf } from '../../../main/store/auditKeys'
import { applyPragmas, databaseFile } from '../../../main/store/database'
import { IdCipher } from '../../../main/store/idCipher'
import { FileKeyProvider, KEY_FILE_NAME } from '../../../main/store/keyProviders'
import { applyMigrations } from '../../../main/store/migrator'
import { migrations } from '../../../main/store/migrations'
import type { Db } from '../../../main/store/sqlite'
import { openStore, Store } from '../../../main/store/store'
import { aPersonForm, caseCatalog, MONDAY, tempDataDir } from '../../fixtures/caseWorld'
import { BENCH_TODAY, caseBenchFixture } from '../caseBenchFixture'
import { median, percentile, sameRunRatio, type BenchFigure } from '../figure'

type CipherName = 'chacha20' | 'sqlcipher' | 'none'

const INTAKES = 400
const LOOKUPS = 5000

/** The database key a product would use: derived from the station's master key, like every other key. */
function databaseKeyHex(master: Buffer): string {
  return Buffer.from(hkdfSync('sha256', master, 'onewindow', 'database/sqlite3mc/v1', 32)).toString('hex')
}

/** A connection of the other driver build, keyed with `cipher` (or plain with 'none'). */
function openCipherConnection(file: string, cipher: CipherName, keyHex: string): Db {
  const db = new Cipher(file) as unknown as Db
  if (cipher !== 'none') {
    db.pragma(`cipher = '${cipher}'`)
    db.pragma(`hexkey = '${keyHex}'`)
  }
  return db
}

/** The product's store, on a connection of the other driver: same pragmas, migrations, keys and repositories. */
function storeOn(db: Db, dataDir: string, clock: SettableClock): Store {
  const master = new FileKeyProvider(dataDir).masterKey()
  applyPragmas(db)
  const { schemaVersion } = applyMigrations(db, migrations)
  const auditKeys = auditKeysOf(master)
  keyAuditChain(db, auditKeys.chain)
  return new Store(db, databaseFile(dataDir), schemaVersion, new IdCipher(master), new AttachmentCipher(master), clock, auditKeys)
}

interface Counter {
  store: Store
  services: CaseServices
  dataDir: string
}

function aCounter(cipher: CipherName | 'product', clockAt: Date, dataDir = tempDataDir('onewindow-bench-dbenc-'), catalogFile?: string): Counter {
  const clock = new SettableClock(clockAt)
  let store: Store
  if (cipher === 'product') {
    store = openStore({ dataDir, keyProvider: new FileKeyProvider(dataDir), clock })
  } else {
    const key = databaseKeyHex(new FileKeyProvider(dataDir).masterKey())
    store = storeOn(openCipherConnection(databaseFile(dataDir), cipher, key), dataDir, clock)
  }
  let sampleCatalogFile = catalogFile
  if (!sampleCatalogFile) {
    sampleCatalogFile = join(dataDir, 'test-catalog.json')
    writeFileSync(sampleCatalogFile, JSON.stringify(caseCatalog()))
  }
  const events = new EventBus()
  const session = new SessionService({ events })
  session.actAs('BENCH01')
  const services = buildCaseServices({ store, events, session, clock, dataDir, stationId: '001', regionCode: '320300', sampleCatalogFile })
  return { store, services, dataDir }
}

function timed(fn: () => unknown): number {
  const started = performance.now()
  fn()
  return performance.now() - started
}

/**
 * One operation on each side in turn, `n` times, the order rotated each turn:
 * on this shared 2-core machine a busy neighbour or a slow fsync hits every
 * side alike instead of deciding whichever block it fell on. Times by side.
 */
function interleaved<S extends string>(sides: ReadonlyArray<{ side: S; op: (i: number) => unknown }>, n: number): Map<S, number[]> {
  const times = new Map<S, number[]>(sides.map(({ side }) => [side, []]))
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < sides.length; k++) {
      const { side, op } = sides[(i + k) % sides.length]!
      times.get(side)!.push(timed(() => op(i)))
    }
  }
  return times
}

/** Median time of one whole intake on each side (commit included), after a warm-up. */
function intakeTimes(sides: Array<CipherName | 'product'>): Map<string, number> {
  const counters = sides.map((side) => ({ side, counter: aCounter(side, MONDAY) }))
  try {
    const ops = counters.map(({ side, counter }) => ({ side, op: () => counter.services.intake.accept({ form: aPersonForm() }) }))
    interleaved(ops, 20)
    const times = interleaved(ops, INTAKES)
    if (process.env.BENCH_VERBOSE) for (const [side, list] of times) console.error(`dbEncryption: intake ${side}: p50 ${percentile(list, 50).toFixed(3)} ms, p90 ${percentile(list, 90).toFixed(3)} ms`)
    return new Map([...times].map(([side, list]) => [side, median(list)]))
  } finally {
    for (const { counter } of counters) {
      counter.store.close()
      rmSync(counter.dataDir, { recursive: true, force: true })
    }
  }
}

/**
 * The 1M-case fixture encrypted with `cipher`: a copy re-keyed in place
 * (rekey needs a rollback journal), cached beside the plain one.
 */
function encryptedFixture(plainDir: string, cipher: Exclude<CipherName, 'none'>): string {
  const dir = `${plainDir}-${cipher}`
  const done = join(dir, 'fixture-complete')
  if (existsSync(done)) return dir
  // Copies made for an older plain fixture are 1.7 GB each and never read again.
  const root = join(plainDir, '..')
  for (const stale of readdirSync(root)) if (stale.endsWith(`-${cipher}`) && stale !== basename(dir)) rmSync(join(root, stale), { recursive: true, force: true })
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  console.error(`dbEncryption: encrypting a copy of the 1,000,000-case fixture with ${cipher} (once; cached) …`)
  const plain = new Database(databaseFile(plainDir))
  plain.pragma('wal_checkpoint(TRUNCATE)')
  plain.close()
  for (const name of [KEY_FILE_NAME, 'catalog.json', 'onewindow.sqlite']) copyFileSync(join(plainDir, name), join(dir, name))
  const db = new Cipher(databaseFile(dir))
  db.pragma('journal_mode = DELETE')
  db.pragma(`cipher = '${cipher}'`)
  db.pragma(`hexrekey = '${databaseKeyHex(new FileKeyProvider(dir).masterKey())}'`)
  db.close()
  writeFileSync(done, new Date().toISOString())
  return dir
}

function randomCaseNos(n: number): string[] {
  const perDay = 2500
  return Array.from({ length: n }, () => {
    const i = Math.floor(Math.random() * 1_000_000)
    const day = new Date(Date.UTC(2025, 4, 27 + Math.floor(i / perDay))).toISOString().slice(0, 10).replaceAll('-', '')
    return `320300${day}001${String((i % perDay) + 1).padStart(4, '0')}`
  })
}

/** p50 and p99 of `cases.get` on each side: the same random case number on every side in turn. */
function lookupPercentiles(sides: Array<CipherName | 'product'>): Map<string, { p50: number; p99: number }> {
  const plain = caseBenchFixture((line) => console.error(`dbEncryption: ${line}`))
  const counters = sides.map((side) => {
    // 'none': the plain fixture itself, through the other driver build (a second reader beside the product's).
    const dir = side === 'product' || side === 'none' ? plain.dataDir : encryptedFixture(plain.dataDir, side)
    return { side, counter: aCounter(side, BENCH_TODAY, dir, join(dir, 'catalog.json')) }
  })
  try {
    const warmUp = randomCaseNos(500)
    const caseNos = randomCaseNos(LOOKUPS)
    interleaved(counters.map(({ side, counter }) => ({ side, op: (i: number) => counter.services.cases.get(warmUp[i]!) })), warmUp.length)
    const times = interleaved(counters.map(({ side, counter }) => ({ side, op: (i: number) => counter.services.cases.get(caseNos[i]!) })), LOOKUPS)
    const result = new Map([...times].map(([side, list]) => [side, { p50: percentile(list, 50), p99: percentile(list, 99) }]))
    if (process.env.BENCH_VERBOSE) for (const [side, p] of result) console.error(`dbEncryption: lookup ${side}: p50 ${p.p50.toFixed(3)} ms, p99 ${p.p99.toFixed(3)} ms`)
    return result
  } finally {
    for (const { counter } of counters) counter.store.close()
  }
}

const ratio = (a: number, b: number): string => (a / b).toFixed(2)

export const figures: BenchFigure[] = [
  {
    name: 'dbEncryption: case lookup median, encrypted (ChaCha20) ÷ plain, 1,000,000 cases',
    run() {
      const p = lookupPercentiles(['product', 'none', 'chacha20', 'sqlcipher'])
      const plain = p.get('product')!
      const chacha = p.get('chacha20')!
      const aes = p.get('sqlcipher')!
      const none = p.get('none')!
      return {
        ...sameRunRatio(chacha.p50 / plain.p50, { atMost: 3 }, 'the same lookups on the plain fixture with the product driver, interleaved one by one'),
        note:
          `plain p50 ${plain.p50.toFixed(3)} ms, p99 ${plain.p99.toFixed(3)} ms; ChaCha20 p50 ${chacha.p50.toFixed(3)} ms, p99 ${chacha.p99.toFixed(3)} ms (p99 ratio ${ratio(chacha.p99, plain.p99)}); ` +
          `SQLCipher AES-256 p50 ratio ${ratio(aes.p50, plain.p50)}, p99 ratio ${ratio(aes.p99, plain.p99)}; other driver build without a key p50 ratio ${ratio(none.p50, plain.p50)}, p99 ratio ${ratio(none.p99, plain.p99)}`,
      }
    },
  },
  {
    name: 'dbEncryption: intake commit rate, encrypted (ChaCha20) ÷ plain (WAL, synchronous=FULL)',
    run() {
      // Rates are 1 / the median time of one intake, so encrypted ÷ plain rate = plain ÷ encrypted time.
      const times = intakeTimes(['product', 'none', 'chacha20', 'sqlcipher'])
      const plain = times.get('product')!
      return {
        ...sameRunRatio(plain / times.get('chacha20')!, { atLeast: 0.75 }, 'whole intakes per second on the product driver, plain, interleaved one by one'),
        note: `plain ${(1000 / plain).toFixed(0)}/s; SQLCipher AES-256 ratio ${ratio(plain, times.get('sqlcipher')!)}; other driver build without a key ${ratio(plain, times.get('none')!)}`,
      }
    },
  },
]
