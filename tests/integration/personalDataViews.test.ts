/**
 * Every view of personal data through the commands a screen sends leaves an
 * audit row naming who saw what — the full ID number on the case page, a
 * lookup by ID number, a document photo, an A4 sheet shown or fetched — and
 * no row holds a full ID number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Caller } from '../../main/api/dispatcher'
import type { CommandName, CommandOutput } from '../../main/contract'
import { maskIdNumber } from '../../main/domain/masking'
import { databaseFile, openDatabaseReadOnly } from '../../main/store/database'
import { signedInCaller, testOperatorLabel } from '../fixtures/operators'
import { aPersonForm, APPLICANT, LETTER_PHOTO_BASE64, LICENCE_ITEM } from '../fixtures/outputWorld'
import { createTestApp, type TestApp } from '../fixtures/testApp'

let t: TestApp
let caller: Caller
let caseNo: string

async function invoke<N extends CommandName>(name: N, input: unknown): Promise<CommandOutput<N>> {
  const result = await t.app.dispatcher.invoke(name, input, caller)
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`)
  return result.value as CommandOutput<N>
}

interface Row {
  seq: number
  operator: string
  action: string
  case_no: string | null
  details: string
}

function auditRows(): Row[] {
  const db = openDatabaseReadOnly(databaseFile(t.dataDir))
  try {
    return db.prepare('SELECT seq, operator, action, case_no, details FROM audit_log ORDER BY seq').all() as Row[]
  } finally {
    db.close()
  }
}

/** The rows a command added, by running it between two reads of the chain. */
async function rowsOf(run: () => Promise<unknown>): Promise<Array<Omit<Row, 'details'> & { details: Record<string, unknown> }>> {
  const before = auditRows().length
  await run()
  return auditRows()
    .slice(before)
    .map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }))
}

beforeAll(async () => {
  t = await createTestApp()
  caller = await signedInCaller(t.app, 'supervisor')
  const item = t.app.services.catalog.item(LICENCE_ITEM)
  const form = aPersonForm({ materials: item.materials.map((m) => ({ materialId: m.id, receivedCopies: m.copies })) })
  caseNo = (await invoke('cases.accept', { form })).caseNo
}, 60_000)

afterAll(async () => {
  await t.dispose()
})

const who = () => testOperatorLabel('supervisor')
const masked = maskIdNumber(APPLICANT.idNumber)

describe('views of personal data', () => {
  it('audits the case page, which shows the full ID number, with the number masked', async () => {
    let page: CommandOutput<'cases.get'> | undefined
    const rows = await rowsOf(async () => (page = await invoke('cases.get', { caseNo })))
    expect(page!.applicant.idNumber).toBe(APPLICANT.idNumber)
    expect(rows).toEqual([{ seq: expect.any(Number), operator: who(), action: 'view.idNumber', case_no: caseNo, details: { command: 'cases.get', idNumbers: [masked] } }])
  })

  it('audits a lookup by ID number, found or not', async () => {
    const found = await rowsOf(() => invoke('cases.findByIdNumber', { idNumber: APPLICANT.idNumber }))
    expect(found).toMatchObject([{ operator: who(), action: 'lookup.idNumber', case_no: null, details: { command: 'cases.findByIdNumber', idNumber: masked, found: [caseNo] } }])
    const stranger = '320303196203050022'
    const none = await rowsOf(() => invoke('cases.findByIdNumber', { idNumber: stranger }))
    expect(none).toMatchObject([{ action: 'lookup.idNumber', details: { idNumber: maskIdNumber(stranger), found: [] } }])
  })

  it("audits the output window's card tap and collector check", async () => {
    const tap = await rowsOf(() => invoke('output.findByCard', { idNumber: APPLICANT.idNumber }))
    expect(tap).toMatchObject([{ operator: who(), action: 'lookup.idNumber', details: { command: 'output.findByCard', idNumber: masked } }])
    const check = await rowsOf(() => invoke('output.verifyCollector', { caseNo, idNumber: APPLICANT.idNumber }))
    expect(check).toMatchObject([{ action: 'lookup.idNumber', case_no: caseNo, details: { command: 'output.verifyCollector', idNumber: masked } }])
  })

  it('audits the full photo of a material, not its listing', async () => {
    const added = await invoke('attachments.add', { caseNo, materialId: t.app.services.catalog.item(LICENCE_ITEM).materials[0]!.id, mime: 'image/jpeg', imageBase64: LETTER_PHOTO_BASE64 })
    expect(await rowsOf(() => invoke('attachments.list', { caseNo }))).toEqual([])
    const viewed = await rowsOf(() => invoke('attachments.image', { id: added.id }))
    expect(viewed).toMatchObject([{ operator: who(), action: 'view.photo', case_no: caseNo, details: { command: 'attachments.image', id: added.id, sha256: added.sha256 } }])
  })

  it('audits an A4 sheet shown on screen and fetched as a PDF', async () => {
    const shown = await rowsOf(() => invoke('print.preview', { kind: 'materialsChecklist', caseNo }))
    expect(shown).toMatchObject([{ action: 'view.document', case_no: caseNo, details: { command: 'print.preview', kind: 'materialsChecklist' } }])
    let fileName = ''
    const fetched = await rowsOf(async () => (fileName = (await invoke('print.pdf', { kind: 'materialsChecklist', caseNo, isInline: true })).fileName))
    expect(fetched).toMatchObject([{ operator: who(), action: 'view.document', case_no: caseNo, details: { command: 'print.pdf', kind: 'materialsChecklist', fileName, isInline: true } }])
  }, 60_000)

  it('never writes a full ID number into the trail', () => {
    const text = auditRows().map((r) => r.details).join('\n')
    expect(text).toContain(masked)
    expect(text).not.toContain(APPLICANT.idNumber)
  })
})
