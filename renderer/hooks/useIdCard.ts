/**
 * ID card taps as the screens see them: main pushes `idcard.read` once per
 * tap (the reader itself refuses to re-read a card left lying on it), with
 * the full ID number and the expiry already judged. The photo stays in main.
 */
import { useEffect } from 'react'
import type { EventPayload } from '../../main/contract'
import { useEvent } from '../bridge/client'

export type IdCardTap = EventPayload<'idcard.read'>

/** Open sign-in dialogs: while one is open, a tap is the operator's own card, never the applicant's. */
let claims = 0

/**
 * Subscribes for the component's lifetime. `onTap` runs for every tap, with
 * the latest closure; refusing a card whose number fails its check
 * (`tap.card.idNumberValid === false`, reason in `tap.warnings`) is the
 * screen's call, since "anywhere else" only looks cases up. A tap while a
 * sign-in dialog claims the reader (`useClaimedIdCard`) is not the screen's.
 */
export function useIdCard(onTap: (tap: IdCardTap) => void): void {
  useEvent('idcard.read', (tap) => {
    if (claims === 0) onTap(tap)
  })
}

/**
 * The reader for one component alone while `isClaiming`: the sign-in dialog
 * over the intake form takes the operator's card, and the form behind it
 * keeps the applicant it had.
 */
export function useClaimedIdCard(isClaiming: boolean, onTap: (tap: IdCardTap) => void): void {
  useEffect(() => {
    if (!isClaiming) return
    claims++
    return () => {
      claims--
    }
  }, [isClaiming])
  useEvent('idcard.read', (tap) => {
    if (isClaiming) onTap(tap)
  })
}
