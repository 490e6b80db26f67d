import { describe, expect, it } from 'vitest'
import { decodeTspl, looksLikeTspl, splitTsplArgs } from '../../../main/devices/printer/tsplDecode'
import { tsplLabelBytes, tsplLabelCommands } from '../../../main/devices/printer/tsplWriter'
import { buildWaybillLabel } from '../../../main/domain/print/waybillLabel'
import { aWaybill, WAYBILL_NO } from '../../fixtures/printDocuments'

describe('TSPL writer and decoder', () => {
  const doc = buildWaybillLabel(aWaybill())

  it('writes the page set-up, CLS first and PRINT last, text in the printer’s Chinese font', () => {
    const commands = tsplLabelCommands(doc)
    expect(commands.slice(0, 2)).toEqual(['SIZE 100 mm,150 mm', 'GAP 2 mm,0 mm'])
    expect(commands).toContain('CLS')
    expect(commands.at(-1)).toBe('PRINT 1,1')
    expect(commands).toContain('TEXT 96,506,"TSS24.BF2",0,2,2,"张三  138****5678"')
    expect(commands).toContain(`BARCODE 182,288,"128",128,0,0,3,6,"${WAYBILL_NO}"`)
  })

  it('sends CODEPAGE 936 only to models configured to need it', () => {
    expect(tsplLabelCommands(doc)).not.toContain('CODEPAGE 936')
    expect(tsplLabelCommands(doc, { sendCodepage936: true })).toContain('CODEPAGE 936')
  })

  it('decodes its own bytes back to the same label', () => {
    const decoded = decodeTspl(tsplLabelBytes(doc))
    expect(decoded.warnings).toEqual([])
    expect(decoded.labels).toHaveLength(1)
    expect(decoded.labels[0]!.elements).toEqual(doc.elements)
    expect(decoded.labels[0]).toMatchObject({ widthMm: 100, heightMm: 150, gapMm: 2, copies: 1 })
  })

  it('escapes a double quote in data as \\["] and reads it back', () => {
    const label = { ...doc, elements: [{ type: 'text' as const, x: 0, y: 0, font: 'TSS24.BF2', xMul: 1, yMul: 1, text: '备注："加急"' }] }
    const bytes = tsplLabelBytes(label)
    expect(bytes.toString('latin1')).toContain('\\["]')
    expect(decodeTspl(bytes).labels[0]!.elements[0]).toMatchObject({ text: '备注："加急"' })
  })

  it('reads sizes in inches, skips a BITMAP’s binary body and reports commands it does not know', () => {
    const bitmap = Buffer.concat([Buffer.from('BITMAP 10,10,2,2,0,', 'latin1'), Buffer.from([0x0a, 0x0d, 0xff, 0x00]), Buffer.from('\r\n')])
    const bytes = Buffer.concat([Buffer.from('SIZE 4,6\r\nCLS\r\n'), bitmap, Buffer.from('FOO 1\r\nPRINT 2\r\n')])
    const decoded = decodeTspl(bytes)
    expect(decoded.labels[0]).toMatchObject({ widthMm: 101.6, heightMm: 152.4, copies: 2 })
    expect(decoded.warnings).toEqual(['位图 16×2 点未渲染', '未识别的 TSPL 命令：FOO 1'])
  })

  it('tells TSPL from ESC/POS, also after a leading status request', () => {
    expect(looksLikeTspl(Buffer.from('\x1b!?SIZE 100 mm,150 mm\r\n', 'latin1'))).toBe(true)
    expect(looksLikeTspl(Buffer.from([0x1b, 0x40, 0x1c, 0x26]))).toBe(false)
  })

  it('splits arguments with commas inside quotes', () => {
    expect(splitTsplArgs('1, 2,"a,b",3')).toEqual(['1', '2', 'a,b', '3'])
  })
})
