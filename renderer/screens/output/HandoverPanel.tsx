/**
 * The case in hand: what is handed over, main's verdict on the person at the
 * counter — a refusal big, with who may collect — the certificate number to
 * confirm (Enter) or scan, the collector's signature, and the handover
 * (Ctrl+Enter, anywhere on the screen).
 */
import { Alert, Button, Descriptions, Flex, Form, Input, Tag, Typography, type InputRef } from 'antd'
import type { PointGroup } from 'signature_pad'
import { useTranslation } from 'react-i18next'
import type { OutputCaseView } from '../../../main/contract/output'
import { localDateTime } from '../../localTime'
import { SignatureCanvas, type SignatureHandle } from '../courier/SignatureCanvas'
// The pad's frame is styled with the courier desk's signature classes.
import '../courier/courier.css'
import type { DeskError, Verdict } from './useOutputDesk'

export interface HandoverPanelProps {
  view: OutputCaseView
  verdict: Verdict | null
  hasCollector: boolean
  certificateNo: string
  onCertificateNo(value: string): void
  /** Enter in the certificate field: confirmed, on to the signature. */
  onCertificateConfirmed(): void
  certificateRef: React.RefObject<InputRef | null>
  signatureBoxRef: React.RefObject<HTMLDivElement | null>
  signatureRef: React.RefObject<SignatureHandle | null>
  strokes: PointGroup[]
  onStrokes(strokes: PointGroup[]): void
  error: DeskError | null
  isBusy: boolean
  onCollect(): void
  onNameAgent(): void
}

export function HandoverPanel(props: HandoverPanelProps): React.JSX.Element {
  const { t } = useTranslation('output')
  const { view, verdict, error } = props
  const isReady = view.state === 'ready'
  const certificateError = error?.field === 'certificateNo' ? error.message : undefined
  const signatureError = error?.field === 'signature' ? error.message : undefined

  return (
    <div className="output-handover" data-testid="output-case" data-case-no={view.caseNo} data-state={view.state}>
      <Descriptions size="small" column={2} bordered className="output-facts">
        <Descriptions.Item label={t('caseInfo.item')} span={2}>
          <Typography.Text strong>{view.itemName}</Typography.Text> <Typography.Text type="secondary">{view.caseNo}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('caseInfo.applicant')}>{view.applicantName}</Descriptions.Item>
        <Descriptions.Item label={t('caseInfo.state')}>
          <Tag color={isReady ? 'green' : 'default'}>{view.stateLabel}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('caseInfo.acceptedAt')}>{localDateTime(view.acceptedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('caseInfo.certificate')}>
          {view.certificate ? (
            <span data-testid="output-recorded-certificate">
              {view.certificate.type} {view.certificate.number}
            </span>
          ) : (
            <Typography.Text type="secondary">{t('caseInfo.noCertificate')}</Typography.Text>
          )}
        </Descriptions.Item>
        {view.agent ? (
          <Descriptions.Item label={t('caseInfo.agent')} span={2}>
            {view.agent.name}（{view.agent.idMasked}）{view.agent.hasLetter ? null : <Tag color="orange">{t('caseInfo.agentNoLetter')}</Tag>}
          </Descriptions.Item>
        ) : null}
      </Descriptions>

      <VerdictBox verdict={verdict} hasCollector={props.hasCollector} isReady={isReady} onNameAgent={props.onNameAgent} />

      {isReady && verdict?.allowed ? (
        <Form layout="vertical" className="output-form" onSubmitCapture={(e) => e.preventDefault()}>
          <Form.Item
            label={view.certificate ? t('certificate.label', { type: view.certificate.type }) : t('certificate.labelNone')}
            validateStatus={certificateError ? 'error' : undefined}
            help={certificateError ?? t('certificate.hint')}
          >
            <Input
              ref={props.certificateRef}
              size="large"
              autoComplete="off"
              maxLength={60}
              value={props.certificateNo}
              data-testid="output-certificate"
              onChange={(e) => props.onCertificateNo(e.target.value)}
              onPressEnter={(e) => {
                // Ctrl+Enter is the handover (the screen's key); a plain Enter confirms the number.
                if (e.ctrlKey) return
                e.preventDefault()
                props.onCertificateConfirmed()
              }}
            />
          </Form.Item>
          <Form.Item label={t('signature.label')} validateStatus={signatureError ? 'error' : undefined} help={signatureError}>
            <div ref={props.signatureBoxRef} tabIndex={0} className="output-signature" data-testid="output-signature-box" aria-label={t('signature.label')}>
              <SignatureCanvas
                strokes={props.strokes}
                onStrokes={props.onStrokes}
                handleRef={props.signatureRef}
                hasError={signatureError !== undefined}
                words={{ label: t('signature.label'), hint: t('signature.hint'), clear: t('signature.clear') }}
              />
            </div>
          </Form.Item>
          <Button type="primary" size="large" loading={props.isBusy} onClick={props.onCollect} data-testid="output-collect">
            {props.isBusy ? t('collecting') : t('collect')} <Tag className="button-key">Ctrl+Enter</Tag>
          </Button>
        </Form>
      ) : null}
      {error && error.field !== 'certificateNo' && error.field !== 'signature' ? <Alert type="error" showIcon title={error.message} data-testid="output-error" /> : null}
    </div>
  )
}

function VerdictBox(props: { verdict: Verdict | null; hasCollector: boolean; isReady: boolean; onNameAgent(): void }): React.JSX.Element | null {
  const { t } = useTranslation('output')
  const { verdict } = props
  if (!props.isReady) return null
  if (!props.hasCollector) return <Alert type="info" showIcon title={t('verdict.noCollector')} className="output-verdict" data-testid="output-verdict" data-allowed="unknown" />
  if (verdict === null) return null
  if (verdict.allowed) {
    return (
      <Alert
        type="success"
        showIcon
        className="output-verdict"
        title={<span className="output-big">{t('verdict.allowed', { role: t(`verdict.role.${verdict.role ?? 'applicant'}`) })}</span>}
        data-testid="output-verdict"
        data-allowed="true"
        data-role={verdict.role ?? undefined}
      />
    )
  }
  return (
    <Alert
      type="error"
      showIcon
      className="output-verdict output-refusal"
      data-testid="output-verdict"
      data-allowed="false"
      title={<span className="output-big">{t('verdict.refused')}</span>}
      description={
        <Flex vertical gap={8}>
          <div className="output-refusal-reason" data-testid="output-refusal-reason">
            {verdict.reason}
          </div>
          <div>
            <Typography.Text strong>{t('verdict.mayCollect')}：</Typography.Text>
            {verdict.mayCollect.length === 0 ? t('verdict.nobody') : null}
            <ul className="output-may-collect" data-testid="output-may-collect">
              {verdict.mayCollect.map((who) => (
                <li key={who}>{who}</li>
              ))}
            </ul>
          </div>
          <Flex gap={8} align="center">
            <Button onClick={props.onNameAgent} data-testid="output-agent-open">
              {t('agent.open')} <Tag className="button-key">Alt+W</Tag>
            </Button>
            <Typography.Text type="secondary">{t('verdict.agentHint')}</Typography.Text>
          </Flex>
        </Flex>
      }
    />
  )
}
