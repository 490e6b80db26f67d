import { Form, Input, type InputRef } from 'antd'
import type { Ref, RefObject } from 'react'
import { useTranslation } from 'react-i18next'

export interface PinFieldsProps {
  /** The dialog's test id prefix: the inputs are `<prefix>-pin` and `<prefix>-pin-again`. */
  testIdPrefix: string
  label: string
  pin: string
  pinAgain: string
  /** A refusal stands under the field it names; without one the PIN shows its rule. */
  errors: { pin?: string; pinAgain?: string }
  onPin: (pin: string) => void
  onPinAgain: (pinAgain: string) => void
  /** Enter in the second field: the dialog's next step. */
  onEnter: () => void
  pinRef?: Ref<InputRef>
  /** The dialog focuses it when the two PINs differ. */
  pinAgainRef: RefObject<InputRef | null>
  autoFocus?: boolean
}

/** A new PIN typed twice (Enter moves from the first to the second), for adding an account and resetting its PIN. */
export function PinFields(props: PinFieldsProps): React.JSX.Element {
  const { t } = useTranslation('settings')
  const help = (error: string | undefined, hint?: string): { validateStatus?: 'error'; help?: string } =>
    error ? { validateStatus: 'error', help: error } : hint ? { help: hint } : {}
  return (
    <>
      <Form.Item label={props.label} {...help(props.errors.pin, t('form.pinHint'))}>
        <Input.Password
          ref={props.pinRef}
          autoFocus={props.autoFocus}
          data-testid={`${props.testIdPrefix}-pin`}
          value={props.pin}
          autoComplete="new-password"
          onChange={(e) => props.onPin(e.target.value)}
          onPressEnter={() => props.pinAgainRef.current?.focus()}
        />
      </Form.Item>
      <Form.Item label={t('form.pinAgain')} {...help(props.errors.pinAgain)}>
        <Input.Password
          ref={props.pinAgainRef}
          data-testid={`${props.testIdPrefix}-pin-again`}
          value={props.pinAgain}
          autoComplete="new-password"
          onChange={(e) => props.onPinAgain(e.target.value)}
          onPressEnter={props.onEnter}
        />
      </Form.Item>
    </>
  )
}
