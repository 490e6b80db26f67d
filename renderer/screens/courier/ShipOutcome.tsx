/**
 * The outcome of the last entry, big enough to read from arm's length while
 * sticking the label on: the waybill number and whether its label is out
 * (printed, on screen, or queued for the carrier with the reason — which is
 * not an error), the waybill the desk waits for, or why the case cannot go.
 */
import { Alert, Flex } from 'antd'
import { useTranslation } from 'react-i18next'
import type { PrintJobView } from '../../../main/contract/printing'
import { PrintPreview } from '../../components/PrintPreview'
import { groupWaybillNo, labelStateOf, type DeskPhase, type LabelState } from './courierDesk'

type AlertType = 'info' | 'success' | 'warning' | 'error'

function labelLook(state: LabelState, t: (key: string, values?: Record<string, unknown>) => string): { type: AlertType; text: string } {
  switch (state.kind) {
    case 'printed':
      return { type: 'success', text: t('outcome.label.printed') }
    case 'preview':
      return { type: 'success', text: t('outcome.label.preview') }
    case 'printing':
      return { type: 'info', text: t('outcome.label.printing') }
    case 'printFailed':
      return { type: 'error', text: state.reason ? t('outcome.label.printFailed', { reason: state.reason }) : t('outcome.label.printFailedNoReason') }
    case 'waitingCarrier':
      if (state.isParked) return { type: 'warning', text: t('outcome.label.parked', { reason: state.reason ?? '' }) }
      return { type: 'info', text: state.reason ? t('outcome.label.waitingCarrierReason', { reason: state.reason }) : t('outcome.label.waitingCarrier') }
    case 'waitingLabel':
      return { type: 'info', text: t('outcome.label.waitingLabel') }
  }
}

export function ShipOutcome(props: { phase: DeskPhase; labelJobOf: (caseNo: string) => PrintJobView | null }): React.JSX.Element {
  const { t } = useTranslation('courier')
  const { phase } = props
  const box = (type: AlertType, title: React.ReactNode, description?: React.ReactNode): React.JSX.Element => (
    <Alert className="desk-outcome" type={type} showIcon title={title} description={description} data-testid="desk-outcome" data-outcome={phase.kind} />
  )

  switch (phase.kind) {
    case 'idle':
      return box('info', <span className="desk-big">{t('outcome.idle')}</span>)
    case 'working':
      return box('info', <span className="desk-big">{t(phase.step === 'check' ? 'outcome.checking' : 'outcome.shipping', { caseNo: phase.caseNo })}</span>)
    case 'awaitingWaybill':
      return box(
        phase.problem ? 'error' : 'warning',
        <span className="desk-big">{t('outcome.awaitingWaybill')}</span>,
        <>
          <div>{t('outcome.awaitingWaybillHint', { caseNo: phase.caseNo })}</div>
          {phase.problem ? <div data-testid="desk-waybill-problem">{t('outcome.waybillProblem', { reason: phase.problem })}</div> : null}
        </>,
      )
    case 'refused':
      return box(
        'error',
        <span className="desk-big" data-testid="desk-refusal" data-reason={phase.reason}>
          {t(`outcome.refused.${phase.reason}`)}
        </span>,
        <>
          <div>{t('outcome.caseNo', { caseNo: phase.caseNo })}</div>
          {phase.message ? <div>{phase.message}</div> : null}
        </>,
      )
    case 'failed':
      return box('error', <span className="desk-big">{t('outcome.failed')}</span>, <div data-testid="desk-failure">{phase.message}</div>)
    case 'waybillFirst':
      return box('warning', <span className="desk-big">{t('outcome.waybillFirst', { waybillNo: phase.waybillNo })}</span>)
    case 'shipped': {
      const { shipment } = phase
      const label = labelStateOf(shipment, props.labelJobOf(shipment.caseNo))
      const look = labelLook(label, t)
      return (
        <Flex gap={16} align="start" wrap>
          <div style={{ flex: '1 1 420px' }}>
            {box(
              look.type,
              <span className="desk-big" data-testid="desk-label-state" data-label={label.kind}>
                {look.text}
              </span>,
              <>
                <div className="desk-waybill" data-testid="desk-waybill">
                  {shipment.waybillNo ? `${t('outcome.waybill')} ${groupWaybillNo(shipment.waybillNo)}` : t('outcome.waybillPending')}
                </div>
                <div>{t('outcome.caseNo', { caseNo: shipment.caseNo })}</div>
                <div>{t('outcome.recipient', { name: shipment.recipient.name, phone: shipment.recipient.phoneMasked, region: shipment.recipient.region })}</div>
              </>,
            )}
          </div>
          {label.kind === 'preview' ? (
            <div style={{ flex: '0 1 360px' }} data-testid="desk-label-preview">
              <PrintPreview source={{ jobId: label.jobId }} actions={false} />
            </div>
          ) : null}
        </Flex>
      )
    }
  }
}

/** The hint over the field: what the next scan or Enter does. */
export function entryLabel(phase: DeskPhase, t: (key: string, values?: Record<string, unknown>) => string): string {
  return phase.kind === 'awaitingWaybill' ? t('entry.waybillLabel', { caseNo: phase.caseNo }) : t('entry.label')
}

