/**
 * Live validation of the typed ID number, credit code and phone through
 * `applicant.check` (main owns the GB 11643 / GB 32100 rules), debounced so a
 * check runs when typing pauses, and answers that arrive out of order are dropped.
 */
import { useEffect, useState } from 'react'
import type { CommandInput, CommandOutput } from '../../../main/contract'
import { call } from '../../bridge/client'

export type ApplicantCheck = CommandOutput<'applicant.check'>
type CheckInput = CommandInput<'applicant.check'>

const CHECK_DELAY_MS = 250

export function useApplicantCheck(values: { idNumber?: string | undefined; uscc?: string | undefined; phone?: string | undefined }): ApplicantCheck {
  const [result, setResult] = useState<{ checked: CheckInput; out: ApplicantCheck }>({ checked: {}, out: {} })
  const idNumber = values.idNumber?.trim() ?? ''
  const uscc = values.uscc?.trim() ?? ''
  const phone = values.phone?.trim() ?? ''

  useEffect(() => {
    const input: CheckInput = {}
    if (idNumber !== '') input.idNumber = idNumber
    if (uscc !== '') input.uscc = uscc
    if (phone !== '') input.phone = phone
    if (Object.keys(input).length === 0) return
    let isCurrent = true
    const timer = window.setTimeout(() => {
      call('applicant.check', input).then(
        (out) => {
          if (isCurrent) setResult({ checked: input, out })
        },
        // A failed check is not a verdict on the value: show nothing rather than a false error.
        () => {
          if (isCurrent) setResult({ checked: {}, out: {} })
        },
      )
    }, CHECK_DELAY_MS)
    return () => {
      isCurrent = false
      window.clearTimeout(timer)
    }
  }, [idNumber, uscc, phone])

  // Only verdicts about the value now in the field: a stale one would flag what is no longer there.
  const { checked, out } = result
  return {
    idNumber: idNumber !== '' && checked.idNumber === idNumber ? out.idNumber : undefined,
    uscc: uscc !== '' && checked.uscc === uscc ? out.uscc : undefined,
    phone: phone !== '' && checked.phone === phone ? out.phone : undefined,
  }
}
