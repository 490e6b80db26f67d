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
import { aHandoverList, aMaterialsChecklist, CASE_NO } from '../fixtures/printDocuments'

let app: App
let dir: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'onewindow-pdf-'))
  app = await createApp(parseStationConfig({ devices: { idcard: { mode: 'off' } } }, dir), { printing: { statusPollMs: 0 } })
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
