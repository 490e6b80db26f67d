/**
 * Where a scan goes: main says what it is (`scan.classify`), the screen on
 * view takes the kinds it registered for (scanTargets.ts), and otherwise:
 * a case number opens the case (at the courier desk: puts it on the desk),
 * a waybill or credit code with no screen to take it says so, and anything
 * else is "not recognised" — never a navigation on a guess.
 */
import { message } from 'antd'
import { useCallback, type ReactElement } from 'react'
import { useTranslation } from 'react-i18next'
import type { CommandOutput } from '../../main/contract'
import { call } from '../bridge/client'
import { navigate } from './useRoute'
import { dispatchScan, type ClassifiedScan } from './scanTargets'
import { useScanner, type ScanSource } from './useScanner'

type Profile = CommandOutput<'system.info'>['profile']

export interface ScanRouting {
  /** Routes a scan from any source (CameraScanner calls this with 'camera'). */
  route(text: string, source: ScanSource): Promise<void>
  /** Render once: antd messages need it to follow the app's theme and locale. */
  messages: ReactElement
}

export function useScanRouting(profile: Profile | null): ScanRouting {
  const { t } = useTranslation('scanning')
  const [messageApi, messages] = message.useMessage()

  const fallback = useCallback(
    (scan: ClassifiedScan): void => {
      switch (scan.kind) {
        case 'case':
          if (!scan.exists) {
            void messageApi.warning({ content: t('caseNotFound', { caseNo: scan.caseNo }), key: 'scan' })
            return
          }
          // A desk takes the case in hand (the courier's ships it, the output window's hands it over); elsewhere the case page opens.
          navigate(`#/${profile === 'courier' || profile === 'output' ? profile : 'cases'}/${encodeURIComponent(scan.caseNo)}`)
          void messageApi.success({ content: t(profile === 'courier' ? 'caseOnDesk' : 'caseOpened', { caseNo: scan.caseNo }), key: 'scan' })
          return
        case 'waybill':
          void messageApi.info({ content: t('waybillNoTarget', { waybillNo: scan.waybillNo }), key: 'scan' })
          return
        case 'uscc':
          void messageApi.info({ content: t('usccNoTarget', { uscc: scan.uscc }), key: 'scan' })
          return
        case 'unknown':
          void messageApi.error({ content: t('notRecognised', { text: scan.text }), key: 'scan' })
      }
    },
    [messageApi, profile, t],
  )

  const route = useCallback(
    async (text: string, source: ScanSource): Promise<void> => {
      let scan: ClassifiedScan
      try {
        scan = await call('scan.classify', { text: text.slice(0, 256) })
      } catch (err) {
        void messageApi.error({ content: t('classifyFailed', { text, reason: err instanceof Error ? err.message : String(err) }), key: 'scan' })
        return
      }
      if (dispatchScan(scan, source)) return
      fallback(scan)
    },
    [fallback, messageApi, t],
  )

  useScanner((text, source) => void route(text, source))
  return { route, messages }
}
