import { ConfigProvider, Typography } from 'antd'
import enUS from 'antd/locale/en_US'
import zhCN from 'antd/locale/zh_CN'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CommandOutput } from '../../../main/contract'
import { call, useResync } from '../../bridge/client'
import { useCommandState } from '../../hooks/useCommandState'
import { RatingPad, type OfferView } from './RatingPad'
import { usePanelState } from './usePanelState'
import './ratings.css'

const offerKey = (o: OfferView): string => `${o.caseNo}/${o.visit}/${o.offeredAt}`

/**
 * The customer-facing panel (好差评): a second window on the counter's second
 * display (Electron opens it there) or any second browser window on the
 * station host. It attaches itself to the station so the clerk's offers come
 * here instead of an overlay on the clerk's screen, shows each offered rating
 * as the big pad, and thanks the applicant until the next one.
 */
export function CustomerPanel(): React.JSX.Element {
  const { t, i18n } = useTranslation('ratings')
  const { value: info } = useCommandState<CommandOutput<'system.info'> | null>('system.info', { initial: null, load: () => call('system.info', {}) })
  const { value: panel } = usePanelState()
  // The offer on show: kept once its rating is sent (the thanks stay up; the push that clears the
  // offer can overtake the answer), dropped when withdrawn unrated.
  const [shown, setShown] = useState<{ offer: OfferView; rated: boolean } | null>(null)

  const [panelId] = useState(() => crypto.randomUUID())
  useEffect(() => {
    const attach = (present: boolean): void => void call('ratings.panel', { panelId, present }).catch(() => undefined)
    attach(true)
    const leave = (): void => attach(false)
    window.addEventListener('pagehide', leave)
    return () => {
      window.removeEventListener('pagehide', leave)
      leave()
    }
  }, [panelId])
  // A station host restarted or the link dropped: attach again, the host may not know this panel any more.
  useResync(() => void call('ratings.panel', { panelId, present: true }).catch(() => undefined))

  useEffect(() => {
    setShown((current) => {
      const offer = panel.offer
      if (offer) return current && offerKey(current.offer) === offerKey(offer) ? current : { offer, rated: false }
      return current?.rated ? current : null
    })
  }, [panel.offer])

  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#c0392b', borderRadius: 6, fontSize: 16 } }}>
      <main className="customer-panel" data-testid="customer-panel" data-panel-id={panelId}>
        <Typography.Title level={3}>{info?.hallName ?? ''}</Typography.Title>
        {shown ? (
          <RatingPad key={offerKey(shown.offer)} offer={shown.offer} onSending={() => setShown((s) => (s ? { ...s, rated: true } : s))} />
        ) : (
          <div className="customer-panel-idle" data-testid="customer-panel-idle">
            <Typography.Title level={1}>{t('pad.idle')}</Typography.Title>
            <Typography.Text type="secondary">{t('pad.idleHint')}</Typography.Text>
          </div>
        )}
      </main>
    </ConfigProvider>
  )
}
