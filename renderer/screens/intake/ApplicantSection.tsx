import { Alert, Form, Radio, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DemoCardTap } from '../../components/DemoCardTap'
import { isExpiredCardNumber, type CardTap } from './cardFill'
import { CardPanel } from './CardPanel'
import { IntakeField, type FieldMessage } from './IntakeField'
import { IntakeSection } from './IntakeSection'
import { shortcutLabel } from './intakeKeys'
import type { ApplicantForm, ApplicantKind } from './intakeModel'
import { useApplicantCheck, type ApplicantCheck } from './useApplicantCheck'

export interface CardNotice {
  type: 'success' | 'error'
  text: string
}

type TextKey = 'name' | 'idNumber' | 'uscc' | 'phone' | 'address' | 'handlerName' | 'handlerIdNumber'

/** A code this long is complete: judge it while typing; shorter ones only once the clerk moves on. */
const COMPLETE_LENGTH: Partial<Record<TextKey, number>> = { idNumber: 18, uscc: 18, phone: 11 }

export function ApplicantSection(props: {
  applicant: ApplicantForm | undefined
  onChange: (next: ApplicantForm, changed: TextKey | 'kind') => void
  errors: Readonly<Record<string, string>>
  card: CardTap | null
  cardNotice: CardNotice | null
  /** The picked item is a 设立登记: an enterprise applicant has a proposed name and a handler, no credit code yet. */
  isEstablishment: boolean
}): React.JSX.Element {
  const { t } = useTranslation('intake')
  const applicant = props.applicant ?? {}
  const kind: ApplicantKind = applicant.kind ?? 'person'
  const [touched, setTouched] = useState<ReadonlySet<TextKey>>(new Set())
  const check = useApplicantCheck({
    idNumber: kind === 'person' ? applicant.idNumber : applicant.handlerIdNumber,
    uscc: kind === 'enterprise' ? applicant.uscc : undefined,
    phone: applicant.phone,
  })

  const set = (key: TextKey, value: string): void => {
    // A typed name or number is no longer what the card said: the audit records the difference.
    const source = key === 'name' || key === 'idNumber' || key === 'handlerIdNumber' ? 'typed' : applicant.source
    props.onChange({ ...applicant, kind, [key]: value, source }, key)
  }

  const messageOf = (key: TextKey): FieldMessage | undefined => {
    const error = props.errors[`applicant.${key}`]
    if (error) return { status: 'error', text: error }
    const value = (applicant[key] ?? '').trim()
    const verdict = liveVerdict(key, check)
    if (!verdict || value === '') return undefined
    if (!verdict.valid) {
      const isJudged = touched.has(key) || value.length >= (COMPLETE_LENGTH[key] ?? Infinity)
      return isJudged && verdict.reason ? { status: 'error', text: verdict.reason } : undefined
    }
    // An expired card's number checks out, but a green "valid" beside its red verdict would contradict it.
    if (isExpiredCardNumber(props.card, value)) return undefined
    return { status: 'success', text: successText(key, check, t) }
  }

  const field = (key: TextKey, labelKey: string, placeholderKey: string | null, width: number | string, maxLength: number, isRequired = false): React.JSX.Element => (
    <IntakeField
      field={`applicant.${key}`}
      isRequired={isRequired}
      skipWhenFilled
      label={t(`fields.${labelKey}`)}
      value={applicant[key]}
      onChange={(v) => set(key, v)}
      message={messageOf(key)}
      placeholder={placeholderKey ? t(`placeholders.${placeholderKey}`) : undefined}
      width={width}
      maxLength={maxLength}
      inputMode={key === 'phone' ? 'tel' : 'text'}
      // The draft saves on any blur in the form (IntakeWorkspace); here a blur only marks the field judged.
      onBlur={() => setTouched((s) => new Set(s).add(key))}
    />
  )

  return (
    <IntakeSection
      id="applicant"
      extra={<Typography.Text type="secondary">{t('card.tapHint')}</Typography.Text>}
    >
      <Form layout="vertical" component="div">
        <Form.Item style={{ marginBottom: 12 }} validateStatus={props.errors['applicant.kind'] ? 'error' : undefined} help={props.errors['applicant.kind']}>
          {/* Not an Enter stop: Alt+T switches it, and Enter runs straight through the fields. */}
          <div data-field="applicant.kind">
            <Radio.Group value={kind} onChange={(e) => props.onChange({ ...applicant, kind: e.target.value as ApplicantKind }, 'kind')} data-testid="applicant-kind">
              <Radio value="person">{t('kind.person')}</Radio>
              <Radio value="enterprise">{t('kind.enterprise')}</Radio>
            </Radio.Group>
            <Tag>{shortcutLabel('toggleKind')}</Tag>
          </div>
        </Form.Item>
        {/* Demo hall only (an emulated reader): the tap where the card is wanted. */}
        <DemoCardTap />
        {props.cardNotice ? (
          <Alert style={{ marginBottom: 12 }} showIcon type={props.cardNotice.type} title={props.cardNotice.text} data-testid="card-notice" data-verdict={props.cardNotice.type} />
        ) : null}
        {props.isEstablishment ? (
          <Alert
            style={{ marginBottom: 12 }}
            type="info"
            showIcon
            title={<Tag color="blue">{t('establishment.mark')}</Tag>}
            description={kind === 'person' ? t('establishment.asPerson', { key: shortcutLabel('toggleKind') }) : t('establishment.asEnterprise')}
            data-testid="establishment-mark"
          />
        ) : null}
        {kind === 'person' ? (
          <>
            <Space size="middle" align="start" wrap>
              {field('name', 'name', 'name', 200, 50, true)}
              {field('idNumber', 'idNumber', 'idNumber', 260, 32, true)}
              {field('phone', 'phone', 'phone', 200, 32, true)}
            </Space>
            {field('address', 'address', 'address', '100%', 200)}
          </>
        ) : (
          <>
            <Space size="middle" align="start" wrap>
              {props.isEstablishment
                ? field('name', 'proposedName', 'proposedName', 320, 100, true)
                : field('name', 'enterpriseName', 'enterpriseName', 320, 100, true)}
              {/* A company being set up has no code: the field shows only to clear one typed or scanned by mistake. */}
              {!props.isEstablishment || (applicant.uscc ?? '') !== '' ? field('uscc', 'uscc', 'uscc', 260, 32, !props.isEstablishment) : null}
              {field('phone', 'phone', 'phone', 200, 32, true)}
            </Space>
            {field('address', 'enterpriseAddress', null, '100%', 200)}
            <Space size="middle" align="start" wrap>
              {field('handlerName', 'handlerName', 'handlerName', 200, 50, props.isEstablishment)}
              {field('handlerIdNumber', 'handlerIdNumber', 'idNumber', 260, 32, props.isEstablishment)}
            </Space>
          </>
        )}
      </Form>
      {props.card ? <CardPanel tap={props.card} /> : null}
    </IntakeSection>
  )
}

function liveVerdict(key: TextKey, check: ApplicantCheck): { valid: boolean; reason: string | null } | undefined {
  if (key === 'idNumber' || key === 'handlerIdNumber') return check.idNumber
  if (key === 'uscc') return check.uscc
  if (key === 'phone') return check.phone
  return undefined
}

function successText(key: TextKey, check: ApplicantCheck, t: (key: string, options?: Record<string, unknown>) => string): string {
  if ((key === 'idNumber' || key === 'handlerIdNumber') && check.idNumber) {
    const gender = check.idNumber.gender ? t(`card.genders.${check.idNumber.gender}`) : ''
    return t('check.idOk', { gender, birthDate: check.idNumber.birthDate ?? '' })
  }
  if (key === 'uscc') return t('check.usccOk')
  if (key === 'phone' && check.phone?.kind) return t(`check.${check.phone.kind}`)
  return ''
}
