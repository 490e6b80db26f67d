import { Button, Form, Input, Select, Space, type InputRef, type RefSelectProps } from 'antd'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { OperatorViewDto } from '../../../main/contract/operators'
import { roles, type Role } from '../../../main/domain/access'
import { maskIdNumber } from '../../../main/domain/masking'
import { call, CommandError } from '../../bridge/client'
import { Dialog } from '../../components/Dialog'
import { useIdCard } from '../../hooks/useIdCard'
import { PinFields } from './PinFields'

type Field = 'id' | 'name' | 'role' | 'pin' | 'pinAgain' | 'idNumber' | 'general'

const knownFields: readonly string[] = ['id', 'name', 'role', 'pin', 'idNumber']

/**
 * 新增账号: staff number, name, role, the first PIN twice and, if the
 * operator wants to sign in with a tap, their own ID number (a tap of their
 * card fills it, shown masked). Enter moves from field to field and adds on
 * the last; a refusal from main stands under the field it names.
 */
export function AddOperatorDialog(props: { open: boolean; onAdded: (added: OperatorViewDto) => void; onCancel: () => void }): React.JSX.Element {
  const { t } = useTranslation('settings')
  const { t: tc } = useTranslation()
  const [id, setId] = useState('')
  const [name, setName] = useState('')
  const [role, setRole] = useState<Role | undefined>(undefined)
  const [pin, setPin] = useState('')
  const [pinAgain, setPinAgain] = useState('')
  const [idNumber, setIdNumber] = useState('')
  const [isFromCard, setFromCard] = useState(false)
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const [isBusy, setBusy] = useState(false)
  const nameRef = useRef<InputRef>(null)
  const roleRef = useRef<RefSelectProps>(null)
  const pinRef = useRef<InputRef>(null)
  const isRolePickedRef = useRef(false)
  const pinAgainRef = useRef<InputRef>(null)
  const idNumberRef = useRef<InputRef>(null)

  // The operator's own card: its number (and the name, if none is typed yet).
  useIdCard((tap) => {
    if (!props.open || !tap.card.idNumberValid) return
    setIdNumber(tap.card.idNumber)
    setFromCard(true)
    if (name.trim() === '') setName(tap.card.name)
    setErrors(({ idNumber: _gone, ...rest }) => rest)
  })

  const reset = (): void => {
    setId('')
    setName('')
    setRole(undefined)
    setPin('')
    setPinAgain('')
    setIdNumber('')
    setFromCard(false)
    setErrors({})
  }

  const submit = async (): Promise<void> => {
    if (isBusy) return
    if (!role) {
      setErrors({ role: t('form.rolePlaceholder') })
      roleRef.current?.focus()
      return
    }
    if (pin !== pinAgain) {
      setErrors({ pinAgain: t('form.pinMismatch') })
      pinAgainRef.current?.focus()
      return
    }
    setBusy(true)
    setErrors({})
    try {
      const added = await call('operators.add', { id, name, role, pin, ...(idNumber.trim() ? { idNumber } : {}) })
      props.onAdded(added)
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      const field = err instanceof CommandError && err.field && knownFields.includes(err.field) ? (err.field as Field) : 'general'
      setErrors({ [field]: message })
    } finally {
      setBusy(false)
    }
  }

  const item = (field: Field, label: string, hint?: string): { label: string; validateStatus?: 'error'; help?: string } => ({
    label,
    ...(errors[field] ? { validateStatus: 'error' as const, help: errors[field] } : hint ? { help: hint } : {}),
  })

  return (
    <Dialog
      open={props.open}
      title={t('form.title')}
      okText={t('form.ok')}
      cancelText={t('form.cancel')}
      okButtonProps={{ 'data-testid': 'operator-add-ok' }}
      confirmLoading={isBusy}
      onOk={() => void submit()}
      onCancel={props.onCancel}
      afterClose={reset}
      destroyOnHidden
    >
      {/* No <form>: Enter is handled per field (the next one; adding on the last). */}
      <Form layout="vertical" component="div" data-testid="operator-add-form">
        <Form.Item {...item('id', t('form.id'), t('form.idHint'))}>
          <Input autoFocus data-testid="operator-add-id" value={id} maxLength={16} onChange={(e) => setId(e.target.value)} onPressEnter={() => nameRef.current?.focus()} />
        </Form.Item>
        <Form.Item {...item('name', t('form.name'))}>
          <Input ref={nameRef} data-testid="operator-add-name" value={name} maxLength={32} onChange={(e) => setName(e.target.value)} onPressEnter={() => roleRef.current?.focus()} />
        </Form.Item>
        <Form.Item {...item('role', t('form.role'))}>
          <Select<Role>
            ref={roleRef}
            data-testid="operator-add-role"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('form.rolePlaceholder')}
            value={role}
            options={roles.map((r) => ({ value: r, label: tc(`role.${r}`) }))}
            onChange={(picked) => {
              setRole(picked)
              setErrors(({ role: _gone, ...rest }) => rest)
              isRolePickedRef.current = true
            }}
            // Picked (Enter or click): the PIN is next, once the list has closed (it takes focus back to itself as it goes).
            onOpenChange={(isOpen) => {
              if (isOpen || !isRolePickedRef.current) return
              isRolePickedRef.current = false
              window.setTimeout(() => pinRef.current?.focus(), 0)
            }}
            onKeyDown={(e) => {
              // Enter on a role already picked, the list closed: on to the PIN.
              if (e.key === 'Enter' && role !== undefined && !e.defaultPrevented) pinRef.current?.focus()
            }}
          />
        </Form.Item>
        <PinFields
          testIdPrefix="operator-add"
          label={t('form.pin')}
          pin={pin}
          pinAgain={pinAgain}
          errors={errors}
          onPin={setPin}
          onPinAgain={setPinAgain}
          onEnter={() => idNumberRef.current?.focus()}
          pinRef={pinRef}
          pinAgainRef={pinAgainRef}
        />
        <Form.Item {...item('idNumber', t('form.idNumber'), t('form.idNumberHint'))}>
          <Space.Compact style={{ width: '100%' }}>
            <Input
              ref={idNumberRef}
              data-testid="operator-add-id-number"
              // A number read off the card is shown masked and kept as read (× clears it to type one).
              value={isFromCard ? maskIdNumber(idNumber) : idNumber}
              readOnly={isFromCard}
              maxLength={18}
              onChange={(e) => setIdNumber(e.target.value)}
              onPressEnter={() => void submit()}
            />
            {idNumber ? (
              <Button
                aria-label={t('form.clearIdNumber')}
                data-testid="operator-add-id-number-clear"
                onClick={() => {
                  setIdNumber('')
                  setFromCard(false)
                  idNumberRef.current?.focus()
                }}
              >
                ×
              </Button>
            ) : null}
          </Space.Compact>
        </Form.Item>
        {errors.general ? <div className="ant-form-item-explain-error" data-testid="operator-add-error">{errors.general}</div> : null}
      </Form>
    </Dialog>
  )
}
