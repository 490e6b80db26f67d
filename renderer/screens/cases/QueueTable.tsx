import { Table } from 'antd'
import { memo, type Ref } from 'react'
import type { ColumnsType } from 'antd/es/table'
import type { CaseRow } from './queueModel'

export type QueueTableHandle = React.ComponentRef<typeof Table<CaseRow>>

/**
 * The virtual table itself, memoised: antd re-walks the whole data source on
 * every render, so with 10,000 rows loaded a re-render costs a frame or
 * more. Moving the active row must not re-render it (the highlight is a
 * style rule, see CaseQueue); only new rows, a new height or loading do.
 */
export const QueueTable = memo(function QueueTable(props: {
  tableRef: Ref<QueueTableHandle>
  rows: CaseRow[]
  columns: ColumnsType<CaseRow>
  width: number
  height: number
  isLoading: boolean
  emptyText: string
  onScroll: (e: React.UIEvent<HTMLDivElement>) => void
  onOpen: (caseNo: string) => void
}): React.JSX.Element {
  return (
    <Table<CaseRow>
      ref={props.tableRef}
      virtual
      size="small"
      rowKey="caseNo"
      columns={props.columns}
      dataSource={props.rows}
      pagination={false}
      loading={props.isLoading && props.rows.length === 0}
      scroll={{ x: props.width, y: props.height }}
      onScroll={props.onScroll}
      locale={{ emptyText: props.emptyText }}
      rowClassName="queue-row"
      onRow={(row) => ({ onClick: () => props.onOpen(row.caseNo), 'data-case-no': row.caseNo }) as React.HTMLAttributes<HTMLElement>}
    />
  )
})
