/**
 * `backup` and `restore`: a station's data in one checked file, its keys
 * sealed with a passphrase in another, and a new data directory brought
 * back from the two. The passphrase comes from an environment variable (CI,
 * cron jobs and scripts have no terminal to type into), never from an
 * argument (it would show in `ps` and in shell history).
 */
import { existsSync } from 'node:fs'
import { userInfo } from 'node:os'
import { join, resolve } from 'node:path'
import { defaultDataDir, loadStationConfig } from '../config/loadConfig'
import { utcTimestamp } from '../domain/timestamps'
import { backupDatabase } from '../store/backup'
import { databaseFile } from '../store/database'
import { IdCipher } from '../store/idCipher'
import { FileKeyProvider, KEY_FILE_NAME, SEALED_KEY_FILE_NAME } from '../store/keyProviders'
import { passphraseFromEnv, writeKeysFile } from '../store/keysFile'
import { restoreStation } from '../store/restore'
import { CliError, parseArgs, stringOption, usageError, type CliCommand } from './command'

/** Where the passphrase is read from unless `--passphrase-env` names another variable. */
export const DEFAULT_PASSPHRASE_ENV = 'ONEWINDOW_BACKUP_PASSPHRASE'

const backupUsage = {
  zh: 'backup --data 目录 --to 文件 [--keys 密钥文件 [--passphrase-env 变量名]]',
  en: 'backup --data DIR --to FILE [--keys FILE [--passphrase-env NAME]]',
}
const restoreUsage = {
  zh: 'restore --from 备份文件 --keys 密钥文件 --data 新目录 [--passphrase-env 变量名]',
  en: 'restore --from FILE --keys FILE --data DIR [--passphrase-env NAME]',
}

function cliOperator(): string {
  try {
    return `cli:${userInfo().username}`.slice(0, 32)
  } catch {
    return 'cli'
  }
}

/** The station host's key file; the desktop's keychain-sealed key cannot be opened outside the app. */
function stationMasterKey(dataDir: string): Buffer {
  if (existsSync(join(dataDir, KEY_FILE_NAME))) return new FileKeyProvider(dataDir).masterKey()
  if (existsSync(join(dataDir, SEALED_KEY_FILE_NAME))) {
    throw new CliError(`${dataDir} 的密钥由系统钥匙串保护（桌面版 ${SEALED_KEY_FILE_NAME}），命令行无法读取，不能导出密钥文件`)
  }
  throw new CliError(`数据目录 ${dataDir} 中没有密钥文件 ${KEY_FILE_NAME}：不是工作站的数据目录？`)
}

export const backupCommands: CliCommand[] = [
  {
    name: ['backup'],
    usage: backupUsage,
    summary: {
      zh: `在线备份工作站（应用运行时也安全）：数据库连同照片、配置写入一个文件，检查无误后才报告完成；--keys：另把密钥用口令加密写入单独的文件（口令取自环境变量 ${DEFAULT_PASSPHRASE_ENV}，或 --passphrase-env 指定的变量，至少 12 个字符）`,
      en: `Online backup of the station (safe while the app runs): the database with its photos and config in one file, checked before it is reported; --keys: the keys too, sealed with a passphrase, in a separate file (passphrase from ${DEFAULT_PASSPHRASE_ENV} or the variable --passphrase-env names, 12+ characters)`,
    },
    async run(args) {
      const { options } = parseArgs(args)
      const to = stringOption(options, 'to')
      if (!to) throw usageError(backupUsage)
      const dataDir = resolve(stringOption(options, 'data') ?? defaultDataDir())
      const keysOption = stringOption(options, 'keys')
      const passphraseEnv = stringOption(options, 'passphrase-env') ?? DEFAULT_PASSPHRASE_ENV
      // Everything the keys need is checked before the copy starts: a long backup must not fail at its last step.
      const keys = keysOption === undefined ? undefined : { file: resolve(keysOption), passphrase: passphraseFromEnv(passphraseEnv), masterKey: stationMasterKey(dataDir) }
      if (keys && existsSync(keys.file)) throw new CliError(`密钥文件 ${keys.file} 已存在：请换一个文件名，不要覆盖以前的密钥文件`)
      const report = await backupDatabase(databaseFile(dataDir), resolve(to))
      console.log(`备份完成：${report.file}（${report.bytes} 字节，结构版本 ${report.schemaVersion}）`)
      console.log(`审计链：${report.auditRows} 条，末条哈希 ${report.auditHead}`)
      console.log(`照片 ${report.photos} 张（仍为加密状态）随备份保存，另含配置与密钥库文件 ${report.files - report.photos} 个`)
      if (report.plainPhotos > 0) console.log(`注意：其中 ${report.plainPhotos} 张是加密前的旧照片，原样备份；启动一次工作站即可全部加密`)
      if (report.missingPhotos.length > 0) console.log(`注意：${report.missingPhotos.length} 个照片文件在数据目录中已不存在，未能备份：${report.missingPhotos.slice(0, 3).join('，')}`)
      if (!keys) {
        console.log(`注意：备份不含密钥，没有密钥就读不出身份证号和照片。请用 --keys 文件 导出口令加密的密钥，并与备份分开保管`)
        return 0
      }
      if (report.keyCheck !== null && report.keyCheck !== new IdCipher(keys.masterKey).keyCheck()) {
        throw new CliError(`数据目录中的密钥与数据库不配套（数据库是用另一把密钥加密的），未写出密钥文件：请先解决密钥问题再备份`)
      }
      writeKeysFile(keys.file, keys.masterKey, keys.passphrase, utcTimestamp(new Date()))
      console.log(`密钥已用口令加密写入 ${keys.file}（口令取自环境变量 ${passphraseEnv}）：请与备份分开保管，口令另行记录`)
      return 0
    },
  },
  {
    name: ['restore'],
    usage: restoreUsage,
    summary: {
      zh: `从备份文件和密钥文件把工作站恢复到一个新的（或空的）数据目录；逐一核对身份证号与照片都能解密后才完成（口令取自环境变量 ${DEFAULT_PASSPHRASE_ENV} 或 --passphrase-env 指定的变量）`,
      en: `Bring a station back from a backup file and its keys file into a new (or empty) data directory; done only once every ID number and photo decrypts (passphrase from ${DEFAULT_PASSPHRASE_ENV} or the variable --passphrase-env names)`,
    },
    run(args) {
      const { options } = parseArgs(args)
      const from = stringOption(options, 'from')
      const keysFile = stringOption(options, 'keys')
      const data = stringOption(options, 'data')
      if (!from || !keysFile || !data) throw usageError(restoreUsage)
      const passphrase = passphraseFromEnv(stringOption(options, 'passphrase-env') ?? DEFAULT_PASSPHRASE_ENV)
      const report = restoreStation({
        from: resolve(from),
        keysFile: resolve(keysFile),
        passphrase,
        dataDir: resolve(data),
        recordedAs: (dir) => ({ operator: cliOperator(), stationId: loadStationConfig({ dataDir: dir }).stationId, at: utcTimestamp(new Date()) }),
      })
      console.log(`恢复完成：${report.dataDir}（结构版本 ${report.schemaVersion}）`)
      console.log(`办件 ${report.cases} 件；身份证号 ${report.idNumbers} 个、草稿 ${report.drafts} 份，均已解密核对`)
      console.log(`照片 ${report.photos} 张已解密并核对 SHA-256，缩略图 ${report.thumbnails} 张${report.sealedPlainPhotos > 0 ? `；${report.sealedPlainPhotos} 张旧的明文照片已加密` : ''}`)
      console.log(`审计链已用密钥校验，锚定于第 ${report.anchor.seq} 条 ${report.anchor.hash}`)
      console.log('工作站令牌与承运商推送密钥将在首次启动时重新生成；密钥保存为密钥文件（station host 方式）')
      return 0
    },
  },
]
