import { Card, Table, Tag } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useTranslation } from 'react-i18next'
import type { OverdueCase } from '../../../main/contract/reports'
import { navigate } from '../../hooks/useRoute'

const openCase = (caseNo: string): void => navigate(`cases/${encodeURIComponent(caseNo)}`)

/** Moves focus to the row above or below (rows are focusable: Tab reaches the first, ↑↓ the rest). */
function focusSibling(row: HTMLElement, key: string): void {
  const next = key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling
  if (next instanceof HTMLElement && next.hasAttribute('data-case-no')) next.focus()
}

/** 逾期办件: each with its working days over; a click or Enter opens the case, as in the queue. */
export function OverdueTable({ cases }: { cases: readonly OverdueCase[] }): React.JSX.Element {
  const { t } = useTranslation(['reports', 'cases'])
  const columns: ColumnsType<OverdueCase> = [
    { key: 'caseNo', title: t('overdue.columns.caseNo'), dataIndex: 'caseNo', width: 190 },
    { key: 'item', title: t('overdue.columns.item'), dataIndex: 'itemName', ellipsis: { showTitle: true } },
    { key: 'department', title: t('overdue.columns.department'), dataIndex: 'departmentName', ellipsis: { showTitle: true }, render: (name: string | null) => name ?? '—' },
    { key: 'acceptedDate', title: t('overdue.columns.acceptedDate'), dataIndex: 'acceptedDate', width: 110 },
    { key: 'dueDate', title: t('overdue.columns.dueDate'), dataIndex: 'dueDate', width: 110 },
    { key: 'daysOver', title: t('overdue.columns.daysOver'), dataIndex: 'daysOver', width: 100, align: 'right' },
    {
      key: 'state',
      title: t('overdue.columns.state'),
      width: 150,
      render: (_, row) => (
        <span>
          {t(`cases:states.${row.state}`)}
          {row.open ? <Tag color="red" className="report-open-tag">{t('overdue.open')}</Tag> : null}
        </span>
      ),
    },
  ]
  return (
    <Card size="small" title={t('overdue.title')} extra={`${t('overdue.count', { count: cases.length })} · ${t('overdue.hint')}`} data-testid="report-overdue">
      <Table<OverdueCase>
        size="small"
        rowKey="caseNo"
        columns={columns}
        dataSource={[...cases]}
        pagination={false}
        scroll={{ y: 320 }}
        locale={{ emptyText: t('overdue.empty') }}
        rowClassName="report-overdue-row"
        onRow={(row) =>
          ({
            tabIndex: 0,
            'data-case-no': row.caseNo,
            onClick: () => openCase(row.caseNo),
            onKeyDown: (e: React.KeyboardEvent<HTMLElement>) => {
              if (e.key === 'Enter') {
                e.preventDefault()
                openCase(row.caseNo)
              } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                e.preventDefault()
                focusSibling(e.currentTarget, e.key)
              }
            },
          }) as React.HTMLAttributes<HTMLElement>
        }
      />
    </Card>
  )
}
