/**
 * Handing the open batch to the courier: their ID card (a tap fills name and
 * number; typed when the reader is out), an optional phone, the signature on
 * the pad — then `dispatch.closeBatch`. The dialog then says what left with
 * the courier, what stays for the next batch, and shows the handover list as
 * it printed. Ctrl+Enter hands over, Esc backs out keeping everything typed
 * and drawn (the draft lives with the screen).
 */
import { Alert, Button, Flex, Form, Input, Typography } from 'antd'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PointGroup } from 'signature_pad'
import type { CommandOutput } from '../../../main/contract'
import type { HandoverBatchView } from '../../../main/contract/dispatch'
import { call, CommandError } from '../../bridge/client'
import { DemoCardTap } from '../../components/DemoCardTap'
import { Dialog } from '../../components/Dialog'
import { PrintPreview } from '../../components/PrintPreview'
import { courierInput, courierProblems, type CourierDraft, type CourierField, type CourierProblem } from './courierForm'
import { SignatureCanvas, type SignatureHandle } from './SignatureCanvas'

export type CloseResult = CommandOutput<'dispatch.closeBatch'>

export interface CardNotice {
  type: 'success' | 'warning' | 'error'
  text: string
}

/** Main's field path (`courier.idNumber`, `signature`) → the dialog's field. */
function fieldOf(path: string | undefined): CourierField | 'general' {
  const last = path?.split('.').at(-1)
  return last === 'name' || last === 'idNumber' || last === 'phone' || last === 'signature' ? last : 'general'
}

export function CloseBatchDialog(props: {
  open: boolean
  batch: HandoverBatchView | null
  carrierName: string
  draft: CourierDraft
  onDraft: (draft: CourierDraft) => void
  strokes: PointGroup[]
  onStrokes: (strokes: PointGroup[]) => void
  cardNotice: CardNotice | null
  result: CloseResult | null
  onClosed: (result: CloseResult) => void
  onCancel: () => void
}): React.JSX.Element {
  const { t } = useTranslation('courier')
  const signature = useRef<SignatureHandle | null>(null)
  const [isTried, setTried] = useState(false)
  const [isBusy, setBusy] = useState(false)
  const [serverError, setServerError] = useState<{ field: CourierField | 'general'; message: string } | null>(null)
  const { draft, result } = props
  const count = props.batch?.items.length ?? 0

  const problems = isTried ? courierProblems(draft, props.strokes.length > 0) : {}
  const problemText = (problem: CourierProblem | undefined): string | undefined =>
    problem ? t(`close.problems.${problem.key}`, { reason: problem.reason ?? '' }) : undefined
  const messageFor = (field: CourierField): string | undefined =>
    serverError?.field === field ? serverError.message : problemText(problems[field])

  const set = (key: 'name' | 'idNumber' | 'phone', value: string): void => {
    setServerError(null)
    props.onDraft({ ...draft, [key]: value, source: key === 'phone' ? draft.source : 'typed' })
  }

  const submit = async (): Promise<void> => {
    if (isBusy || result) return
    setTried(true)
    const png = signature.current?.toPng() ?? null
    if (Object.keys(courierProblems(draft, png !== null)).length > 0 || png === null) return
    setBusy(true)
    setServerError(null)
    try {
      props.onClosed(await call('dispatch.closeBatch', { courier: courierInput(draft), signature: png }))
      setTried(false)
    } catch (err) {
      const field = err instanceof CommandError ? fieldOf(err.field) : 'general'
      setServerError({ field, message: err instanceof Error ? err.message : String(err) })
    } finally {
      setBusy(false)
    }
  }

  // On the window, not the form: after a stroke on the pad the focus sits on the dialog's frame, outside any field.
  const keysRef = useRef({ submit, onCancel: props.onCancel, hasResult: result !== null })
  keysRef.current = { submit, onCancel: props.onCancel, hasResult: result !== null }
  useEffect(() => {
    if (!props.open) return
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Enter' || event.altKey || event.metaKey) return
      const keys = keysRef.current
      if (keys.hasResult) {
        event.preventDefault()
        keys.onCancel()
      } else if (event.ctrlKey) {
        event.preventDefault()
        void keys.submit()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [props.open])

  const field = (key: 'name' | 'idNumber' | 'phone', width: number, maxLength: number): React.JSX.Element => {
    const message = messageFor(key)
    return (
      <Form.Item label={t(`close.${key}`)} required={key !== 'phone'} validateStatus={message ? 'error' : undefined} help={message} style={{ width, marginBottom: 12 }}>
        <Input
          value={draft[key]}
          maxLength={maxLength}
          autoComplete="off"
          autoFocus={key === 'name'}
          inputMode={key === 'phone' ? 'tel' : 'text'}
          data-testid={`courier-${key}`}
          onChange={(e) => set(key, e.target.value)}
        />
      </Form.Item>
    )
  }

  const signatureMessage = messageFor('signature')
  return (
    <Dialog
      open={props.open}
      title={result ? t('close.done', { count: result.batch.items.length, id: result.batch.id }) : t('close.title', { count, carrier: props.carrierName })}
      width={result ? 860 : 640}
      onCancel={props.onCancel}
      maskClosable={false}
      // Fresh each time (autoFocus on the name, no stale error); what was typed and drawn lives with the screen.
      destroyOnHidden
      footer={
        result ? (
          // Focus on it: the form it replaced took the focus away with it, and Enter is how the desk goes on.
          <Button type="primary" autoFocus onClick={props.onCancel} data-testid="close-batch-finish">
            {t('close.finish')}
          </Button>
        ) : (
          <Flex justify="end" gap={8}>
            <Button onClick={props.onCancel}>{t('close.back')}</Button>
            <Button type="primary" loading={isBusy} onClick={() => void submit()} data-testid="close-batch-confirm">
              {t('close.confirm')}
            </Button>
          </Flex>
        )
      }
      data-testid="close-batch-dialog"
    >
      {result ? <ClosedBatch result={result} /> : renderForm()}
    </Dialog>
  )

  function renderForm(): React.JSX.Element {
    return (
      <Form layout="vertical" component="div">
        <Typography.Paragraph type="secondary">{t('close.cardHint')}</Typography.Paragraph>
        {/* Demo hall only (an emulated reader): the courier's tap. */}
        <DemoCardTap />
        {props.cardNotice ? <Alert style={{ marginBottom: 12 }} showIcon type={props.cardNotice.type} title={props.cardNotice.text} data-testid="courier-card-notice" /> : null}
        <Flex gap={12} wrap>
          {field('name', 180, 30)}
          {field('idNumber', 240, 18)}
          {field('phone', 160, 20)}
        </Flex>
        <Form.Item label={t('close.signatureLabel')} required validateStatus={signatureMessage ? 'error' : undefined} help={signatureMessage} style={{ marginBottom: 8 }}>
          <SignatureCanvas strokes={props.strokes} onStrokes={props.onStrokes} handleRef={signature} hasError={signatureMessage !== undefined} />
        </Form.Item>
        {serverError?.field === 'general' ? <Alert type="error" showIcon title={serverError.message} data-testid="close-batch-error" /> : null}
      </Form>
    )
  }
}

function ClosedBatch({ result }: { result: CloseResult }): React.JSX.Element {
  const { t } = useTranslation('courier')
  const { batch } = result
  return (
    <Flex vertical gap={12} data-testid="batch-closed" data-batch-id={batch.id}>
      <Alert
        type="success"
        showIcon
        title={<span className="desk-big">{t('close.done', { count: batch.items.length, id: batch.id })}</span>}
        description={
          <>
            {batch.courier ? <div>{t('close.courier', { name: batch.courier.name, id: batch.courier.idMasked })}</div> : null}
            <div data-testid="batch-left">{t('close.left', { count: result.leftForNextBatch })}</div>
          </>
        }
      />
      {/* The sheet as main made it for the PDF (or its print job, where a printer took it). */}
      <PrintPreview source={result.printJobId !== null ? { jobId: result.printJobId } : { kind: 'handoverList', data: result.handoverList }} />
    </Flex>
  )
}
