/**
 * The words for what stops Accept: one line in the accept panel, and the
 * error next to the field when Accept is pressed anyway.
 */
import type { Blocker } from './intakeModel'

type Translate = (key: string, options?: Record<string, unknown>) => string

export function blockerLine(b: Blocker, t: Translate): string {
  switch (b.kind) {
    case 'missing':
      return t('accept.missing', { name: b.name })
    case 'promiseDate':
      return t('accept.noPromiseDate', { name: b.name })
    case 'authorisation':
      return t('accept.noAuthorisation')
    case 'authorisationPhoto':
      return t('accept.noAuthorisationPhoto')
    case 'required':
      return b.label === 'itemCode' ? t('accept.noItem') : t('accept.notFilled', { label: t(`fields.${b.label}`) })
  }
}

export function blockerError(b: Blocker, t: Translate): string {
  switch (b.kind) {
    case 'missing':
      return t('materials.missingRequired', { name: b.name })
    case 'promiseDate':
      return t('materials.promiseDateNeeded')
    case 'authorisation':
      return t('accept.confirmAuthorisation')
    case 'authorisationPhoto':
      return t('accept.takeAuthorisationPhoto')
    case 'required':
      return b.label === 'itemCode' ? t('accept.pickItem') : t('accept.fillIn', { label: t(`fields.${b.label}`) })
  }
}
