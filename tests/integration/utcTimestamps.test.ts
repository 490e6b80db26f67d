/**
 * What the counter writes now: every stored moment a UTC instant, every
 * per-case row carrying its case number, and the queue's day filter still
 * the hall's local day. The hall runs on China time (+08:00), so a case
 * accepted at 00:30 has a UTC date of the day before.
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../main/app'
import { parseStationConfig } from '../../main/config/stationConfig'
import { buildAttachmentService } from '../../main/services/attachments/attachmentSetup'
import type { AttachmentService } from '../../main/services/attachments/attachmentService'
import { verifyAuditChain } from '../../main/store/auditChain'
import { databaseFile, openDatabase } from '../../main/store/database'
import type { Db } from '../../main/store/sqlite'
import { aPersonForm } from '../fixtures/caseWorld'
import { caseWorldsPerTest } from '../fixtures/caseWorlds'
import { anAcceptanceReceipt } from '../fixtures/printDocuments'

const zoneBefore = process.env.TZ
beforeAll(() => {
  process.env.TZ = 'Asia/Shanghai'
})
afterAll(() => {
  process.env.TZ = zoneBefore
})

const UTC_SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/** Every TEXT column named like a moment (`at`, `*_at`) in every table, with its non-null values. */
function storedMoments(db: Db): Array<{ where: string; value: string }> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[]
  return tables.flatMap((table) => {
    const columns = (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).filter((c) => c === 'at' || c.endsWith('_at'))
    return columns.flatMap((column) =>
      (db.prepare(`SELECT ${column} FROM ${table} WHERE ${column} IS NOT NULL`).pluck().all() as string[]).map((value) => ({ where: `${table}.${column}`, value })),
    )
  })
}

const world = caseWorldsPerTest()

describe('timestamps and case numbers as written today', () => {
  it('stores an intake just after midnight as UTC, names its timeline and photos by case number, and files it under its local day', () => {
    let photos: AttachmentService | undefined
    const w = world({
      now: new Date(2026, 2, 3, 0, 30),
      acceptPorts: (base) => {
        photos = buildAttachmentService({ ...base, stationId: '001' })
        return { draftPhotos: photos }
      },
    })
    const { draftId } = w.services.intake.saveDraft({ form: aPersonForm() })
    const jpeg = Buffer.alloc(2048, 3)
    jpeg.set([0xff, 0xd8, 0xff, 0xe0], 0)
    jpeg.set([0xff, 0xd9], jpeg.length - 2)
    photos!.add({ draftId, materialId: 'application', mime: 'image/jpeg', imageBase64: jpeg.toString('base64') })
    const accepted = w.services.intake.accept({ draftId })
    w.clock.set(new Date(2026, 2, 3, 9, 15))
    w.services.cases.transition({ caseNo: accepted.caseNo, action: 'startReview' })
    w.services.intake.saveDraft({ form: aPersonForm() }) // the next applicant's form, still open

    expect(accepted.acceptedAt).toBe('2026-03-02T16:30:00.000Z')
    const summary = w.store.cases.summary(accepted.caseNo)!
    expect(summary.acceptedDate).toBe('2026-03-03')
    const moments = storedMoments(w.store.db)
    expect(new Set(moments.map((m) => m.where))).toEqual(
      new Set(['cases.accepted_at', 'cases.updated_at', 'case_events.at', 'audit_log.at', 'attachments.created_at', 'drafts.created_at', 'drafts.updated_at', 'schema_migrations.applied_at']),
    )
    for (const m of moments) expect(m.value, m.where).toMatch(UTC_SHAPE)

    expect(w.store.db.prepare('SELECT case_no FROM case_events').pluck().all()).toEqual([accepted.caseNo, accepted.caseNo])
    expect(w.store.db.prepare('SELECT case_no FROM attachments').pluck().all()).toEqual([accepted.caseNo])
    expect(w.store.cases.eventsOf(accepted.caseNo).map((e) => [e.action, e.at])).toEqual([
      ['accept', '2026-03-02T16:30:00.000Z'],
      ['startReview', '2026-03-03T01:15:00.000Z'],
    ])

    const onDay = (day: string) => w.services.cases.count({ filters: { acceptedFrom: day, acceptedTo: day } }).count
    expect(onDay('2026-03-03')).toBe(1)
    expect(onDay('2026-03-02')).toBe(0)
    expect(w.services.cases.list({ filters: { acceptedFrom: '2026-03-03', acceptedTo: '2026-03-03' } }).rows.map((r) => r.caseNo)).toEqual([accepted.caseNo])
    expect(verifyAuditChain(w.store.db).ok).toBe(true)
  })

  it('stores a print job and its history in UTC', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-utc-'))
    try {
      const app = await createApp(parseStationConfig({ devices: { idcard: { mode: 'off' } } }, dataDir))
      try {
        app.services.session.actAs('A001')
        const submitted = await app.dispatcher.invoke('print.submit', { kind: 'acceptanceReceipt', data: anAcceptanceReceipt(), idempotencyKey: randomUUID() }, { transport: 'test' })
        if (!submitted.ok) throw new Error(submitted.error.message)
      } finally {
        await app.close()
      }
      const { db } = openDatabase(databaseFile(dataDir))
      try {
        const moments = storedMoments(db)
        expect(moments.filter((m) => m.where === 'print_jobs.created_at')).toHaveLength(1)
        expect(moments.filter((m) => m.where === 'print_job_events.at').length).toBeGreaterThanOrEqual(1)
        for (const m of moments) expect(m.value, m.where).toMatch(UTC_SHAPE)
      } finally {
        db.close()
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
