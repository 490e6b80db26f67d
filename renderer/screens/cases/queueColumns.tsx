import { Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import type { TFunction } from 'i18next'
import { localMonthDayTime } from '../../localTime'
import { DaysLeftText, DeadlineLight } from './DeadlineLight'
import { ProvisionalTag } from './ProvisionalDeadline'
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

/** Fixed widths: a virtual table measures nothing, so every column says how wide it is. */
export function queueColumns(t: TFunction<'cases'>): ColumnsType<CaseRow> {
  return [
    { key: 'light', title: t('queue.columns.light'), width: 48, align: 'center', render: (_, row) => <DeadlineLight row={row} /> },
    {
      key: 'caseNo',
      title: t('queue.columns.caseNo'),
      dataIndex: 'caseNo',
      width: 200,
      render: (caseNo: string) => <Typography.Text className="case-no">{caseNo}</Typography.Text>,
    },
    { key: 'item', title: t('queue.columns.item'), dataIndex: 'itemName', width: 170, ellipsis: true },
    { key: 'applicant', title: t('queue.columns.applicant'), dataIndex: 'applicantName', width: 96, ellipsis: true },
    { key: 'applicantId', title: t('queue.columns.applicantId'), dataIndex: 'applicantId', width: 150, render: (id: string | null) => id ?? '—' },
    { key: 'phone', title: t('queue.columns.phone'), dataIndex: 'phoneMasked', width: 110 },
    {
      key: 'state',
      title: t('queue.columns.state'),
      dataIndex: 'state',
      width: 88,
      render: (state: CaseState) => <Tag color={stateColours[state]}>{t(`states.${state}`)}</Tag>,
    },
    { key: 'acceptedAt', title: t('queue.columns.acceptedAt'), dataIndex: 'acceptedAt', width: 112, render: (at: string) => localMonthDayTime(at) },
    {
      key: 'deadline',
      title: t('queue.columns.deadline'),
      width: 190,
      render: (_, row) => (
        <span className="deadline-cell">
          {row.deadline} <ProvisionalTag provisional={row.deadlineProvisional} /> <DaysLeftText row={row} />
        </span>
      ),
    },
  ]
}

// The operator is on the case page: the queue keeps to what fits a 1366-wide counter screen.
export const queueTableWidth = 48 + 200 + 170 + 96 + 150 + 110 + 88 + 112 + 190
