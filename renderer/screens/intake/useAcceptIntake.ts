/**
 * Accept (受理): checklist blockers are shown before main is asked; the draft
 * is saved first so a double Enter or a lost answer returns the same case
 * (main is idempotent per draft); a refusal leaves the form untouched with
 * the message next to the field it names, or above the button when it names none.
 */
import { useCallback, useRef, useState, type Dispatch, type RefObject, type SetStateAction } from 'react'
import { useTranslation } from 'react-i18next'
import { call, CommandError } from '../../bridge/client'
import type { EventPayload } from '../../../main/contract'
import type { AcceptResult } from './AcceptedDialog'
import { focusField } from './focusFlow'
import { blockerError } from './blockerText'
import { acceptBlockers, screenFieldOf, type CatalogItemView } from './intakeModel'
import type { IntakeDraft } from './useIntakeDraft'

export interface IntakeAcceptance {
  accept(): Promise<void>
  isAccepting: boolean
  result: AcceptResult | null
  generalError: string | null
  clear(): void
  /**
   * Whether a print job is this acceptance's receipt (main queues it in the
   * accept transaction; its event may arrive before the accept's answer).
   * Stable, for useClaimPrintPreviews.
   */
  isOwnReceipt(job: EventPayload<'print.job'>): boolean
}

export function useAcceptIntake(deps: {
  draft: IntakeDraft
  item: CatalogItemView | null
  rootRef: RefObject<HTMLDivElement | null>
  setErrors: Dispatch<SetStateAction<Readonly<Record<string, string>>>>
  /** 代办: the authorisation is required; whether its photo is on the draft. */
  authorisation?: { hasPhoto: boolean } | undefined
}): IntakeAcceptance {
  const { t } = useTranslation('intake')
  const [isAccepting, setAccepting] = useState(false)
  const [result, setResult] = useState<AcceptResult | null>(null)
  const [generalError, setGeneralError] = useState<string | null>(null)
  const busyRef = useRef(false)
  const acceptedCaseNoRef = useRef<string | null>(null)
  const { draft, item, rootRef, setErrors } = deps

  const accept = async (): Promise<void> => {
    if (busyRef.current || !draft.isLoaded) return
    const root = rootRef.current
    setGeneralError(null)
    // What the panel lists is refused here, before main is asked: the errors go next to their fields, focus to the first.
    const blockers = acceptBlockers(draft.form, item, deps.authorisation)
    if (blockers.length > 0) {
      setErrors(Object.fromEntries(blockers.map((b) => [b.field, blockerError(b, t)])))
      if (root && blockers[0]) focusField(root, blockers[0].field)
      return
    }
    busyRef.current = true
    setAccepting(true)
    const form = draft.form
    try {
      const draftId = await draft.flush()
      const out = await call('cases.accept', draftId ? { draftId, form } : { form })
      setErrors({})
      acceptedCaseNoRef.current = out.caseNo
      setResult({ ...out, itemName: item?.name ?? form.itemCode ?? '' })
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      const field = err instanceof CommandError ? screenFieldOf(err.field, form) : undefined
      if (field && root && focusField(root, field)) setErrors({ [field]: message })
      else setGeneralError(message)
    } finally {
      busyRef.current = false
      setAccepting(false)
    }
  }

  const clear = (): void => {
    acceptedCaseNoRef.current = null
    setResult(null)
    setGeneralError(null)
  }

  const isOwnReceipt = useCallback(
    (job: EventPayload<'print.job'>): boolean =>
      job.kind === 'acceptanceReceipt' && (busyRef.current || (job.caseNo !== null && job.caseNo === acceptedCaseNoRef.current)),
    [],
  )

  return { accept, isAccepting, result, generalError, clear, isOwnReceipt }
}
