/**
 * Idle sign-out in the page: the operator's own keys and clicks in this tab
 * count as activity; when none came for the station's idle time
 * (`session.idleSeconds`), the tab signs out and the sign-in dialog opens
 * over the screen with the idle notice. Nothing on the screen goes: the
 * dialog only covers it, and the intake form stays as typed.
 *
 * Main counts idle time by commands. So that both agree while the operator
 * works without sending any (reading a case, typing a long note), activity
 * sends `session.get` now and then as the page's sign of life.
 */
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { call, endSession } from '../bridge/client'
import { useSession } from './useSession'

/** A sign of life at most this often (a share of the idle time): a few requests per idle time, never one per key. */
const BEATS_PER_IDLE_TIME = 4

export function useIdleSignOut(): void {
  const { t } = useTranslation()
  const { value: session } = useSession()
  const operator = session.operator
  const idleMs = session.idleSeconds * 1000
  const notice = t('sessionExpired')

  useEffect(() => {
    if (operator === null || !(idleMs > 0)) return
    let lastActivity = Date.now()
    let lastBeat = lastActivity
    let timer: number | undefined
    // Keys come in bursts (a scanner, fast typing): an activity only notes the time; the one timer looks at it when due.
    const check = (): void => {
      const idle = Date.now() - lastActivity
      if (idle >= idleMs) {
        timer = undefined
        endSession({ code: 'SESSION_EXPIRED', message: notice }).catch(() => undefined)
        return
      }
      timer = window.setTimeout(check, idleMs - idle)
    }
    const onActivity = (event: Event): void => {
      // Only the operator's hand: a key or click the page makes up itself is no one at the counter.
      if (!event.isTrusted) return
      lastActivity = Date.now()
      if (lastActivity - lastBeat >= idleMs / BEATS_PER_IDLE_TIME) {
        lastBeat = lastActivity
        call('session.get', {}).catch(() => undefined)
      }
    }
    timer = window.setTimeout(check, idleMs)
    // Capture: a field that stops a key's propagation still had the operator's hand on it.
    window.addEventListener('keydown', onActivity, true)
    window.addEventListener('pointerdown', onActivity, true)
    return () => {
      window.clearTimeout(timer)
      window.removeEventListener('keydown', onActivity, true)
      window.removeEventListener('pointerdown', onActivity, true)
    }
  }, [operator, idleMs, notice])
}
