/**
 * The audit trail from outside the app: `audit verify` checks the keyed
 * chain against the signed anchor beside the database (and an anchor printed
 * earlier), then the cases and their timelines against the chain;
 * `audit anchor` moves the anchor to the head once the rows since it check
 * out. Both read the station's key file; verify opens the database read-only,
 * so it runs beside the running app.
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { defaultDataDir } from '../config/loadConfig'
import { auditAnchorFile, readAuditAnchor } from '../store/auditAnchor'
import { verifyAuditChain, type AuditVerdict } from '../store/auditChain'
import { crossCheckCases, describeFinding } from '../store/auditCrossCheck'
import { auditKeysOf, type AuditKeys } from '../store/auditKeys'
import { databaseFile, openDatabaseReadOnly } from '../store/database'
import { FileKeyProvider, KEY_FILE_NAME, SEALED_KEY_FILE_NAME } from '../store/keyProviders'
import { openStore } from '../store/store'
import { checkAgainstHall } from './auditHallCheck'
import { CliError, parseArgs, stringOption, type CliCommand } from './command'

function dataDirOf(options: Map<string, string | true>): string {
  return resolve(stringOption(options, 'data') ?? defaultDataDir())
}

function parseAnchor(text: string | undefined): { seq: number; hash: string } | undefined {
  if (text === undefined) return undefined
  const m = /^(\d+):([0-9a-f]{64})$/.exec(text)
  if (!m) throw new CliError('--anchor 应为 序号:哈希，例如 1200:3fa9…（64 位十六进制）', 2)
  return { seq: Number(m[1]), hash: m[2]! }
}

/** The station's key file, never made here: a new key would verify nothing. */
function auditKeysFor(dataDir: string): AuditKeys {
  const file = join(dataDir, KEY_FILE_NAME)
  if (!existsSync(file)) {
    if (existsSync(join(dataDir, SEALED_KEY_FILE_NAME))) {
      throw new CliError(`此数据目录的密钥由系统钥匙串密封（${SEALED_KEY_FILE_NAME}），命令行读不到：审计链以该密钥保护，无法在此核验`)
    }
    throw new CliError(`找不到密钥文件 ${file}：审计链以该密钥保护，没有它无法核验（请从备份放回密钥文件，不要新建）`)
  }
  return auditKeysOf(new FileKeyProvider(dataDir).masterKey())
}

function failIfBroken(verdict: AuditVerdict): asserts verdict is Extract<AuditVerdict, { ok: true }> {
  if (!verdict.ok) throw new CliError(`审计链断裂：${verdict.reason}（此前 ${verdict.rows} 条完好）`, 1)
}

const verifyUsage = { zh: 'audit verify --data 目录 [--anchor 序号:哈希] [--hall]', en: 'audit verify --data DIR [--anchor SEQ:HASH] [--hall]' }
const anchorUsage = { zh: 'audit anchor --data 目录', en: 'audit anchor --data DIR' }

export const auditCommands: CliCommand[] = [
  {
    name: ['audit', 'verify'],
    usage: verifyUsage,
    summary: {
      zh: '核验审计链（HMAC、签名锚点 audit.anchor、可选的 --anchor；已加入大厅时还有大厅锚点，--hall 要求大厅可连接）并核对办件与时间线均有审计记录：完好时以 0 退出并给出条数和末条哈希，否则以 1 退出并说明原因',
      en: 'Check the audit chain (HMAC, the signed audit.anchor, an optional --anchor; when joined, the hall\'s anchor too, --hall requiring the hall) and that every case and timeline row has its audit row: exit 0 with the row count and head hash, or 1 with the reason',
    },
    async run(args) {
      const { options } = parseArgs(args, { flags: ['hall'] })
      const printed = parseAnchor(stringOption(options, 'anchor'))
      const dataDir = dataDirOf(options)
      const db = openDatabaseReadOnly(databaseFile(dataDir))
      try {
        const keys = auditKeysFor(dataDir)
        const file = auditAnchorFile(databaseFile(dataDir))
        const found = readAuditAnchor(file, keys.anchor)
        if (found.kind === 'invalid') throw new CliError(`审计锚点无效：${found.reason}`, 1)
        if (found.kind === 'missing' && !printed) {
          throw new CliError(`找不到审计锚点 ${file}（被删除？）：无法排除末尾记录被删除或整链被重写；若工作站从未写过锚点，核对后运行 audit anchor --data ${dataDir}`, 1)
        }
        const verdict =
          found.kind === 'ok'
            ? verifyAuditChain(db, { key: keys.chain, anchor: found.anchor, anchoredHmacFromSeq: found.anchor.hmacFromSeq })
            : verifyAuditChain(db, { key: keys.chain, ...(printed ? { anchor: printed } : {}) })
        failIfBroken(verdict)
        if (printed && found.kind === 'ok') failIfBroken(verifyAuditChain(db, { key: keys.chain, anchor: printed }))
        console.log(`审计链完整：${verdict.rows} 条`)
        console.log(`末条：第 ${verdict.headSeq} 条 ${verdict.headHash}`)
        if (found.kind === 'ok') console.log(`锚点：第 ${found.anchor.seq} 条（写于 ${found.anchor.at}），自第 ${found.anchor.hmacFromSeq} 条起以 HMAC 保护`)
        else console.log(`注意：没有锚点文件 ${file}，只按 --anchor 第 ${printed!.seq} 条核验`)
        if (printed) console.log(`--anchor 第 ${printed.seq} 条：相符`)
        for (const line of await checkAgainstHall(db, keys.chain, dataDir, options.get('hall') === true)) console.log(line)

        const cross = crossCheckCases(db)
        for (const finding of cross.findings) console.log(`  ${describeFinding(finding)}`)
        if (cross.total > 0) {
          const more = cross.total > cross.findings.length ? `（只列出前 ${cross.findings.length} 处）` : ''
          throw new CliError(`办件与审计链不符：${cross.total} 处，例如 ${describeFinding(cross.findings[0]!)}${more}`, 1)
        }
        console.log(`办件核对：${cross.cases} 件办件、${cross.events} 条时间线记录均有审计记录`)
        return 0
      } finally {
        db.close()
      }
    },
  },
  {
    name: ['audit', 'anchor'],
    usage: anchorUsage,
    summary: {
      zh: '把签名锚点 audit.anchor 移到审计链末条（此前锚点之后的记录须核验无误；没有锚点时核验整条链后新建）',
      en: 'Move the signed anchor audit.anchor to the head of the audit chain (the rows since the last anchor must check out; with none, the whole chain is checked and a first one written)',
    },
    run(args) {
      const { options } = parseArgs(args)
      const dataDir = dataDirOf(options)
      if (!existsSync(databaseFile(dataDir))) throw new CliError(`找不到数据库 ${databaseFile(dataDir)}：请用 --data 指定工作站的数据目录`)
      auditKeysFor(dataDir)
      // The store, not a read-only connection: a station from an older build gets its chain keyed here first.
      const store = openStore({ dataDir, keyProvider: new FileKeyProvider(dataDir) })
      try {
        const result = store.advanceAuditAnchor('create')
        if (result.kind === 'refused') throw new CliError(`锚点未更新：${result.reason}`, 1)
        if (result.kind === 'missing') throw new CliError('锚点未更新：没有锚点文件', 1)
        const { seq, hash } = result.anchor
        const said = { created: '已建立审计锚点', advanced: '锚点已更新', unchanged: '锚点已是最新' }[result.kind]
        console.log(`${said}：第 ${seq} 条 ${hash}（${store.auditAnchorFile}）`)
        return 0
      } finally {
        store.close()
      }
    },
  },
]
