import { Form, Input, Modal } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call, CommandError } from '../bridge/client'

/** Operator sign-in: type, Enter, done. The error stays next to the field. */
export function SignInDialog({ open, onClose }: { open: boolean; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation()
  const [operator, setOperator] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (): Promise<void> => {
    setBusy(true)
    try {
      await call('session.signIn', { operator })
      setError(null)
      setOperator('')
      onClose()
    } catch (err) {
      setError(err instanceof CommandError ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  // focusTriggerAfterClose off: once signed in, focus belongs to the screen (the intake form's first field), not the sign-in button.
  return (
    <Modal open={open} title={t('signInTitle')} onOk={() => void submit()} onCancel={onClose} confirmLoading={busy} destroyOnHidden focusable={{ focusTriggerAfterClose: false }}>
      {/* No <form>: a lone text field would submit it on Enter as well, and onPressEnter already does — one Enter, one sign-in. */}
      <Form layout="vertical" component="div">
        <Form.Item label={t('operator')} validateStatus={error ? 'error' : undefined} help={error ?? undefined}>
          <Input
            autoFocus
            data-testid="operator-input"
            value={operator}
            placeholder={t('operatorPlaceholder')}
            onChange={(e) => setOperator(e.target.value)}
            onPressEnter={() => void submit()}
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}
