import { Form, type InputRef } from 'antd'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { OperatorViewDto } from '../../../main/contract/operators'
import { call } from '../../bridge/client'
import { Dialog } from '../../components/Dialog'
import { operatorName } from './operatorRows'
import { PinFields } from './PinFields'

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
        <PinFields
          testIdPrefix="operator-reset"
          label={t('reset.pin')}
          pin={pin}
          pinAgain={pinAgain}
          errors={error ? { [error.field]: error.message } : {}}
          onPin={setPin}
          onPinAgain={setPinAgain}
          onEnter={() => void submit()}
          pinAgainRef={pinAgainRef}
          autoFocus
        />
      </Form>
    </Dialog>
  )
}
