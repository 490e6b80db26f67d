import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { resourcesDir } from '../../main/config/paths'
import { databaseFile, openDatabase } from '../../main/store/database'
import type { Catalog } from '../../main/domain/catalog/catalogSchema'
import { createTestApp, type TestApp } from '../fixtures/testApp'
import { anIdNumber, aUscc } from '../fixtures/registrationNumbers'

const catalog = JSON.parse(readFileSync(join(resourcesDir(), 'catalog', 'sample-hall.json'), 'utf8')) as Catalog
const item = catalog.items.find((i) => i.name.includes('企业设立登记'))!

function formFor(idNumber: string) {
  return {
    applicant: { kind: 'person' as const, name: '赵文静', idNumber, phone: '13912345678', address: '江苏省徐州市云龙区和平路 8 号', source: 'typed' as const },
    itemCode: item.code,
    materials: item.materials.filter((m) => m.required).map((m) => ({ materialId: m.id, receivedCopies: m.copies })),
    delivery: { method: 'window' as const },
  }
}

describe('the acceptance receipt', () => {
  let t: TestApp
  beforeEach(async () => {
    t = await createTestApp({ receiptLinks: { progressQuery: 'https://zwfw.xz.gov.example/q?no={caseNo}' } })
    t.app.services.session.actAs('A007')
  })
  afterEach(async () => {
    await t.dispose()
  })

  it('is queued with the accepted case, the ID masked, and both QR links carrying the case number', async () => {
    const accepted = await t.app.dispatcher.invoke('cases.accept', { form: formFor(anIdNumber({ birth: '1988-04-12', seq: '123' })) }, { transport: 'test' })
    if (!accepted.ok) throw new Error(accepted.error.message)
    const caseNo = (accepted.value as { caseNo: string }).caseNo
    const jobs = await t.app.dispatcher.invoke('print.jobs', { caseNo }, { transport: 'test' })
    expect(jobs.ok).toBe(true)
    const list = (jobs as { value: Array<{ kind: string; caseNo: string }> }).value
    expect(list.map((j) => j.kind)).toEqual(['acceptanceReceipt'])

    const preview = await t.app.dispatcher.invoke('print.preview', { kind: 'acceptanceReceipt', caseNo }, { transport: 'test' })
    if (!preview.ok) throw new Error(preview.error.message)
    const text = JSON.stringify(preview.value)
    expect(text).toContain(caseNo)
    expect(text).toContain('赵文静')
    expect(text).not.toContain('19880412123')

    // The QR codes are drawn, not written out: their links are in the job the printer is sent.
    await t.app.close()
    const { db } = openDatabase(databaseFile(t.dataDir))
    const data = db.prepare('SELECT data FROM print_jobs').pluck().get() as string
    db.close()
    expect(data).toContain(`https://zwfw.xz.gov.example/q?no=${caseNo}`)
    expect(data).toContain(`https://zwfw.example/evaluate?caseNo=${caseNo}`)
  })

  it('names an enterprise by its credit code and its handler (经办人) with the ID masked', async () => {
    const handlerId = anIdNumber({ birth: '1979-10-02', seq: '456' })
    const uscc = aUscc('91320302MA1XYW7K2')
    // An enterprise that has its code: a change, not an establishment (设立登记 has no code yet).
    const change = catalog.items.find((i) => i.name === '企业变更登记')!
    const form = {
      ...formFor(handlerId),
      itemCode: change.code,
      materials: change.materials.filter((m) => m.required).map((m) => ({ materialId: m.id, receivedCopies: m.copies })),
      applicant: { kind: 'enterprise' as const, name: '徐州云帆贸易有限公司', uscc, phone: '0516-83801234', handlerName: '李晓梅', handlerIdNumber: handlerId, source: 'typed' as const },
    }
    const accepted = await t.app.dispatcher.invoke('cases.accept', { form }, { transport: 'test' })
    if (!accepted.ok) throw new Error(accepted.error.message)
    const caseNo = (accepted.value as { caseNo: string }).caseNo
    const preview = await t.app.dispatcher.invoke('print.preview', { kind: 'acceptanceReceipt', caseNo }, { transport: 'test' })
    if (!preview.ok) throw new Error(preview.error.message)
    const text = JSON.stringify(preview.value)
    expect(text).toContain('统一社会信用代码')
    expect(text).toContain(`${uscc.slice(0, 4)}**********${uscc.slice(-4)}`)
    expect(text).toContain('李晓梅')
    expect(text).toContain(`${handlerId.slice(0, 4)}**********${handlerId.slice(-4)}`)
    expect(text).not.toContain(handlerId)
  })

  it('is not queued when the accept fails', async () => {
    const bad = formFor('110105194912310021') // wrong check character
    const result = await t.app.dispatcher.invoke('cases.accept', { form: bad }, { transport: 'test' })
    expect(result.ok).toBe(false)
    const jobs = await t.app.dispatcher.invoke('print.jobs', {}, { transport: 'test' })
    expect((jobs as { value: unknown[] }).value).toEqual([])
  })
})
