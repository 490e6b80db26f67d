import { Tag, Tooltip, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import type { TFunction } from 'i18next'
import { localMonthDayTime } from '../../localTime'
import { DaysLeftText, DeadlineLight, useDaysText } from './DeadlineLight'
import { ProvisionalTag } from './ProvisionalDeadline'
import { AgentBadge } from './AgentBadge'
import type { CaseRow, CaseState } from './queueModel'

export const stateColours: Readonly<Record<CaseState, string>> = {
  accepted: 'blue',
  in_review: 'geekblue',
  needs_supplement: 'orange',
  approved: 'cyan',
  rejected: 'red',
  ready: 'green',
  collected: 'default',
  shipping: 'purple',
  handed_over: 'purple',
  delivered: 'default',
  withdrawn: 'default',
}

/**
 * Fixed widths: a virtual table measures nothing, so every column says how
 * wide it is. Together they fit a 1366-wide counter screen beside the menu
 * (1156 px for the table) with room for the list's scrollbar; longer text ends
 * in an ellipsis, the whole of it in the cell's title.
 */
const widths = {
  light: 48,
  caseNo: 184,
  item: 160,
  applicant: 84,
  applicantId: 144,
  phone: 104,
  state: 84,
  acceptedAt: 100,
  deadline: 210,
} as const

export const queueTableWidth = Object.values(widths).reduce((sum, w) => sum + w, 0)

export function queueColumns(t: TFunction<'cases'>): ColumnsType<CaseRow> {
  return [
    { key: 'light', title: t('queue.columns.light'), width: widths.light, align: 'center', ellipsis: true, render: (_, row) => <DeadlineLight row={row} /> },
    {
      key: 'caseNo',
      title: t('queue.columns.caseNo'),
      dataIndex: 'caseNo',
      width: widths.caseNo,
      ellipsis: true,
      render: (caseNo: string) => (
        <Typography.Text className="case-no" title={caseNo}>
          {caseNo}
        </Typography.Text>
      ),
    },
    {
      key: 'item',
      title: t('queue.columns.item'),
      dataIndex: 'itemName',
      width: widths.item,
      ellipsis: true,
      // 代办 before the name: the hall sees at a glance which cases a bank branch took. A plain name stays text, so the cell keeps its title.
      render: (itemName: string, row) =>
        row.agent ? (
          <span title={itemName}>
            <AgentBadge agent={row.agent} />
            {itemName}
          </span>
        ) : (
          itemName
        ),
    },
    { key: 'applicant', title: t('queue.columns.applicant'), dataIndex: 'applicantName', width: widths.applicant, ellipsis: true },
    {
      key: 'applicantId',
      title: t('queue.columns.applicantId'),
      dataIndex: 'applicantId',
      width: widths.applicantId,
      ellipsis: true,
      render: (id: string | null) => <span title={id ?? undefined}>{id ?? '—'}</span>,
    },
    { key: 'phone', title: t('queue.columns.phone'), dataIndex: 'phoneMasked', width: widths.phone, ellipsis: true },
    {
      key: 'state',
      title: t('queue.columns.state'),
      dataIndex: 'state',
      width: widths.state,
      ellipsis: true,
      // A tooltip, not a title attribute: the state filter's options carry these words as their titles.
      render: (state: CaseState) => (
        <Tooltip title={t(`states.${state}`)} mouseEnterDelay={0.5}>
          <Tag color={stateColours[state]}>{t(`states.${state}`)}</Tag>
        </Tooltip>
      ),
    },
    { key: 'acceptedAt', title: t('queue.columns.acceptedAt'), dataIndex: 'acceptedAt', width: widths.acceptedAt, ellipsis: true, render: (at: string) => localMonthDayTime(at) },
    { key: 'deadline', title: t('queue.columns.deadline'), width: widths.deadline, ellipsis: true, render: (_, row) => <DeadlineCell row={row} /> },
  ]
}

/** The date, 暂定 if so, and the days left, on one line: the row is one line high. */
function DeadlineCell({ row }: { row: CaseRow }): React.JSX.Element {
  const daysText = useDaysText(row)
  return (
    <span className="deadline-cell" title={daysText ? `${row.deadline} ${daysText}` : row.deadline}>
      {row.deadline} <ProvisionalTag provisional={row.deadlineProvisional} /> <DaysLeftText row={row} />
    </span>
  )
}
