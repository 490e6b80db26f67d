import { Alert, Form, Input, type InputRef } from 'antd'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CommandOutput } from '../../main/contract'
import { maskIdNumber } from '../../main/domain/masking'
import { call, CommandError } from '../bridge/client'
import { useClaimedIdCard } from '../hooks/useIdCard'
import { Dialog } from './Dialog'

type DemoOperators = CommandOutput<'system.info'>['demoOperators']

/**
 * Operator sign-in on this window or tab: the operator id typed (Enter goes
 * to the PIN) or the operator's own ID card tapped, then the PIN and Enter.
 * `notice` says why the dialog opened by itself (idle sign-out); what was on
 * the screen behind it stays as it was.
 */
export function SignInDialog({
  open,
  onClose,
  notice,
  demoOperators,
}: {
  open: boolean
  onClose: () => void
  notice?: string | null
  demoOperators?: DemoOperators
}): React.JSX.Element {
  const { t } = useTranslation()
  const [operator, setOperator] = useState('')
  // A number read off the card is shown masked; one typed by hand is shown as typed.
  const [isFromCard, setFromCard] = useState(false)
  const [pin, setPin] = useState('')
  const [error, setError] = useState<{ field: 'operator' | 'pin'; message: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const pinRef = useRef<InputRef>(null)

  // A tap of the operator's own card names them; the PIN is still theirs to type.
  useClaimedIdCard(open, (tap) => {
    if (!tap.card.idNumberValid) return
    setOperator(tap.card.idNumber)
    setFromCard(true)
    setError(null)
    pinRef.current?.focus()
  })

  const submit = async (): Promise<void> => {
    if (operator.trim() === '') {
      setError({ field: 'operator', message: t('signInNeedOperator') })
      return
    }
    if (pin === '') {
      pinRef.current?.focus()
      return
    }
    setBusy(true)
    try {
      await call('session.signIn', { operator, pin })
      setError(null)
      setOperator('')
      setFromCard(false)
      setPin('')
      onClose()
    } catch (err) {
      const message = err instanceof CommandError ? err.message : String(err)
      const field = err instanceof CommandError && err.field === 'operator' ? 'operator' : 'pin'
      setError({ field, message })
      setPin('')
      if (field === 'pin') pinRef.current?.focus()
    } finally {
      setBusy(false)
    }
  }

  const shownOperator = isFromCard ? maskIdNumber(operator) : operator
  // Typing over a card's number starts afresh with what was typed: the masked text is never taken for input.
  const typeOperator = (value: string): void => {
    const typed = isFromCard ? value.split(shownOperator).join('') : value
    setOperator(isFromCard && typed.includes('*') ? '' : typed)
    setFromCard(false)
  }

  // Once signed in, the screen puts focus on its first field itself (after Dialog has given it back).
  return (
    // The screen behind stays as it was but blurred: a station left signed out shows no applicant's data to whoever passes.
    <Dialog open={open} title={t('signInTitle')} onOk={() => void submit()} onCancel={onClose} confirmLoading={busy} mask={{ blur: true }} destroyOnHidden>
      {notice ? <Alert type="warning" showIcon title={notice} style={{ marginBottom: 12 }} data-testid="sign-in-notice" /> : null}
      {/* No <form>: Enter is handled per field (the id moves on to the PIN, the PIN signs in). */}
      <Form layout="vertical" component="div">
        <Form.Item
          label={t('operatorId')}
          validateStatus={error?.field === 'operator' ? 'error' : undefined}
          help={error?.field === 'operator' ? error.message : t('operatorCardHint')}
        >
          <Input
            autoFocus
            data-testid="operator-input"
            value={shownOperator}
            autoComplete="username"
            placeholder={t('operatorPlaceholder')}
            onChange={(e) => typeOperator(e.target.value)}
            // Nothing typed yet: say so here (submit does), rather than move on to a PIN for nobody.
            onPressEnter={() => (pin === '' && operator.trim() !== '' ? pinRef.current?.focus() : void submit())}
          />
        </Form.Item>
        <Form.Item label={t('pin')} validateStatus={error?.field === 'pin' ? 'error' : undefined} help={error?.field === 'pin' ? error.message : undefined}>
          <Input.Password
            ref={pinRef}
            data-testid="pin-input"
            value={pin}
            autoComplete="current-password"
            onChange={(e) => setPin(e.target.value)}
            onPressEnter={() => void submit()}
          />
        </Form.Item>
      </Form>
      {demoOperators && demoOperators.length > 0 ? (
        <Alert
          type="info"
          data-testid="demo-operators"
          title={t('demoOperators', { pin: demoOperators[0]!.pin })}
          description={demoOperators.map((o) => `${o.id} ${o.name}（${t(`role.${o.role}`)}）`).join('、')}
        />
      ) : null}
    </Dialog>
  )
}
