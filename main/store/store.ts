/**
 * The station's store: one writer connection and the repositories on it.
 * Services get this object and never see SQL; a change spanning several
 * repositories runs in `store.transaction`, together with its audit row.
 */
import { AppError } from '../domain/errors'
import { utcTimestamp } from '../domain/timestamps'
import { advanceAuditAnchor, auditAnchorFile, type AnchorAdvance } from './auditAnchor'
import { appendAudit, keyAuditChain, type AuditEntry, type AuditRow } from './auditChain'
import { AttachmentCipher } from './attachmentCipher'
import { auditKeysOf, type AuditKeys } from './auditKeys'
import { CaseQueueRepository } from './caseQueueRepository'
import { CaseRepository } from './caseRepository'
import { CertificatesRepository } from './certificatesRepository'
import { CollectionRepository } from './collectionRepository'
import { databaseFile, openDatabase } from './database'
import { DraftRepository } from './draftRepository'
import { IdCipher } from './idCipher'
import { OperatorsRepository } from './operatorsRepository'
import { ItemUsageRepository } from './itemUsageRepository'
import type { KeyProvider } from './keyProviders'
import type { Migration } from './migrator'
import { migrations as knownMigrations } from './migrations'
import { OutboxRepository } from './outboxRepository'
import { HandoverRepository } from './handoverRepository'
import { RatingsRepository } from './ratingsRepository'
import { ReferenceDataRepository } from './referenceDataRepository'
import { SequenceRepository } from './sequenceRepository'
import { ShipmentsRepository } from './shipmentsRepository'
import { StoreMeta } from './storeMeta'
import { HallCasesRepository } from './hallCasesRepository'
import type { Db, Statement, Transaction } from './sqlite'

export interface StoreOptions {
  dataDir: string
  keyProvider: KeyProvider
  /** Tests pass extra or fewer migrations; the app uses the full list. */
  migrations?: readonly Migration[]
  /** The hall's clock (settable in tests): the moment a row is written when the caller gives none (the outbox). */
  clock?: StoreClock
}

export interface StoreClock {
  now(): Date
}

export class Store {
  readonly cases: CaseRepository
  readonly queue: CaseQueueRepository
  readonly sequences: SequenceRepository
  readonly drafts: DraftRepository
  readonly reference: ReferenceDataRepository
  readonly itemUsage: ItemUsageRepository
  /** Every external effect, written with the change that needs it (main/outbox runs them). */
  readonly outbox: OutboxRepository
  /** The courier desk: shipments and their tracking; handover batches (交接清单). */
  readonly shipments: ShipmentsRepository
  readonly handover: HandoverRepository
  /** 好差评: ratings (never changed) and the follow-ups a 差评 opens. */
  readonly ratings: RatingsRepository
  /** The certificate recorded at approval (准予), one per case. */
  readonly certificates: CertificatesRepository
  /** The output window: agents named on cases (委托书) and who collected. */
  readonly collection: CollectionRepository
  /** Operator accounts: roles, PIN hashes, lockouts (migration 017). */
  readonly operators: OperatorsRepository
  /** store_meta as key–value (the hall key, the hall follower's position). */
  readonly meta: StoreMeta
  /** Hall mode: cases and steps pulled from the hall, the follower's position (migration 018). */
  readonly hallCases: HallCasesRepository
  // One wrapper for every transaction: building a new one per call cost ~30 µs of the ~150 µs an intake takes.
  private readonly runInTransaction: Transaction<(fn: () => unknown) => unknown>
  // Asked on every intake (are the cached catalog and calendar stale?): prepared once, not per call.
  private readonly dataVersion: Statement
  private closed = false
  // Set when the background integrity check found damage (services/system/storeIntegrity.ts).
  private writeRefusal: string | undefined

  constructor(
    /** The writer connection. Other store modules (printing's repositories) build on it; services must not. */
    readonly db: Db,
    readonly file: string,
    readonly schemaVersion: number,
    readonly cipher: IdCipher,
    /** Seals photo files and their thumbnails at rest (attachmentCipher.ts). */
    readonly attachmentCipher: AttachmentCipher,
    readonly clock: StoreClock = { now: () => new Date() },
    /** The audit chain's and anchor's keys (auditKeys.ts); absent, the anchor cannot be moved. */
    private readonly auditKeys?: AuditKeys,
  ) {
    this.cases = new CaseRepository(db, cipher)
    this.queue = new CaseQueueRepository(db, cipher)
    this.sequences = new SequenceRepository(db)
    this.drafts = new DraftRepository(db, cipher)
    this.reference = new ReferenceDataRepository(db)
    this.itemUsage = new ItemUsageRepository(db)
    this.outbox = new OutboxRepository(db, clock)
    this.shipments = new ShipmentsRepository(db, this.sequences)
    this.handover = new HandoverRepository(db, this.shipments)
    this.ratings = new RatingsRepository(db)
    this.certificates = new CertificatesRepository(db)
    this.collection = new CollectionRepository(db, cipher)
    this.operators = new OperatorsRepository(db)
    this.meta = new StoreMeta(db)
    this.hallCases = new HallCasesRepository(db, this.cases, this.certificates, this.meta, clock)
    this.runInTransaction = db.transaction((fn: () => unknown) => fn())
    this.dataVersion = db.prepare('PRAGMA data_version').pluck()
  }

  /**
   * Runs `fn` as one IMMEDIATE transaction (the write lock is taken up front,
   * so a CLI import running beside the app waits instead of failing halfway).
   * Nested calls become savepoints of the outer one. A throw rolls back all.
   */
  transaction<T>(fn: () => T): T {
    if (this.writeRefusal !== undefined) throw new AppError('STORE_ERROR', this.writeRefusal)
    return this.runInTransaction.immediate(fn) as T
  }

  /**
   * From now on every write is refused: a transaction with `reason`, any other
   * write by SQLite itself (query_only). Reads go on, so staff can still look
   * cases up and answer the people at the counter.
   */
  refuseWrites(reason: string): void {
    this.writeRefusal = reason
    if (!this.closed) this.db.pragma('query_only = ON')
  }

  /** Why writes are refused, if they are. */
  get writesRefusedBecause(): string | undefined {
    return this.writeRefusal
  }

  /** True while a transaction is open on the writer connection (whoever opened it). */
  get inTransaction(): boolean {
    return this.db.inTransaction
  }

  /** Appends to the audit chain; only inside `transaction`, with the change it records. */
  audit(entry: AuditEntry): AuditRow {
    return appendAudit(this.db, entry)
  }

  /** The signed head of the audit chain, beside the database (auditAnchor.ts). */
  get auditAnchorFile(): string {
    return auditAnchorFile(this.file)
  }

  /** Moves the anchor to the chain's head once the rows since it check out; `create`: also when there is none. */
  advanceAuditAnchor(ifMissing: 'leave' | 'create' = 'leave'): AnchorAdvance {
    if (!this.auditKeys) throw new AppError('STORE_ERROR', '此数据库连接没有审计密钥，不能更新锚点')
    return advanceAuditAnchor(this.db, this.auditAnchorFile, this.auditKeys, utcTimestamp(this.clock.now()), ifMissing)
  }

  /**
   * Changes whenever another connection (a CLI import beside the running app)
   * commits: caches of imported reference data compare it to know they are stale.
   */
  externalChangeCount(): number {
    return this.dataVersion.get() as number
  }

  get isOpen(): boolean {
    return !this.closed
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    this.db.close()
  }
}

const KEY_CHECK = 'id_key_check'

/**
 * Refuses a database whose ID numbers were encrypted with another key (a key
 * file replaced or a database copied between stations), at start rather than
 * at the first case page.
 */
function bindKey(db: Db, cipher: IdCipher, keyDescription: string, file: string): void {
  const stored = db.prepare('SELECT value FROM store_meta WHERE key = ?').pluck().get(KEY_CHECK) as string | undefined
  const check = cipher.keyCheck()
  if (stored === undefined) {
    db.prepare('INSERT INTO store_meta (key, value) VALUES (?, ?)').run(KEY_CHECK, check)
  } else if (stored !== check) {
    throw new AppError(
      'STORE_ERROR',
      `数据库 ${file} 的身份证号是用另一把密钥加密的，与${keyDescription}不匹配：请放回原来的密钥文件（或从备份恢复），不要新建密钥`,
    )
  }
}

/** Opens (creating if needed) the store in a data directory. */
export function openStore(options: StoreOptions): Store {
  // The key first: a missing or unsafe key must stop the start before the database is touched.
  const cipher = new IdCipher(options.keyProvider.masterKey())
  const auditKeys = auditKeysOf(options.keyProvider.masterKey())
  const file = databaseFile(options.dataDir)
  const { db, migrations } = openDatabase(file, options.migrations ?? knownMigrations)
  try {
    bindKey(db, cipher, options.keyProvider.description, file)
    const { isNewSwitch } = keyAuditChain(db, auditKeys.chain)
    const store = new Store(db, file, migrations.schemaVersion, cipher, new AttachmentCipher(options.keyProvider.masterKey()), options.clock, auditKeys)
    // The first keyed open anchors the chain at once; later a missing anchor is a finding, never silently replaced.
    if (isNewSwitch) store.advanceAuditAnchor('create')
    return store
  } catch (err) {
    db.close()
    throw err
  }
}
