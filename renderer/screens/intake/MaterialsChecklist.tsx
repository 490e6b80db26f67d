import { Empty, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { focusStop } from './focusFlow'
import { IntakeSection } from './IntakeSection'
import { materialField, materialSummary, promiseDateField, tickOf, type CatalogItemView, type IntakeForm, type MaterialTick } from './intakeModel'
import { MaterialLine } from './MaterialLine'

/**
 * The one checklist (一张清单收件) of the picked item. ↑/↓ move between
 * lines, Space ticks a line, Ctrl+A every required one (useIntakeShortcuts),
 * Enter moves on; the header keeps the count of what is still missing in view.
 */
export function MaterialsChecklist(props: {
  item: CatalogItemView | null
  form: IntakeForm
  onTick: (tick: MaterialTick) => void
  errors: Readonly<Record<string, string>>
  renderPhoto: (materialId: string, name: string) => ReactNode
}): React.JSX.Element {
  const { t } = useTranslation('intake')
  const { item } = props
  const summary = item ? materialSummary(item, props.form.materials) : null

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>): void => {
    if ((e.key !== 'ArrowDown' && e.key !== 'ArrowUp') || e.altKey || e.ctrlKey) return
    const target = e.target as HTMLElement
    if (!(target instanceof HTMLInputElement) || target.type !== 'checkbox') return
    const line = target.closest('[data-material]')
    const lines = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('[data-material]'))
    const next = lines[lines.indexOf(line as HTMLElement) + (e.key === 'ArrowDown' ? 1 : -1)]
    if (!next) return
    e.preventDefault()
    focusStop(next.querySelector<HTMLElement>('[data-flow]') ?? undefined)
  }

  return (
    <IntakeSection
      id="materials"
      extra={
        summary ? (
          <Typography.Text type={summary.missing > 0 ? 'danger' : 'secondary'} data-testid="materials-summary">
            {t('materials.summary', summary)}
          </Typography.Text>
        ) : null
      }
    >
      {item ? (
        <div className="materials-list" onKeyDown={onKeyDown}>
          {item.materials.map((m) => (
            <MaterialLine
              key={m.id}
              material={m}
              tick={tickOf(props.form, m.id)}
              onChange={props.onTick}
              error={props.errors[materialField(m.id)]}
              promiseError={props.errors[promiseDateField(m.id)]}
              photo={props.renderPhoto(m.id, m.name)}
            />
          ))}
        </div>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('materials.pickItemFirst')} />
      )}
    </IntakeSection>
  )
}
