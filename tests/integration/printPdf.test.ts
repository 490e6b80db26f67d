/**
 * A4 sheets through the station host's path: HTML → Debian's Chromium →
 * PDF, checked by extracting the text the way a reader would see it.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp, type App } from '../../main/app'
import { parseStationConfig } from '../../main/config/stationConfig'
import { SettableClock } from '../../main/services/cases/hallClock'
import { aHandoverList, aMaterialsChecklist, CASE_NO } from '../fixtures/printDocuments'
import { anIdNumber } from '../fixtures/registrationNumbers'

let app: App
let dir: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'onewindow-pdf-'))
  // A Monday in a year the shipped holiday calendar covers, so a 容缺 promise date is a known working day.
  const clock = new SettableClock(new Date('2026-03-02T10:00:00+08:00'))
  app = await createApp(parseStationConfig({ devices: { idcard: { mode: 'off' } } }, dir), { printing: { statusPollMs: 0 }, clock })
  app.services.session.actAs('测试 T0000')
})
afterAll(async () => {
  await app.close()
  rmSync(dir, { recursive: true, force: true })
})

type PdfResult = { path: string; fileName: string; sizeBytes: number; base64: string | null }

async function pdf(input: unknown): Promise<PdfResult> {
  const result = await app.dispatcher.invoke('print.pdf', input, { transport: 'test' })
  if (!result.ok) throw new Error(result.error.message)
  return result.value as PdfResult
}

const pdfText = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' })
const pageSize = (path: string) => /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))

describe('A4 sheets as PDF', () => {
  it('renders the materials checklist on one A4 page with its text extractable', async () => {
    const out = await pdf({ kind: 'materialsChecklist', data: aMaterialsChecklist() })
    expect(out.path.startsWith(join(dir, 'prints'))).toBe(true)
    expect(out.fileName).toMatch(/^申请材料清单_320300202611260010001_\d{8}T\d{6}\.pdf$/)
    const [, width, height] = pageSize(out.path) ?? []
    expect([Math.round(Number(width)), Math.round(Number(height))]).toEqual([595, 842])
    const text = pdfText(out.path)
    expect(text).toContain('申请材料清单（一张清单收件）')
    expect(text).toContain(CASE_NO)
    expect(text).toContain('个体工商户登记申请书')
    expect(text).toContain('共 3 项，已收 1 项，容缺 1 项')
    expect(text).toContain('申请人（签名）')
  })

  it('renders the courier handover list with the waybills, the counts and the signature lines', async () => {
    const out = await pdf({ kind: 'handoverList', data: aHandoverList(), isInline: true })
    const text = pdfText(out.path)
    expect(text).toContain('快递交接清单')
    expect(text).toContain('SF1000000000022')
    expect(text).toContain('应交 2 件，实交 2 件，共 2 个包裹')
    expect(text).toContain('揽件员签名')
    expect(Buffer.from(out.base64 ?? '', 'base64').equals(readFileSync(out.path))).toBe(true)
    expect(out.sizeBytes).toBe(readFileSync(out.path).length)
  })
})

describe('a case’s materials checklist, by its case number', () => {
  const idNumber = anIdNumber({ birth: '1988-04-12', seq: '123' })
  let caseNo: string

  beforeAll(async () => {
    app.services.session.actAs('A007')
    // 企业设立登记 in the sample catalog: five required materials and one optional one.
    const form = {
      applicant: { kind: 'person', name: '赵文静', idNumber, phone: '13912345678', address: '江苏省徐州市云龙区和平路 8 号', source: 'typed' },
      itemCode: 'XK00201001',
      materials: [
        { materialId: 'application', receivedCopies: 1 },
        { materialId: 'charter', receivedCopies: 1 },
        { materialId: 'shareholder-id', receivedCopies: 1 },
        { materialId: 'officer-appointment', receivedCopies: 1 },
        { materialId: 'premises', receivedCopies: 0, deferred: true, promiseDate: '2026-03-06' },
      ],
      delivery: { method: 'window' },
    }
    const accepted = await app.dispatcher.invoke('cases.accept', { form }, { transport: 'test' })
    if (!accepted.ok) throw new Error(accepted.error.message)
    caseNo = (accepted.value as { caseNo: string }).caseNo
  })

  it('is a PDF of the accepted case: its item, the applicant with the ID masked, every material and the 容缺 promise', async () => {
    const out = await pdf({ kind: 'materialsChecklist', caseNo })
    expect(out.fileName.startsWith(`申请材料清单_${caseNo}_`)).toBe(true)
    const text = pdfText(out.path)
    expect(text).toContain(caseNo)
    expect(text).toContain('企业设立登记')
    expect(text).toContain('XK00201001')
    expect(text).toContain('赵文静')
    expect(text).toContain(`${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`)
    expect(text).not.toContain(idNumber)
    expect(text).toContain('公司章程')
    expect(text).toContain('共 6 项，已收 4 项，容缺 1 项')
    expect(text).toContain('2026-03-06')
    expect(text).toContain('受理人：A007')
  })

  it('shows the same sheet on screen, the page sent once (no second copy of it, no layout data)', async () => {
    const result = await app.dispatcher.invoke('print.preview', { kind: 'materialsChecklist', caseNo }, { transport: 'test' })
    if (!result.ok) throw new Error(result.error.message)
    const preview = result.value as Record<string, unknown>
    expect(preview).toMatchObject({ kind: 'materialsChecklist', target: 'a4', title: `申请材料清单 ${caseNo}`, widthPx: 794 })
    expect(Object.keys(preview).sort()).toEqual(['html', 'kind', 'target', 'title', 'widthPx'])
    expect(preview.html).toContain('申请材料清单（一张清单收件）')
    expect(preview.html).toContain('☐ 容缺后补')
    expect(preview.html).toContain('— 未提交')
  })

  it('names a case number that does not exist', async () => {
    const result = await app.dispatcher.invoke('print.pdf', { kind: 'materialsChecklist', caseNo: '320300202603020019999' }, { transport: 'test' })
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'caseNo' } })
  })

  it('is not offered for the handover list, which belongs to a courier batch rather than a case', async () => {
    for (const command of ['print.pdf', 'print.preview']) {
      const result = await app.dispatcher.invoke(command, { kind: 'handoverList', caseNo }, { transport: 'test' })
      expect(result, command).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', field: 'caseNo' } })
    }
  })
})
