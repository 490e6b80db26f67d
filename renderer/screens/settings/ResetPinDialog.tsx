import { Form, Input, type InputRef } from 'antd'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { OperatorViewDto } from '../../../main/contract/operators'
import { call } from '../../bridge/client'
import { Dialog } from '../../components/Dialog'
import { operatorName } from './operatorRows'

/** 重置密码: the new PIN twice (Enter moves on, then resets); main's refusal stands under the field. */
export function ResetPinDialog(props: { operator: OperatorViewDto | null; onDone: (changed: OperatorViewDto) => void; onCancel: () => void }): React.JSX.Element {
  const { t } = useTranslation('settings')
  const [pin, setPin] = useState('')
  const [pinAgain, setPinAgain] = useState('')
  const [error, setError] = useState<{ field: 'pin' | 'pinAgain'; message: string } | null>(null)
  const [isBusy, setBusy] = useState(false)
  const pinAgainRef = useRef<InputRef>(null)
  const target = props.operator

  const submit = async (): Promise<void> => {
    if (!target || isBusy) return
    if (pin !== pinAgain) {
      setError({ field: 'pinAgain', message: t('form.pinMismatch') })
      pinAgainRef.current?.focus()
      return
    }
    setBusy(true)
    setError(null)
    try {
      props.onDone(await call('operators.resetPin', { id: target.id, pin }))
    } catch (err) {
      setError({ field: 'pin', message: err instanceof Error ? err.message : String(err) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog
      open={target !== null}
      title={target ? t('reset.title', { operator: operatorName(target) }) : ''}
      okText={t('reset.ok')}
      cancelText={t('reset.cancel')}
      okButtonProps={{ 'data-testid': 'operator-reset-ok' }}
      confirmLoading={isBusy}
      onOk={() => void submit()}
      onCancel={props.onCancel}
      afterClose={() => {
        setPin('')
        setPinAgain('')
        setError(null)
      }}
      destroyOnHidden
    >
      <Form layout="vertical" component="div">
        <Form.Item label={t('reset.pin')} validateStatus={error?.field === 'pin' ? 'error' : undefined} help={error?.field === 'pin' ? error.message : t('form.pinHint')}>
          <Input.Password autoFocus data-testid="operator-reset-pin" value={pin} autoComplete="new-password" onChange={(e) => setPin(e.target.value)} onPressEnter={() => pinAgainRef.current?.focus()} />
        </Form.Item>
        <Form.Item label={t('form.pinAgain')} validateStatus={error?.field === 'pinAgain' ? 'error' : undefined} help={error?.field === 'pinAgain' ? error.message : undefined}>
          <Input.Password
            ref={pinAgainRef}
            data-testid="operator-reset-pin-again"
            value={pinAgain}
            autoComplete="new-password"
            onChange={(e) => setPinAgain(e.target.value)}
            onPressEnter={() => void submit()}
          />
        </Form.Item>
      </Form>
    </Dialog>
  )
}
