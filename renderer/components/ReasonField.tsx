/**
 * The reason a person gives for an audited decision (cancel a shipment,
 * retry or drop a parked row): required, focused when its dialog opens,
 * Ctrl+Enter confirms from inside it.
 */
import { Form, Input } from 'antd'

export function ReasonField(props: { label: string; value: string; error: string | null; testId: string; onChange(value: string): void; onConfirm(): void }): React.JSX.Element {
  return (
    <Form.Item label={props.label} required validateStatus={props.error ? 'error' : undefined} help={props.error}>
      <Input.TextArea
        autoFocus
        rows={3}
        maxLength={200}
        value={props.value}
        data-testid={props.testId}
        onChange={(e) => props.onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && e.ctrlKey) {
            e.preventDefault()
            props.onConfirm()
          }
        }}
      />
    </Form.Item>
  )
}
