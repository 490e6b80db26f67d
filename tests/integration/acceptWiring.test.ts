/**
 * What the composition root joins to an acceptance: the receipt job, written
 * in the accept's own transaction, and the card photo, forgotten only once
 * the accept has committed.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { resourcesDir } from '../../main/config/paths'
import type { Catalog } from '../../main/domain/catalog/catalogSchema'
import type { IntakeForm } from '../../main/domain/intakeForm'
import { databaseFile } from '../../main/store/database'
import { createTestApp, type TestApp } from '../fixtures/testApp'
import { anIdNumber } from '../fixtures/registrationNumbers'
import { waitFor } from '../fixtures/waitFor'

const caller = { transport: 'test' } as const
const catalog = JSON.parse(readFileSync(join(resourcesDir(), 'catalog', 'sample-hall.json'), 'utf8')) as Catalog
const item = catalog.items.find((i) => i.name.includes('企业设立登记'))!

function aForm(idNumber = anIdNumber({ birth: '1990-02-03', seq: '318' })): IntakeForm {
  return {
    applicant: { kind: 'person', name: '钱雨桐', idNumber, phone: '13912345678', address: '江苏省徐州市泉山区湖北路 3 号', source: 'typed' },
    itemCode: item.code,
    materials: item.materials.filter((m) => m.required).map((m) => ({ materialId: m.id, receivedCopies: m.copies })),
    delivery: { method: 'window' },
  }
}

const apps: TestApp[] = []
afterEach(async () => {
  for (const t of apps.splice(0)) await t.dispose()
})

async function anApp(overrides: Parameters<typeof createTestApp>[0] = {}): Promise<TestApp> {
  const t = await createTestApp(overrides)
  apps.push(t)
  t.app.services.session.actAs('A007')
  return t
}

describe('accepting through the composition root', () => {
  it('writes the receipt job in the accept transaction: when it cannot be written, nothing of the case is', async () => {
    const t = await anApp()
    const changed: string[] = []
    t.app.services.events.on('case.changed', (p) => changed.push(p.caseNo))
    const { draftId } = t.app.services.intake.saveDraft({ form: aForm() })
    // A second connection makes the print_jobs insert itself fail, as a full disk would.
    const other = new Database(databaseFile(t.dataDir))
    other.exec("CREATE TRIGGER receipt_fails BEFORE INSERT ON print_jobs BEGIN SELECT RAISE(ABORT, 'print_jobs insert failed (test)'); END")
    const count = (sql: string): number => other.prepare(sql).pluck().get() as number
    try {
      const refused = await t.app.dispatcher.invoke('cases.accept', { draftId }, caller)
      expect(refused.ok).toBe(false)
      expect(count('SELECT COUNT(*) FROM cases')).toBe(0)
      expect(count('SELECT COUNT(*) FROM case_events')).toBe(0)
      expect(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'case.%'")).toBe(0)
      expect(count('SELECT COUNT(*) FROM drafts')).toBe(1)
      expect(changed).toEqual([])

      other.exec('DROP TRIGGER receipt_fails')
      const accepted = await t.app.dispatcher.invoke('cases.accept', { draftId }, caller)
      if (!accepted.ok) throw new Error(accepted.error.message)
      const caseNo = (accepted.value as { caseNo: string }).caseNo
      expect(caseNo.slice(-4)).toBe('0001')
      expect(other.prepare('SELECT kind, case_no FROM print_jobs').all()).toEqual([{ kind: 'acceptanceReceipt', case_no: caseNo }])
      expect(changed).toEqual([caseNo])
    } finally {
      other.close()
    }
  })

  it('forgets the card photo once an accept has committed, and keeps it while the intake is refused', async () => {
    const t = await anApp({ devices: { idcard: { mode: 'emulator', pollMs: 100 } } })
    const { idcard } = t.app.services
    await waitFor('the reader light', () => t.app.services.devices.get('idcard').state === 'ok')
    const placed = await t.app.dispatcher.invoke('demo.idcard.place', { cardIndex: 0 }, caller)
    expect(placed.ok).toBe(true)
    await waitFor('the card photo', () => idcard.currentPhoto() !== null)

    const refused = await t.app.dispatcher.invoke('cases.accept', { form: aForm('110105194912310021') }, caller)
    expect(refused.ok).toBe(false)
    expect(idcard.currentPhoto()).not.toBeNull()

    const accepted = await t.app.dispatcher.invoke('cases.accept', { form: aForm() }, caller)
    expect(accepted.ok).toBe(true)
    expect(idcard.currentPhoto()).toBeNull()
  })
})
