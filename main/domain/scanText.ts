/**
 * What a scanned barcode is, so one scan anywhere opens the right thing: a
 * receipt's case number, an enterprise's credit code (营业执照), or a courier
 * waybill (specs/dispatch.md: SF `SF` + 12–13 digits, EMS 13 digits
 * domestic or UPU S10 `EE123456785CN` international).
 */
import { caseNumberPattern } from './caseNumber'
import { checkUscc } from './uscc'

export type ScanKind =
  | { kind: 'case'; caseNo: string }
  | { kind: 'uscc'; uscc: string }
  | { kind: 'waybill'; carrier: 'sf' | 'ems'; waybillNo: string }
  | { kind: 'unknown'; text: string }

const SF = /^SF\d{12,13}$/
const EMS_DOMESTIC = /^\d{13}$/
const UPU_S10 = /^[A-Z]{2}\d{9}[A-Z]{2}$/

export function classifyScanText(raw: string, caseNumberFormat: string): ScanKind {
  // Scanners add CR/LF or spaces; letters in codes are upper case on every label we read.
  const text = raw.replace(/\s+/g, '').toUpperCase()
  if (caseNumberPattern(caseNumberFormat).test(text)) return { kind: 'case', caseNo: text }
  if (SF.test(text)) return { kind: 'waybill', carrier: 'sf', waybillNo: text }
  if (UPU_S10.test(text) || EMS_DOMESTIC.test(text)) return { kind: 'waybill', carrier: 'ems', waybillNo: text }
  if (text.length === 18 && checkUscc(text).valid) return { kind: 'uscc', uscc: text }
  return { kind: 'unknown', text: raw.trim().slice(0, 256) }
}
