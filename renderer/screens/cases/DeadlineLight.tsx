import { Tooltip, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useProvisionalText } from './ProvisionalDeadline'
import { daysLeftOf, rowLight, type CaseRow } from './queueModel'

type Clocked = Pick<CaseRow, 'light' | 'clock' | 'workingDaysLeft'> & Partial<Pick<CaseRow, 'deadlineProvisional'>>

/** "剩 2 个工作日" in the screen's language, or '' when the row has no clock to tell. */
export function useDaysText(row: Clocked): string {
  const { t } = useTranslation('cases')
  const days = daysLeftOf(row)
  if (!days) return ''
  return days.kind === 'left' || days.kind === 'overdue' ? t(`daysLeft.${days.kind}`, { count: days.count }) : t(`daysLeft.${days.kind}`)
}

/** The SLA light as a dot, its meaning in words on hover and for screen readers. */
export function DeadlineLight({ row }: { row: Clocked }): React.JSX.Element {
  const { t } = useTranslation('cases')
  const light = rowLight(row)
  const daysText = useDaysText(row)
  const provisionalText = useProvisionalText()
  const provisional = row.deadlineProvisional ? ` · ${provisionalText(row.deadlineProvisional, 'full')}` : ''
  const title = `${light ? `${t(`lights.${light}`)}${daysText ? ` · ${daysText}` : ''}` : daysText}${provisional}`
  return (
    <Tooltip title={title}>
      {/* A provisional deadline's light is drawn with a dashed ring: its colour may change when the year is imported. */}
      <span className="deadline-light" data-light={light ?? 'none'} data-provisional={row.deadlineProvisional ? 'true' : undefined} data-testid="deadline-light" aria-label={title}>
        <span className={`light-dot light-${light ?? 'none'}`} />
      </span>
    </Tooltip>
  )
}

/** "剩 2 个工作日" / "超期 1 个工作日", coloured like the light (colour alone fails the colour-blind). */
export function DaysLeftText({ row }: { row: Clocked }): React.JSX.Element {
  const light = rowLight(row)
  const type = light === 'red' ? 'danger' : light === 'yellow' ? 'warning' : 'secondary'
  return <Typography.Text type={type}>{useDaysText(row)}</Typography.Text>
}
