import { Alert, Button, Space, Spin, Tag } from 'antd'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call, useEvent, useResync } from '../../bridge/client'
import { ScreenFrame } from '../../components/ScreenFrame'
import { isForPage } from '../../hooks/dialogFocus'
import { navigate } from '../../hooks/useRoute'
import { CaseActions } from './CaseActions'
import { CaseFacts } from './CaseFacts'
import { CaseTimeline } from './CaseTimeline'
import { AgentBadge } from './AgentBadge'
import { stateColours } from './queueColumns'
import { detailHasChange, type CaseDetail } from './queueModel'
import './cases.css'

/**
 * One case (`#/cases/<caseNo>`): the facts, the timeline and the actions its
 * state allows. Refreshes on `case.changed` for this case, whichever window
 * or device made the change, and when the station host's event socket comes
 * back after a drop (a change pushed meanwhile was lost). Esc goes back to the queue.
 */
export function CasePage({ caseNo }: { caseNo: string }): React.JSX.Element {
  const { t } = useTranslation('cases')
  const [detail, setDetail] = useState<CaseDetail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const shown = useRef<CaseDetail | null>(null)
  shown.current = detail
  // Two loads can be on their way (a push, then a resync): only the last one asked for is shown.
  const requestRef = useRef(0)

  const load = useCallback(() => {
    const request = ++requestRef.current
    call('cases.get', { caseNo }).then(
      (d) => {
        if (request !== requestRef.current) return
        setDetail(d)
        setError(null)
      },
      (err: unknown) => {
        if (request === requestRef.current) setError(err instanceof Error ? err.message : String(err))
      },
    )
  }, [caseNo])

  useEffect(() => {
    setDetail(null)
    load()
  }, [load])

  useEvent('case.changed', (change) => {
    if (change.caseNo === caseNo && !detailHasChange(shown.current, change)) load()
  })
  useResync(load)

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      // An Esc in an open dialog is the dialog's (it cancels); from the moment it closes, Esc is the page's again.
      if (e.key !== 'Escape' || e.defaultPrevented || !isForPage(e)) return
      navigate('cases')
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  // The heading names this case — its number and item — so the clerk (and a screen reader) knows which one is open.
  const heading = (
    <span className="case-heading" data-testid="case-heading">
      <span className="case-no" data-testid="case-no">
        {caseNo}
      </span>
      {detail ? <span data-testid="case-item">{detail.itemName}</span> : null}
      {detail ? (
        <Tag color={stateColours[detail.state]} data-testid="case-state" data-state={detail.state}>
          {t(`states.${detail.state}`)}
        </Tag>
      ) : null}
      {detail ? <AgentBadge agent={detail.agent} testId="case-agent-badge" /> : null}
    </span>
  )

  return (
    <ScreenFrame title={detail ? `${caseNo} ${detail.itemName}` : caseNo} heading={heading} testId="cases">
      <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="case-page">
        <Button onClick={() => navigate('cases')} data-testid="case-back">
          {t('page.back')} <Tag className="button-key">Esc</Tag>
        </Button>
        {error ? <Alert type="error" showIcon title={error} data-testid="case-error" /> : null}
        {!detail && !error ? <Spin tip={t('page.loading')} /> : null}
        {detail ? (
          <div className="case-page-grid">
            <div className="case-page-main">
              <CaseActions detail={detail} onChanged={setDetail} />
              <CaseFacts detail={detail} />
            </div>
            <div className="case-page-side">
              <CaseTimeline timeline={detail.timeline} />
            </div>
          </div>
        ) : null}
      </Space>
    </ScreenFrame>
  )
}
