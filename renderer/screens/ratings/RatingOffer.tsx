import { Button, Space, Tag, Typography } from 'antd'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { RatingVisit } from '../../../main/domain/ratings'
import { call, getBridge, useEvent } from '../../bridge/client'
import { useCommandState } from '../../hooks/useCommandState'
import { Dialog } from '../../components/Dialog'
import { RatingPad, type OfferView } from './RatingPad'
import { usePanelState } from './usePanelState'
import './ratings.css'

const PANEL_WINDOW = 'onewindow-rating-panel'

/**
 * The clerk's side of 好差评 for one visit of one case (acceptance, output):
 * Alt+E puts the rating on the customer-facing panel, or — with no panel
 * attached, or pressed again — on this screen as an overlay the clerk turns
 * to the applicant. Once rated it shows the grade; a rating is never redone.
 * Leaving it unrated takes the offer off the panel, so the next applicant
 * never rates the last one's case.
 */
export function RatingOffer({ caseNo, visit }: { caseNo: string; visit: RatingVisit }): React.JSX.Element {
  const { t } = useTranslation('ratings')
  const [version, setVersion] = useState(0)
  const { value: rating } = useCommandState(`${caseNo}/${visit}/${version}`, {
    initial: null,
    load: () => call('ratings.forCase', { caseNo }).then((all) => all.find((r) => r.visit === visit) ?? null),
  })
  useEvent('ratings.changed', (change) => {
    if (change.caseNo === caseNo && change.visit === visit) setVersion((v) => v + 1)
  })
  const { value: panel } = usePanelState()
  const isOffered = panel.offer?.caseNo === caseNo && panel.offer.visit === visit
  const [overlay, setOverlay] = useState<OfferView | null>(null)
  const [error, setError] = useState<string | null>(null)

  const ask = useCallback(async () => {
    if (rating) return
    setError(null)
    try {
      const state = isOffered ? panel : await call('ratings.offer', { caseNo, visit })
      // No panel to show it on, or the clerk asks a second time: this screen, turned to the applicant.
      if (state.offer && (state.panels === 0 || isOffered)) setOverlay(state.offer)
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    }
  }, [rating, isOffered, panel, caseNo, visit])

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.altKey && !e.ctrlKey && e.code === 'KeyE' && overlay === null) {
        e.preventDefault()
        void ask()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [ask, overlay])

  // Unrated when the clerk moves on: the offer leaves the panel with this component.
  const stillOffered = useRef(false)
  stillOffered.current = isOffered && !rating
  useEffect(
    () => () => {
      if (stillOffered.current) void call('ratings.withdraw', {}).catch(() => undefined)
    },
    [],
  )

  const openPanelWindow = (): void => {
    window.open(`${window.location.pathname}#/rate`, PANEL_WINDOW, 'popup')
  }

  return (
    <div className="rating-offer" data-testid="rating-offer" data-rated={rating ? String(rating.grade) : undefined}>
      <Typography.Text strong>{t('offer.title')}</Typography.Text>
      <div>
        {rating ? (
          <Space wrap data-testid="rating-result">
            <Tag color={rating.isNegative ? 'red' : 'green'}>{t('offer.rated', { grade: t(`grades.${rating.grade}`) })}</Tag>
            {rating.signed ? null : <Tag>{t('offer.anonymous')}</Tag>}
            {rating.followUp ? <Typography.Text type="danger">{t('offer.ratedNegative', { date: rating.followUp.dueDate })}</Typography.Text> : null}
          </Space>
        ) : (
          <Space wrap>
            <Button onClick={() => void ask()} data-testid="rating-ask">
              {isOffered ? t('offer.askHere') : t('offer.ask')} <Tag className="button-key">Alt+E</Tag>
            </Button>
            {isOffered ? (
              <>
                <Typography.Text type="secondary" data-testid="rating-waiting">
                  {panel.panels > 0 ? t('offer.waitingPanel') : t('offer.waitingHere')}
                </Typography.Text>
                <Button type="link" onClick={() => void call('ratings.withdraw', {})}>
                  {t('offer.withdraw')}
                </Button>
              </>
            ) : null}
            {panel.panels === 0 && getBridge().transport === 'station' ? (
              <Button type="link" onClick={openPanelWindow} data-testid="rating-open-panel">
                {t('offer.openPanel')}
              </Button>
            ) : null}
          </Space>
        )}
        {error ? (
          <Typography.Text type="danger" data-testid="rating-offer-error">
            {error}
          </Typography.Text>
        ) : null}
      </div>
      <Dialog
        open={overlay !== null}
        title={null}
        footer={null}
        closable={false}
        keyboard={false}
        maskClosable={false}
        width={1100}
        centered
        destroyOnHidden
        onCancel={() => setOverlay(null)}
      >
        {overlay ? <RatingPad offer={overlay} onDone={() => setOverlay(null)} /> : null}
      </Dialog>
    </div>
  )
}
