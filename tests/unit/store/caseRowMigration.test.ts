/**
 * Migration 006 on a station that ran the previous build: cases written with
 * a separate applicant row, material rows and a rowid timeline must read back
 * the same through today's repository, searchable by the same keys.
 */
import { rmSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, databaseFile } from '../../../main/store/database'
import { IdCipher } from '../../../main/store/idCipher'
import { FileKeyProvider } from '../../../main/store/keyProviders'
import { migrations } from '../../../main/store/migrations'
import { openStore } from '../../../main/store/store'
import { tempDataDir } from '../../fixtures/caseWorld'
import { anIdNumber, aUscc } from '../../fixtures/registrationNumbers'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const PERSON_ID = anIdNumber({ region: '320302', birth: '19850214' })
const HANDLER_ID = anIdNumber({ region: '320303', birth: '19920707' })
const USCC = aUscc('91320300MA1XYW34C')

/** The previous build's schema (every migration but 006, print jobs and attachments still numbered 20 and 30) with two cases written the old way. */
const previousBuildMigrations = migrations
  .filter((m) => m.version !== 6 && m.version <= 8)
  .map((m) => ({ ...m, version: m.formerVersions?.[0] ?? m.version, formerVersions: [] }))

function stationFromPreviousBuild(): string {
  const dataDir = tempDataDir('onewindow-m006-')
  dirs.push(dataDir)
  const cipher = new IdCipher(new FileKeyProvider(dataDir).masterKey())
  const { db } = openDatabase(databaseFile(dataDir), previousBuildMigrations)
  const insertCase = db.prepare(`
    INSERT INTO cases (id, case_no, item_code, item_name, department, state, clock, station_id, operator, accepted_at, accepted_date,
      promised_days, deadline, warn_date, delivery, fee_cents, fee_name, fee_receipt_no, note, draft_id, updated_at)
    VALUES (?, ?, 'XK90001001', '个体工商户设立登记', '市场监督管理局', ?, 'running', '001', 'A001', ?, ?, 3, '2026-03-05', '2026-03-04', 'window',
      NULL, NULL, NULL, NULL, NULL, ?)`)
  insertCase.run(1, '32030020260302001' + '0001', 'in_review', '2026-03-02T09:30:00.000+08:00', '2026-03-02', '2026-03-02T10:00:00.000+08:00')
  insertCase.run(2, '32030020260302001' + '0002', 'accepted', '2026-03-02T09:40:00.000+08:00', '2026-03-02', '2026-03-02T09:40:00.000+08:00')
  const insertApplicant = db.prepare(`
    INSERT INTO case_applicants (case_id, kind, name, accepted_at, phone, address, id_kind, id_hash, id_cipher, id_masked, uscc,
      handler_name, handler_id_hash, handler_id_cipher, handler_id_masked) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  insertApplicant.run(1, 'person', '王建国', '2026-03-02T09:30:00.000+08:00', '13912345678', '江苏省徐州市鼓楼区', 'resident', cipher.lookupHash(PERSON_ID), cipher.encryptId(PERSON_ID), '3203**********1234', null, null, null, null, null)
  insertApplicant.run(2, 'enterprise', '徐州云帆贸易有限公司', '2026-03-02T09:40:00.000+08:00', '0516-83801234', null, null, null, null, null, USCC, '李晓梅', cipher.lookupHash(HANDLER_ID), cipher.encryptId(HANDLER_ID), '3203**********5678')
  const insertMaterial = db.prepare(`
    INSERT INTO case_materials (case_id, position, material_id, name, form, copies, required, received_copies, status, promise_date, supplied_at)
    VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`)
  // Written out of order on purpose: the checklist's order is `position`, not insertion.
  insertMaterial.run(1, 'premises', '经营场所使用证明', 'copy', 2, 1, 0, 'deferred', '2026-03-09')
  insertMaterial.run(0, 'application', '登记申请书', 'original', 1, 1, 1, 'received', null)
  insertMaterial.run(2, 'power-of-attorney', '授权委托书', 'original', 1, 0, 0, 'absent', null)
  const insertEvent = db.prepare(`
    INSERT INTO case_events (case_id, at, operator, station_id, action, from_state, to_state, note, details) VALUES (?, ?, 'A001', '001', ?, ?, ?, ?, ?)`)
  insertEvent.run(1, '2026-03-02T09:30:00.000+08:00', 'accept', null, 'accepted', null, '{"deferred":[{"materialId":"premises","promiseDate":"2026-03-09"}]}')
  insertEvent.run(2, '2026-03-02T09:40:00.000+08:00', 'accept', null, 'accepted', null, null)
  insertEvent.run(1, '2026-03-02T10:00:00.000+08:00', 'startReview', 'accepted', 'in_review', '开始审核', null)
  db.close()
  return dataDir
}

describe('migration 006: a case is one row', () => {
  it('moves the applicant, the checklist in its order and the timeline into the new layout, nothing lost', () => {
    const dataDir = stationFromPreviousBuild()
    const store = openStore({ dataDir, keyProvider: new FileKeyProvider(dataDir) })
    try {
      const person = store.cases.detail('320300202603020010001')!
      expect(person.applicant).toMatchObject({ kind: 'person', name: '王建国', phone: '13912345678', address: '江苏省徐州市鼓楼区', idNumber: PERSON_ID, idKind: 'resident' })
      expect(person.applicantIdMasked).toBe('3203**********1234')
      expect(person.materials.map((m) => [m.materialId, m.required, m.receivedCopies, m.status, m.promiseDate])).toEqual([
        ['application', true, 1, 'received', null],
        ['premises', true, 0, 'deferred', '2026-03-09'],
        ['power-of-attorney', false, 0, 'absent', null],
      ])
      expect(person.events.map((e) => [e.seq, e.action, e.toState])).toEqual([
        [1, 'accept', 'accepted'],
        [2, 'startReview', 'in_review'],
      ])
      expect(person.events[0]!.details).toEqual({ deferred: [{ materialId: 'premises', promiseDate: '2026-03-09' }] })

      const enterprise = store.cases.detail('320300202603020010002')!
      expect(enterprise.applicant).toMatchObject({ kind: 'enterprise', uscc: USCC, handlerName: '李晓梅', handlerIdNumber: HANDLER_ID, idNumber: null })
      expect(enterprise.materials).toEqual([])

      const tables = store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()
      expect(tables).not.toContain('case_applicants')
      expect(tables).not.toContain('case_materials')
      expect(store.db.pragma('foreign_key_check')).toEqual([])
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok')
    } finally {
      store.close()
    }
  })

  it('keeps migrated cases findable by ID number (applicant or handler), phone and name, and timelines growing', () => {
    const dataDir = stationFromPreviousBuild()
    const store = openStore({ dataDir, keyProvider: new FileKeyProvider(dataDir) })
    try {
      const everyState = ['accepted', 'in_review'] as const
      expect(store.cases.byIdNumber(PERSON_ID, everyState, 10).map((c) => c.caseNo)).toEqual(['320300202603020010001'])
      expect(store.cases.byIdNumber(HANDLER_ID, everyState, 10).map((c) => c.caseNo)).toEqual(['320300202603020010002'])
      const page = (match: Parameters<typeof store.queue.page>[0]['match']) =>
        store.queue.page({ today: '2026-03-02', match }, 'newest', undefined, 10).map((c) => c.caseNo)
      expect(page({ by: 'phone', phone: '0516-83801234' })).toEqual(['320300202603020010002'])
      expect(page({ by: 'namePrefix', prefix: '王' })).toEqual(['320300202603020010001'])
      expect(page({ by: 'uscc', uscc: USCC })).toEqual(['320300202603020010002'])

      const caseId = store.cases.summary('320300202603020010001')!.id
      store.transaction(() => {
        expect(store.cases.supplyMaterials(caseId, ['premises'], '2026-03-03T09:00:00.000+08:00')).toEqual(['premises'])
        expect(store.cases.addEvent({ caseId, at: '2026-03-03T09:00:00.000+08:00', operator: 'A001', stationId: '001', action: 'supplyMaterials', fromState: 'in_review', toState: 'in_review', note: null, details: null })).toBe(3)
      })
      const premises = store.cases.materials(caseId).find((m) => m.materialId === 'premises')!
      expect(premises).toMatchObject({ status: 'received', receivedCopies: 2, suppliedAt: '2026-03-03T09:00:00.000+08:00' })
    } finally {
      store.close()
    }
  })
})
