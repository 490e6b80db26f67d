/**
 * The field shapes every printable document's data is made of, in one place
 * so a limit or a format cannot drift between the receipts, the label and the
 * A4 sheets.
 */
import { z } from 'zod'
import { PRINTABLE_ASCII } from './code128'

/** Text a person typed or a catalog gave: trimmed, not empty, at most `max` characters. */
export const text = (max: number) => z.string().trim().min(1).max(max)

/** `2026-03-18` — a calendar day as the hall writes it. */
export const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '应为 YYYY-MM-DD')

/** `2026-03-18 10:32` (seconds allowed) — a moment, in the hall's local time. */
export const moment = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/, '应为 YYYY-MM-DD HH:mm')

/**
 * Printable ASCII, trimmed: what a barcode, a QR code or a label's Latin
 * bitmap font stores byte for byte. `what` names the field in the message.
 */
export const asciiText = (max: number, what: string) => z.string().trim().min(1).max(max).regex(PRINTABLE_ASCII, `${what}应为 ASCII`)
