/**
 * The reviewer's queue (分类审核办理) through the composition root and the
 * contract: the department's cases in deadline order; 补正 with its
 * one-time notice, the clock stopped and restarted; approval recording the
 * certificate; a refusal with its notice — the notices checked as the PDF
 * text Chromium makes of them.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp, type App } from '../../main/app'
import { parseStationConfig } from '../../main/config/stationConfig'
import type { CommandName, CommandOutput } from '../../main/contract'
import type { Result } from '../../main/contract/result'
import type { IntakeForm } from '../../main/domain/intakeForm'
import { SettableClock } from '../../main/services/cases/hallClock'
import Database from 'better-sqlite3'
import { verifyAuditChain } from '../../main/store/auditChain'
import { databaseFile } from '../../main/store/database'
import { anIdNumber } from '../fixtures/registrationNumbers'

const ESTABLISH = 'XK00201001' // 企业设立登记 (SCJG): issues 营业执照
const CHANGE = 'XK00201002' // 企业变更登记 (SCJG): issues none
const TRANSFER = 'QR00301001' // 不动产转移登记 (ZRZY)

let app: App
let dir: string
/** A second connection, as a supervisor's tool would read the file. */
let reader: Database.Database
const clock = new SettableClock(new Date('2026-03-02T10:00:00+08:00')) // a Monday the shipped calendar covers

async function call<N extends CommandName>(name: N, input: unknown): Promise<Result<CommandOutput<N>>> {
  return (await app.dispatcher.invoke(name, input, { transport: 'test' })) as Result<CommandOutput<N>>
}

async function ok<N extends CommandName>(name: N, input: unknown): Promise<CommandOutput<N>> {
  const result = await call(name, input)
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`)
  return result.value
}

const pdfText = (path: string): string => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' })
/** Paragraphs wrap anywhere in Chinese: compare without the line breaks and the layout's spaces. */
const flat = (text: string): string => text.replace(/\s+/g, '')

function formFor(itemCode: string, i: number): IntakeForm {
  const item = app.services.catalog.item(itemCode)
  return {
    applicant: { kind: 'person', name: `申请人${i}`, idNumber: anIdNumber({ birth: '1985-06-1' + i, seq: `12${i}` }), phone: `1391234567${i}`, source: 'typed' },
    itemCode,
    materials: item.materials.filter((m) => m.required).map((m) => ({ materialId: m.id, receivedCopies: m.copies })),
    ...(item.fee ? { fee: { receiptNo: `FS00000${i}` } } : {}),
    delivery: { method: 'window' },
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'onewindow-review-'))
  app = await createApp(parseStationConfig({ profile: 'review', department: 'SCJG', devices: { idcard: { mode: 'off' } } }, dir), { printing: { statusPollMs: 0 }, clock })
  app.services.session.actAs('审核员 C003')
  reader = new Database(databaseFile(dir), { readonly: true })
})
afterAll(async () => {
  reader.close()
  await app.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('a review station', () => {
  it('refuses to start with a department the catalog does not have, naming the ones it has', async () => {
    const other = mkdtempSync(join(tmpdir(), 'onewindow-review-bad-'))
    try {
      const config = parseStationConfig({ profile: 'review', department: 'XYZ', devices: { idcard: { mode: 'off' } } }, other)
      await expect(createApp(config)).rejects.toMatchObject({ code: 'CONFIG_INVALID', field: 'department', message: expect.stringMatching(/部门代码 "XYZ" 不在事项目录.*SCJG（市场监督管理局）/) })
      // The store it opened is closed again: the same directory starts once the config is right.
      const fixed = await createApp(parseStationConfig({ profile: 'review', department: 'ZRZY', devices: { idcard: { mode: 'off' } } }, other))
      await fixed.close()
    } finally {
      rmSync(other, { recursive: true, force: true })
    }
  })

  it('tells the screen its department by code and name', async () => {
    expect(await ok('system.info', {})).toMatchObject({ profile: 'review', department: { code: 'SCJG', name: '市场监督管理局' } })
  })

  it('lists the cases routed to its department, in deadline order', async () => {
    // 企业变更登记 promises 2 working days, 企业设立登记 3: the later acceptance comes first by deadline.
    const establish = app.services.intake.accept({ form: formFor(ESTABLISH, 1) }).caseNo
    const transfer = app.services.intake.accept({ form: formFor(TRANSFER, 2) }).caseNo
    const change = app.services.intake.accept({ form: formFor(CHANGE, 3) }).caseNo
    const queue = await ok('cases.list', { filters: { department: 'SCJG', states: ['accepted', 'in_review', 'needs_supplement', 'approved'] }, sort: 'deadline' })
    const mine = queue.rows.map((r) => r.caseNo).filter((no) => [establish, transfer, change].includes(no))
    expect(mine).toEqual([change, establish])
    // Rows name the department as the catalog calls it.
    expect(queue.rows.every((r) => r.department === '市场监督管理局')).toBe(true)
    expect((await ok('cases.list', { filters: { department: 'ZRZY' } })).rows.map((r) => r.caseNo)).toEqual([transfer])
    expect(await call('cases.list', { filters: { department: 'XYZ' } })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', field: 'filters.department' } })
  })
})

describe('补正, supplied, approved with the certificate, produced', () => {
  let caseNo: string

  beforeAll(() => {
    clock.set(new Date('2026-03-02T10:30:00+08:00'))
    caseNo = app.services.intake.accept({ form: formFor(ESTABLISH, 4) }).caseNo
  })

  it('stops the clock at 补正 and prints a one-time notice listing every missing item and the due date', async () => {
    await ok('cases.transition', { caseNo, action: 'startReview' })
    clock.set(new Date('2026-03-04T09:00:00+08:00'))
    const paused = await ok('cases.transition', {
      caseNo,
      action: 'requestSupplement',
      missingMaterials: ['premises', 'charter'],
      note: '股东会决议缺少全体股东签字',
      promiseDate: '2026-03-13',
    })
    expect(paused).toMatchObject({ state: 'needs_supplement', clock: 'paused', light: null, pausedSince: '2026-03-04' })
    expect(paused.timeline.at(-1)).toMatchObject({
      action: 'requestSupplement',
      note: '股东会决议缺少全体股东签字',
      details: { missingMaterials: [{ materialId: 'charter', name: '公司章程' }, { materialId: 'premises', name: '住所使用相关文件（房屋所有权证明或租赁合同）' }], departmentName: '市场监督管理局' },
    })

    const pdf = await ok('print.pdf', { kind: 'oneTimeNotice', caseNo })
    expect(pdf.fileName.startsWith(`补正材料一次性告知书_${caseNo}_`)).toBe(true)
    const text = flat(pdfText(pdf.path))
    for (const expected of ['补正材料一次性告知书', caseNo, '企业设立登记', '申请人4', '公司章程', '住所使用相关文件', '股东会决议缺少全体股东签字', '2026-03-13', '一次性告知', '补正期间不计入办理时限', '市场监督管理局', '审核员C003']) {
      expect(text, expected).toContain(expected)
    }
    expect(text).not.toContain(formFor(ESTABLISH, 4).applicant!.idNumber!)
  })

  it('restarts the clock when the materials are supplied, the deadline moved by the days paused', async () => {
    const before = app.services.cases.get(caseNo).deadline
    clock.set(new Date('2026-03-06T09:00:00+08:00')) // Thu and Fri paused
    const resumed = await ok('cases.transition', { caseNo, action: 'supply' })
    expect(resumed).toMatchObject({ state: 'in_review', clock: 'running', pausedDays: 2, pausedSince: null })
    expect(resumed.deadline > before).toBe(true)
  })

  it('refuses an approval without the certificate the item issues, writing nothing', async () => {
    const auditRows = (): number => reader.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number
    const [steps, audits] = [app.services.cases.get(caseNo).timeline.length, auditRows()]
    const refused = await call('cases.transition', { caseNo, action: 'approve' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', field: 'certificate.number', message: expect.stringContaining('营业执照') } })
    const wrongType = await call('cases.transition', { caseNo, action: 'approve', certificate: { type: '食品经营许可证', number: 'JY1320302' } })
    expect(wrongType).toMatchObject({ ok: false, error: { field: 'certificate.type' } })
    const detail = app.services.cases.get(caseNo)
    expect(detail).toMatchObject({ state: 'in_review', certificate: null, certificateType: '营业执照' })
    expect(detail.timeline).toHaveLength(steps)
    expect(auditRows()).toBe(audits)
  })

  it('records the certificate with the approval — timeline and audit in the same transaction — and shows it on the case', async () => {
    clock.set(new Date('2026-03-06T15:00:00+08:00'))
    const approved = await ok('cases.transition', { caseNo, action: 'approve', certificate: { type: '营业执照', number: '91320302MA7ABCDE1X', issuedOn: '2026-03-06' } })
    expect(approved).toMatchObject({ state: 'approved', certificate: { type: '营业执照', number: '91320302MA7ABCDE1X', issuedOn: '2026-03-06' } })
    expect(approved.timeline.at(-1)).toMatchObject({ action: 'approve', details: { certificate: { number: '91320302MA7ABCDE1X' } } })
    const audit = reader.prepare("SELECT details FROM audit_log WHERE case_no = ? AND action = 'case.transition' ORDER BY seq DESC LIMIT 1").pluck().get(caseNo) as string
    expect(JSON.parse(audit)).toMatchObject({ action: 'approve', certificate: { type: '营业执照', number: '91320302MA7ABCDE1X' } })
    expect(verifyAuditChain(reader).ok).toBe(true)

    const ready = await ok('cases.transition', { caseNo, action: 'produce' })
    expect(ready).toMatchObject({ state: 'ready', certificate: { number: '91320302MA7ABCDE1X' } })
    // Gone from the reviewer's queue: the output window has it now.
    const queue = await ok('cases.list', { filters: { department: 'SCJG', states: ['accepted', 'in_review', 'needs_supplement', 'approved'] }, sort: 'deadline' })
    expect(queue.rows.map((r) => r.caseNo)).not.toContain(caseNo)
  })

  it('approves an item that issues no certificate without one', async () => {
    const change = app.services.intake.accept({ form: formFor(CHANGE, 5) }).caseNo
    await ok('cases.transition', { caseNo: change, action: 'startReview' })
    expect(await ok('cases.transition', { caseNo: change, action: 'approve' })).toMatchObject({ state: 'approved', certificate: null, certificateType: null })
  })
})

describe('不予 with its notice', () => {
  let caseNo: string

  beforeAll(async () => {
    clock.set(new Date('2026-03-09T10:00:00+08:00'))
    caseNo = app.services.intake.accept({ form: formFor(ESTABLISH, 6) }).caseNo
    await ok('cases.transition', { caseNo, action: 'startReview' })
  })

  it('needs the reason and the legal basis', async () => {
    expect(await call('cases.transition', { caseNo, action: 'reject', legalBasis: '《中华人民共和国行政许可法》第三十八条第二款' })).toMatchObject({ ok: false, error: { field: 'note' } })
    expect(await call('cases.transition', { caseNo, action: 'reject', note: '经营范围涉及前置审批事项，未取得许可' })).toMatchObject({ ok: false, error: { field: 'legalBasis' } })
    expect(app.services.cases.get(caseNo).state).toBe('in_review')
  })

  it('prints the refusal on A4 with the reason, the legal basis and the applicant’s remedies', async () => {
    expect(await call('print.pdf', { kind: 'refusalNotice', caseNo })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'caseNo' } })
    clock.set(new Date('2026-03-10T11:20:00+08:00'))
    const rejected = await ok('cases.transition', {
      caseNo,
      action: 'reject',
      note: '经营范围涉及前置审批事项，未取得许可',
      legalBasis: '《中华人民共和国行政许可法》第三十八条第二款；《市场主体登记管理条例》第十四条',
    })
    expect(rejected).toMatchObject({ state: 'rejected', clock: 'stopped' })

    const pdf = await ok('print.pdf', { kind: 'refusalNotice', caseNo })
    expect(existsSync(pdf.path)).toBe(true)
    const text = flat(pdfText(pdf.path))
    for (const expected of [
      '不予行政许可决定书',
      caseNo,
      '企业设立登记',
      '决定不予行政许可',
      '经营范围涉及前置审批事项，未取得许可',
      '《中华人民共和国行政许可法》第三十八条第二款；《市场主体登记管理条例》第十四条',
      '六十日内依法申请行政复议',
      '六个月内依法向人民法院提起行政诉讼',
      '市场监督管理局（盖章）',
      '2026-03-10',
    ]) {
      expect(text, expected).toContain(expected)
    }
  })

  it('is titled 不予受理 when the reviewer says so', async () => {
    const other = app.services.intake.accept({ form: formFor(ESTABLISH, 7) }).caseNo
    await ok('cases.transition', { caseNo: other, action: 'startReview' })
    await ok('cases.transition', { caseNo: other, action: 'reject', refusal: 'notAccepted', note: '申请事项不属于本机关职权范围', legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第（二）项' })
    const preview = await ok('print.preview', { kind: 'refusalNotice', caseNo: other })
    expect(preview).toMatchObject({ target: 'a4', title: `不予受理决定书 ${other}` })
    expect(preview.html).toContain('决定不予受理')
    expect(preview.html).toContain('行政诉讼')
  })
})
