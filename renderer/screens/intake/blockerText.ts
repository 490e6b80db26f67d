/**
 * The words for what stops Accept: one line in the accept panel, and the
 * error next to the field when Accept is pressed anyway.
 */
import type { Blocker } from './intakeModel'

type Translate = (key: string, options?: Record<string, unknown>) => string

export function blockerLine(b: Blocker, t: Translate): string {
  if (b.kind !== 'required') return b.kind === 'missing' ? t('accept.missing', { name: b.name }) : t('accept.noPromiseDate', { name: b.name })
  return b.label === 'itemCode' ? t('accept.noItem') : t('accept.notFilled', { label: t(`fields.${b.label}`) })
}

export function blockerError(b: Blocker, t: Translate): string {
  if (b.kind !== 'required') return b.kind === 'missing' ? t('materials.missingRequired', { name: b.name }) : t('materials.promiseDateNeeded')
  return b.label === 'itemCode' ? t('accept.pickItem') : t('accept.fillIn', { label: t(`fields.${b.label}`) })
}
