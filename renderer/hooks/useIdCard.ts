/**
 * ID card taps as the screens see them: main pushes `idcard.read` once per
 * tap (the reader itself refuses to re-read a card left lying on it), with
 * the full ID number and the expiry already judged. The photo stays in main.
 */
import type { EventPayload } from '../../main/contract'
import { useEvent } from '../bridge/client'

export type IdCardTap = EventPayload<'idcard.read'>

/**
 * Subscribes for the component's lifetime. `onTap` runs for every tap, with
 * the latest closure; refusing a card whose number fails its check
 * (`tap.card.idNumberValid === false`, reason in `tap.warnings`) is the
 * screen's call, since "anywhere else" only looks cases up.
 */
export function useIdCard(onTap: (tap: IdCardTap) => void): void {
  useEvent('idcard.read', onTap)
}
