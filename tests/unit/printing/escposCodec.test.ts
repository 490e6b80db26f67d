import { describe, expect, it } from 'vitest'
import { decodeEscpos } from '../../../main/devices/printer/escposDecode'
import { escposReceiptBytes, FS_CHINESE_ON } from '../../../main/devices/printer/escposWriter'
import { encodeGb18030 } from '../../../main/devices/printer/gb18030Text'
import { buildAcceptanceReceipt } from '../../../main/domain/print/counterReceipts'
import type { ReceiptDocument } from '../../../main/domain/print/printDocument'
import { anAcceptanceReceipt, CASE_NO, EVALUATION_URL, PROGRESS_URL } from '../../fixtures/printDocuments'

const strip = (doc: ReceiptDocument) => doc.blocks.filter((b) => b.type !== 'feed' && b.type !== 'cut')

describe('ESC/POS writer and decoder', () => {
  const doc = buildAcceptanceReceipt(anAcceptanceReceipt())
  const bytes = escposReceiptBytes(doc)

  it('starts with ESC @ and switches Chinese mode on with FS & before any text', () => {
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0x1b, 0x40, ...FS_CHINESE_ON])
  })

  it('decodes back to the same lines, styles, barcode and QR codes', () => {
    const decoded = decodeEscpos(bytes)
    expect(decoded.warnings).toEqual([])
    expect(strip(decoded.document)).toEqual(strip(doc))
  })

  it('sends Code 128 with set C (GS k 73) and QR with a byte-exact length (GS ( k)', () => {
    const at = bytes.indexOf(Buffer.from([0x1d, 0x6b, 73]))
    expect(at).toBeGreaterThan(0)
    expect(bytes.subarray(at + 4, at + 8)).toEqual(Buffer.from([0x7b, 0x42, 0x33, 0x7b]))
    const decoded = decodeEscpos(bytes).document.blocks
    expect(decoded.filter((b) => b.type === 'barcode').map((b) => b.type === 'barcode' && b.data)).toEqual([CASE_NO])
    expect(decoded.filter((b) => b.type === 'qr').map((b) => b.type === 'qr' && b.data)).toEqual([PROGRESS_URL, EVALUATION_URL])
  })

  it('ends with a cut', () => {
    expect(decodeEscpos(bytes).document.blocks.some((b) => b.type === 'cut')).toBe(true)
  })

  it('warns when Chinese arrives before FS &, where a real printer would print garbage', () => {
    const raw = Buffer.concat([Buffer.from([0x1b, 0x40]), encodeGb18030('受理'), Buffer.from([0x0a])])
    const decoded = decodeEscpos(raw)
    expect(decoded.document.blocks[0]).toMatchObject({ type: 'text', text: '受理' })
    expect(decoded.warnings[0]).toMatch(/汉字模式/)
  })

  it('counts status requests, skips a raster image and names a command it does not know', () => {
    const raw = Buffer.concat([
      Buffer.from([0x10, 0x04, 0x01]),
      Buffer.from([0x1d, 0x76, 0x30, 0x00, 0x01, 0x00, 0x02, 0x00, 0x0a, 0x0a]),
      Buffer.from([0x1b, 0x7f]),
      Buffer.from('OK\n', 'ascii'),
    ])
    const decoded = decodeEscpos(raw, { isChineseAtStart: true })
    expect(decoded.statusQueries).toBe(1)
    expect(decoded.document.blocks[0]).toMatchObject({ type: 'text', text: '[位图 8×2]' })
    expect(decoded.document.blocks.at(-1)).toMatchObject({ type: 'text', text: 'OK' })
    expect(decoded.warnings).toEqual(['未识别的 ESC 命令 0x7f（偏移 13）'])
  })
})
