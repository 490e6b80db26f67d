import { Tag, Tooltip } from 'antd'
import { useTranslation } from 'react-i18next'
import type { CaseRow } from './queueModel'

type Provisional = NonNullable<CaseRow['deadlineProvisional']>

/** "2027 年节假日安排未导入" in the screen's language, from the years main names. */
export function useProvisionalText(): (p: Provisional, form: 'reason' | 'full') => string {
  const { t } = useTranslation('cases')
  return (p, form) => t(`provisional.${form}`, { years: p.missingYears.join(t('provisional.yearJoin')) })
}

/**
 * 暂定 beside a deadline counted with a year whose holiday notice is not
 * imported: the reason on hover (queue) or in words (case page, `inline`).
 */
export function ProvisionalTag({ provisional, inline = false }: { provisional: CaseRow['deadlineProvisional']; inline?: boolean }): React.JSX.Element | null {
  const { t } = useTranslation('cases')
  const text = useProvisionalText()
  if (!provisional) return null
  const full = text(provisional, 'full')
  return (
    <Tooltip title={full}>
      <Tag color="orange" data-testid="deadline-provisional" aria-label={full}>
        {inline ? full : t('provisional.tag')}
      </Tag>
    </Tooltip>
  )
}
