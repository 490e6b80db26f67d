import { Form, Input } from 'antd'
import type { ReactNode } from 'react'

export interface FieldMessage {
  status: 'error' | 'warning' | 'success'
  text: string
}

/**
 * One text stop of the intake flow: label, input, and the message under it —
 * the error a command named this field in, or the live check's verdict.
 */
export function IntakeField(props: {
  field: string
  label: string
  value: string | undefined
  onChange: (value: string) => void
  message?: FieldMessage | undefined
  placeholder?: string
  maxLength?: number
  testId?: string
  width?: number | string
  extra?: ReactNode
  onBlur?: () => void
  inputMode?: 'text' | 'tel' | 'numeric'
  /** Accept needs it: marked on the label (the accept panel lists it while empty). */
  isRequired?: boolean
  /** Enter passes it by once it holds a value (focusFlow.ts). */
  skipWhenFilled?: boolean
}): React.JSX.Element {
  const { field, message } = props
  return (
    <Form.Item
      label={props.label}
      required={props.isRequired === true}
      validateStatus={message?.status}
      help={message ? <span data-testid={`help-${field}`}>{message.text}</span> : undefined}
      extra={props.extra}
      style={{ width: props.width, marginBottom: 12 }}
    >
      <Input
        data-flow=""
        data-field={field}
        data-skip-filled={props.skipWhenFilled ? '' : undefined}
        aria-required={props.isRequired === true}
        data-testid={props.testId ?? `field-${field}`}
        aria-invalid={message?.status === 'error'}
        value={props.value ?? ''}
        placeholder={props.placeholder}
        maxLength={props.maxLength}
        inputMode={props.inputMode}
        autoComplete="off"
        onChange={(e) => props.onChange(e.target.value)}
        onBlur={props.onBlur}
      />
    </Form.Item>
  )
}
