import { Typography } from 'antd'
import { useState } from 'react'
import { Dialog } from './Dialog'

/**
 * A yes/no question: OK holds focus (Enter answers yes), Esc says no. Built
 * on Dialog (not antd's `modal.confirm`), so closing it gives the keyboard
 * back like every other dialog. If the answer's command fails, the question
 * stays with the reason under it.
 */
export function ConfirmDialog(props: {
  open: boolean
  title: string
  okText: string
  cancelText: string
  isDanger?: boolean
  okTestId?: string
  onOk: () => Promise<void> | void
  onCancel: () => void
}): React.JSX.Element {
  const [isBusy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const answerYes = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    try {
      await props.onOk()
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog
      open={props.open}
      title={props.title}
      width={420}
      okText={props.okText}
      cancelText={props.cancelText}
      okButtonProps={{ danger: props.isDanger ?? false, autoFocus: true, ...(props.okTestId ? { 'data-testid': props.okTestId } : {}) }}
      confirmLoading={isBusy}
      onOk={() => void answerYes()}
      onCancel={props.onCancel}
      afterClose={() => setError(null)}
      destroyOnHidden
    >
      {error ? <Typography.Text type="danger">{error}</Typography.Text> : null}
    </Dialog>
  )
}
