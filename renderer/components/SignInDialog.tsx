import { Form, Input } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call, CommandError } from '../bridge/client'
import { Dialog } from './Dialog'

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

  // Once signed in, the screen puts focus on its first field itself (after Dialog has given it back).
  return (
    <Dialog open={open} title={t('signInTitle')} onOk={() => void submit()} onCancel={onClose} confirmLoading={busy} destroyOnHidden>
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
    </Dialog>
  )
}
