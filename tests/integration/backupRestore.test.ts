/**
 * A backup that works when needed: `backup --keys` writes the station (its
 * database, photos and config) to one file and its key, sealed with a
 * passphrase from the environment, to another; `restore` brings the station
 * back into a fresh directory where every ID number and every photo reads
 * back. Nothing is restored over existing data, or with the wrong key.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../main/cli'
import { buildAttachmentService } from '../../main/services/attachments/attachmentSetup'
import type { AttachmentService } from '../../main/services/attachments/attachmentService'
import { AttachmentFiles } from '../../main/store/attachmentFiles'
import { verifyAuditChain } from '../../main/store/auditChain'
import { auditKeysOf } from '../../main/store/auditKeys'
import { FileKeyProvider } from '../../main/store/keyProviders'
import { openStore } from '../../main/store/store'
import { aPersonForm, anEnterpriseForm, openCaseWorld, tempDataDir, type CaseWorld } from '../fixtures/caseWorld'
import { captureConsole } from '../fixtures/captureConsole'
import { anIdNumber } from '../fixtures/registrationNumbers'

const PASSPHRASE_ENV = 'OW_TEST_BACKUP_PASSPHRASE'
const dirs: string[] = []
const worlds: CaseWorld[] = []
let printed: { out: string[]; err: string[] }

beforeEach(() => {
  printed = captureConsole()
  vi.spyOn(console, 'warn').mockImplementation(() => undefined)
  process.env[PASSPHRASE_ENV] = '柜台备份口令 correct horse'
})

afterEach(() => {
  vi.restoreAllMocks()
  delete process.env[PASSPHRASE_ENV]
  for (const w of worlds.splice(0)) w.dispose()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function aDir(): string {
  const d = tempDataDir('ow-backup-')
  dirs.push(d)
  return d
}

function aJpeg(seed: number): Buffer {
  const bytes = Buffer.alloc(2500 + seed, seed)
  bytes.set([0xff, 0xd8, 0xff, 0xe0], 0)
  bytes.set([0xff, 0xd9], bytes.length - 2)
  return bytes
}

interface Station {
  w: CaseWorld
  photos: AttachmentService
  /** Case number → the ID numbers it holds (applicant, handler). */
  idNumbers: Map<string, { idNumber: string | null; handlerIdNumber: string | null }>
  /** Photo id → its bytes. */
  images: Map<string, Buffer>
}

/** A station with person and enterprise cases, photos on cases and on an open draft, and a station.json. */
function aStation(): Station {
  let photos: AttachmentService | undefined
  const w = openCaseWorld({
    acceptPorts: (base) => {
      photos = buildAttachmentService({ ...base, stationId: '001' })
      return { draftPhotos: photos }
    },
  })
  worlds.push(w)
  writeFileSync(join(w.dataDir, 'station.json'), JSON.stringify({ stationId: '007' }))
  const idNumbers: Station['idNumbers'] = new Map()
  const images: Station['images'] = new Map()
  const photo = (owner: { draftId?: string; caseNo?: string }, seed: number): void => {
    const bytes = aJpeg(seed)
    const view = photos!.add({ ...owner, materialId: 'application', mime: 'image/jpeg', imageBase64: bytes.toString('base64'), thumbnailBase64: aJpeg(100 + seed).subarray(0, 300).toString('base64') })
    images.set(view.id, bytes)
  }
  for (let i = 0; i < 6; i++) {
    const form = i % 2 === 0
      ? aPersonForm({ applicant: { kind: 'person', name: `申请人${i}`, idNumber: anIdNumber({ region: '320302', birth: '1980-01-0' + (i + 1), seq: `10${i}` }), phone: '13951234567', address: '徐州市', source: 'card' } })
      : anEnterpriseForm()
    const { draftId } = w.services.intake.saveDraft({ form })
    photo({ draftId }, i + 1)
    const { caseNo } = w.services.intake.accept({ draftId })
    const { applicant } = w.store.cases.detail(caseNo)!
    idNumbers.set(caseNo, { idNumber: applicant.idNumber, handlerIdNumber: applicant.handlerIdNumber })
  }
  photo({ draftId: w.services.intake.saveDraft({ form: aPersonForm() }).draftId }, 20)
  return { w, photos: photos!, idNumbers, images }
}

async function cli(...args: string[]): Promise<number> {
  printed.out.length = 0
  printed.err.length = 0
  return runCli(args)
}

async function backUp(station: Station): Promise<{ backup: string; keys: string }> {
  const out = aDir()
  const backup = join(out, 'station.backup')
  const keys = join(out, 'station.keys')
  expect(await cli('backup', '--data', station.w.dataDir, '--to', backup, '--keys', keys, '--passphrase-env', PASSPHRASE_ENV)).toBe(0)
  expect(printed.err).toEqual([])
  return { backup, keys }
}

describe('backup and restore', () => {
  it('restores a station into a fresh directory where every ID number and every photo reads back', async () => {
    const station = aStation()
    // 3 applicants' and 3 handlers' numbers (6 cases, every other one an enterprise), the open draft is sealed whole.
    expect([...station.idNumbers.values()].flatMap((v) => [v.idNumber, v.handlerIdNumber]).filter((n) => n !== null)).toHaveLength(6)
    const { backup, keys } = await backUp(station)
    expect(printed.out.join('\n')).toContain('照片 7 张（仍为加密状态）随备份保存')
    expect(printed.out.join('\n')).toContain(`密钥已用口令加密写入 ${keys}`)
    // The backup holds no key, the keys file no key in plain: both 0600.
    const keyText = readFileSync(join(station.w.dataDir, 'idcipher.key'), 'utf8').trim()
    expect(readFileSync(keys, 'utf8')).not.toContain(keyText)
    expect(readFileSync(backup).includes(Buffer.from(keyText))).toBe(false)
    expect(statSync(backup).mode & 0o777).toBe(0o600)
    expect(statSync(keys).mode & 0o777).toBe(0o600)

    const target = join(aDir(), 'restored')
    expect(await cli('restore', '--from', backup, '--keys', keys, '--data', target, '--passphrase-env', PASSPHRASE_ENV)).toBe(0)
    expect(printed.err).toEqual([])
    expect(printed.out.join('\n')).toMatch(/办件 6 件；身份证号 6 个、草稿 1 份，均已解密核对/)
    expect(printed.out.join('\n')).toContain('照片 7 张已解密并核对 SHA-256，缩略图 7 张')

    // A fresh process's view of the new directory: the restored key opens everything.
    const store = openStore({ dataDir: target, keyProvider: new FileKeyProvider(target) })
    try {
      const restoredPhotos = buildAttachmentService({ store, events: station.w.events, session: station.w.session, clock: station.w.clock, dataDir: target, stationId: '007' })
      for (const [caseNo, ids] of station.idNumbers) {
        const { applicant } = store.cases.detail(caseNo)!
        expect({ caseNo, idNumber: applicant.idNumber, handlerIdNumber: applicant.handlerIdNumber }).toEqual({ caseNo, ...ids })
      }
      for (const [id, bytes] of station.images) expect(Buffer.from(restoredPhotos.image(id).imageBase64, 'base64').equals(bytes)).toBe(true)
      expect(new AttachmentFiles(target, store.attachmentCipher).list()).toHaveLength(7)
      expect(JSON.parse(readFileSync(join(target, 'station.json'), 'utf8'))).toEqual({ stationId: '007' })
      // The trail goes on: the restore is its newest row, verified under the key and anchored.
      const verdict = verifyAuditChain(store.db, { key: auditKeysOf(new FileKeyProvider(target).masterKey()).chain })
      expect(verdict).toMatchObject({ ok: true })
      expect(store.db.prepare('SELECT action, station_id FROM audit_log ORDER BY seq DESC LIMIT 1').get()).toEqual({ action: 'station.restore', station_id: '007' })
      expect(store.db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'backup_files'").pluck().get()).toBe(0)
    } finally {
      store.close()
    }
  })

  it('refuses a target that is not empty, a wrong passphrase and another station\u2019s keys, writing nothing', async () => {
    const station = aStation()
    const { backup, keys } = await backUp(station)

    const busy = aDir()
    writeFileSync(join(busy, 'onewindow.sqlite'), 'someone else\u2019s station')
    expect(await cli('restore', '--from', backup, '--keys', keys, '--data', busy, '--passphrase-env', PASSPHRASE_ENV)).toBe(1)
    expect(printed.err.join('')).toMatch(/不是空目录/)
    expect(readdirSync(busy)).toEqual(['onewindow.sqlite'])

    const parent = aDir()
    process.env[PASSPHRASE_ENV] = 'not the passphrase at all'
    expect(await cli('restore', '--from', backup, '--keys', keys, '--data', join(parent, 'a'), '--passphrase-env', PASSPHRASE_ENV)).toBe(1)
    expect(printed.err.join('')).toMatch(/口令不对/)

    process.env[PASSPHRASE_ENV] = '柜台备份口令 correct horse'
    const other = openCaseWorld()
    worlds.push(other)
    const otherKeys = join(aDir(), 'other.keys')
    expect(await cli('backup', '--data', other.dataDir, '--to', join(aDir(), 'other.backup'), '--keys', otherKeys, '--passphrase-env', PASSPHRASE_ENV)).toBe(0)
    expect(await cli('restore', '--from', backup, '--keys', otherKeys, '--data', join(parent, 'b'), '--passphrase-env', PASSPHRASE_ENV)).toBe(1)
    expect(printed.err.join('')).toMatch(/密钥文件与备份 .* 不配套/)
    expect(readdirSync(parent)).toEqual([])
  })

  it('asks for the passphrase in an environment variable before it copies anything', async () => {
    const station = aStation()
    const out = aDir()
    delete process.env[PASSPHRASE_ENV]
    expect(await cli('backup', '--data', station.w.dataDir, '--to', join(out, 'b'), '--keys', join(out, 'k'), '--passphrase-env', PASSPHRASE_ENV)).toBe(1)
    expect(printed.err).toEqual([`环境变量 ${PASSPHRASE_ENV} 未设置：请把密钥文件的口令放在其中（至少 12 个字符）`])
    process.env[PASSPHRASE_ENV] = 'short'
    expect(await cli('backup', '--data', station.w.dataDir, '--to', join(out, 'b'), '--keys', join(out, 'k'), '--passphrase-env', PASSPHRASE_ENV)).toBe(1)
    expect(printed.err.join('')).toMatch(/口令太短/)
    expect(readdirSync(out)).toEqual([])
    // Without --keys the backup says plainly that it cannot be read alone.
    expect(await cli('backup', '--data', station.w.dataDir, '--to', join(out, 'b'))).toBe(0)
    expect(printed.out.join('\n')).toContain('注意：备份不含密钥')
  })

  it('restores photos a backup carried in plain (taken before encryption) and seals them', async () => {
    const station = aStation()
    // What a station of the previous version had on disk: the photo file as plain JPEG bytes.
    const [id, bytes] = [...station.images][0]!
    const sha = station.photos.image(id).sha256
    const files = new AttachmentFiles(station.w.dataDir, station.w.store.attachmentCipher)
    mkdirSync(join(files.dir, sha.slice(0, 2)), { recursive: true })
    writeFileSync(files.pathOf(sha, 'image/jpeg'), bytes)
    const { backup, keys } = await backUp(station)
    expect(printed.out.join('\n')).toContain('其中 1 张是加密前的旧照片')

    const target = join(aDir(), 'restored')
    expect(await cli('restore', '--from', backup, '--keys', keys, '--data', target, '--passphrase-env', PASSPHRASE_ENV)).toBe(0)
    expect(printed.out.join('\n')).toContain('1 张旧的明文照片已加密')
    expect(existsSync(join(target, 'attachments', sha.slice(0, 2), `${sha}.jpg`))).toBe(true)
    expect(readFileSync(join(target, 'attachments', sha.slice(0, 2), `${sha}.jpg`)).equals(bytes)).toBe(false)
  })
})
