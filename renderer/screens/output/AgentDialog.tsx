/**
 * Naming the agent (委托代领人) at the window: the applicant's authorisation
 * letter (委托书) photographed with the document camera onto the case (the
 * material photos component, the letter as its own line), the agent's name
 * and ID number from the card they tapped (or typed), then Enter names them.
 */
import { Alert, Button, Flex, Form, Input, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { OutputCaseView } from '../../../main/contract/output'
import { AUTHORISATION_LETTER_MATERIAL } from '../../../main/domain/collection'
import { call } from '../../bridge/client'
import { Dialog } from '../../components/Dialog'
import { MaterialPhotos } from '../../components/MaterialPhotos'
import { useOwnerPhotos } from '../../hooks/useOwnerPhotos'
import type { Collector } from './outputDesk'
import { deskErrorOf, type DeskError } from './useOutputDesk'

export function AgentDialog(props: { open: boolean; view: OutputCaseView; collector: Collector | null; onNamed(view: OutputCaseView): void; onCancel(): void }): React.JSX.Element {
  const { t } = useTranslation('output')
  return (
    <Dialog open={props.open} title={t('agent.title', { caseNo: props.view.caseNo })} footer={null} width={720} destroyOnHidden onCancel={props.onCancel} data-testid="output-agent-dialog">
      {props.open ? <AgentForm {...props} /> : null}
    </Dialog>
  )
}

function AgentForm(props: { view: OutputCaseView; collector: Collector | null; onNamed(view: OutputCaseView): void }): React.JSX.Element {
  const { t } = useTranslation('output')
  const { caseNo } = props.view
  // Fresh each opening, from whoever is at the counter now.
  const [name, setName] = useState(props.collector?.name ?? '')
  const [idNumber, setIdNumber] = useState(props.collector?.idNumber ?? '')
  const [isBusy, setBusy] = useState(false)
  const [error, setError] = useState<DeskError | null>(null)
  const [photos, photoMessages] = useOwnerPhotos({ caseNo })
  const letters = photos.photosOf(AUTHORISATION_LETTER_MATERIAL)
  const newest = letters.at(-1)

  const submit = async (): Promise<void> => {
    if (isBusy) return
    if (!newest) {
      setError({ field: 'general', message: t('agent.noLetter') })
      return
    }
    setBusy(true)
    setError(null)
    try {
      props.onNamed(await call('output.recordAgent', { caseNo, name, idNumber, letterPhotoId: newest.id }))
    } catch (err) {
      setError(deskErrorOf(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Form layout="vertical" onSubmitCapture={(e) => e.preventDefault()}>
      {photoMessages}
      <Typography.Paragraph type="secondary">{t('agent.intro')}</Typography.Paragraph>
      <Form.Item label={t('agent.letter')} required>
        <MaterialPhotos owner={{ caseNo }} materialId={AUTHORISATION_LETTER_MATERIAL} materialName={t('agent.letter')} photos={letters} />
      </Form.Item>
      <Flex gap={12}>
        <Form.Item label={t('agent.name')} required style={{ width: 200 }}>
          <Input value={name} maxLength={50} autoComplete="off" data-testid="output-agent-name" onChange={(e) => setName(e.target.value)} onPressEnter={() => void submit()} />
        </Form.Item>
        <Form.Item label={t('agent.idNumber')} required validateStatus={error?.field === 'idNumber' ? 'error' : undefined} help={error?.field === 'idNumber' ? error.message : undefined} style={{ width: 260 }}>
          <Input value={idNumber} maxLength={32} autoComplete="off" data-testid="output-agent-id" onChange={(e) => setIdNumber(e.target.value)} onPressEnter={() => void submit()} />
        </Form.Item>
      </Flex>
      {error && error.field !== 'idNumber' ? <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} data-testid="output-agent-error" /> : null}
      {/* Focus here: the agent's card filled the fields, the letter is on the line; Enter names them. */}
      <Button type="primary" autoFocus loading={isBusy} onClick={() => void submit()} data-testid="output-agent-confirm">
        {t('agent.confirm')} <Tag className="button-key">Enter</Tag>
      </Button>
    </Form>
  )
}
