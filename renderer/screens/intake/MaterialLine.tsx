import { Checkbox, Input, InputNumber, Space, Tag, Typography } from 'antd'
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { canDefer, isPlainDateText, lineState, materialField, promiseDateField, toggledReceived, type CatalogMaterial, type LineState, type MaterialTick } from './intakeModel'

const stateColours: Record<LineState, string> = {
  received: 'success',
  partial: 'warning',
  missing: 'error',
  deferred: 'processing',
  optionalAbsent: 'default',
}

/**
 * One line of the checklist (一张清单收件): the tick (Space = all copies on
 * the desk), the count actually received, 容缺 with its promise date, the photo.
 */
export function MaterialLine(props: {
  material: CatalogMaterial
  tick: MaterialTick
  onChange: (tick: MaterialTick) => void
  error: string | undefined
  promiseError: string | undefined
  photo: ReactNode
}): React.JSX.Element {
  const { t } = useTranslation('intake')
  const { material: m, tick } = props
  const state = lineState(m, tick)
  const id = m.id
  return (
    <div className={`material-line material-${state}`} data-material={id} data-state={state} data-testid={`material-${id}`}>
      <div className="material-main">
        <span data-flow="" data-field={materialField(id)}>
          <Checkbox checked={state === 'received'} onChange={() => props.onChange(toggledReceived(m, tick))} data-testid={`tick-${id}`}>
            <Typography.Text strong={m.required}>{m.name}</Typography.Text>
          </Checkbox>
        </span>
        <Space size={4} wrap>
          <Tag color={m.required ? 'red' : 'default'}>{m.required ? t('materials.required') : t('materials.optional')}</Tag>
          <Tag>{t(`materials.form.${m.form}`)}</Tag>
          <Typography.Text type="secondary">{t('materials.needCopies', { count: m.copies })}</Typography.Text>
        </Space>
        <Space size={6} className="material-controls">
          <span className="material-copies-label">{t('materials.copies')}</span>
          <InputNumber
            size="small"
            min={0}
            max={99}
            precision={0}
            value={tick.receivedCopies}
            data-testid={`copies-${id}`}
            aria-label={`${m.name} ${t('materials.copies')}`}
            onChange={(v) => {
              const receivedCopies = typeof v === 'number' ? v : 0
              props.onChange(receivedCopies >= m.copies ? { materialId: id, receivedCopies } : { ...tick, receivedCopies })
            }}
            style={{ width: 64 }}
          />
          <Tag color={stateColours[state]} data-testid={`state-${id}`}>
            {t(`materials.state.${state}`)}
          </Tag>
          {props.photo}
        </Space>
      </div>
      {m.note ? (
        <Typography.Text type="secondary" className="material-note">
          {m.note}
        </Typography.Text>
      ) : null}
      {canDefer(m, tick) ? (
        <div className="material-defer">
          <Checkbox
            checked={tick.deferred === true}
            data-testid={`defer-${id}`}
            onChange={(e) => props.onChange(e.target.checked ? { ...tick, deferred: true } : { materialId: id, receivedCopies: tick.receivedCopies })}
          >
            {t('materials.deferred')} <Tag>Alt+R</Tag>
          </Checkbox>
          {tick.deferred ? <PromiseDateInput id={id} tick={tick} onChange={props.onChange} error={props.promiseError} /> : null}
        </div>
      ) : null}
      {props.error || props.promiseError ? (
        <Typography.Text type="danger" className="material-error" data-testid={`error-${id}`}>
          {props.error ?? props.promiseError}
        </Typography.Text>
      ) : null}
    </div>
  )
}

/**
 * The promise date as typed. The draft schema takes only whole dates, so a
 * half-typed one stays here until it is a date (an invalid one would make the
 * autosave fail and lose everything else typed since).
 */
function PromiseDateInput(props: { id: string; tick: MaterialTick; onChange: (tick: MaterialTick) => void; error: string | undefined }): React.JSX.Element {
  const { t } = useTranslation('intake')
  const { id, tick } = props
  const [text, setText] = useState(tick.promiseDate ?? '')
  const [isTouched, setTouched] = useState(false)
  const shown = text === '' && tick.promiseDate ? tick.promiseDate : text
  const isBadFormat = isTouched && shown !== '' && !isPlainDateText(shown)
  return (
    <Space size={6}>
      <span>{t('materials.promiseDate')}</span>
      <Input
        size="small"
        data-flow=""
        data-field={promiseDateField(id)}
        data-testid={`promise-${id}`}
        status={props.error || isBadFormat ? 'error' : undefined}
        value={shown}
        placeholder={t('placeholders.promiseDate')}
        maxLength={10}
        style={{ width: 120 }}
        onBlur={() => setTouched(true)}
        onChange={(e) => {
          const value = e.target.value.trim()
          setText(value)
          const { promiseDate: _dropped, ...rest } = tick
          props.onChange(isPlainDateText(value) ? { ...rest, promiseDate: value } : rest)
        }}
      />
      {isBadFormat ? <Typography.Text type="danger">{t('materials.dateFormat')}</Typography.Text> : null}
    </Space>
  )
}
