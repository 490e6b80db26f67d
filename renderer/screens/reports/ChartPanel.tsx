import { Card, Table } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useTranslation } from 'react-i18next'
import type { ChartRow, ReportChart } from './reportCharts'
import { useEChart } from './useEChart'

/** One chart with its table beside it: the picture for a glance, the rows for the exact numbers (and for a screen reader). */
export function ChartPanel({ chart }: { chart: ReportChart }): React.JSX.Element {
  const { t } = useTranslation('reports')
  const chartRef = useEChart(chart.option)
  const title = t(`charts.${chart.id}`)
  const columns: ColumnsType<ChartRow> = [
    { key: 'label', title: t(`columns.${chart.id}`), dataIndex: 'label', ellipsis: { showTitle: true } },
    { key: 'count', title: t('columns.count'), dataIndex: 'count', width: 72, align: 'right' },
    { key: 'share', title: t('columns.share'), dataIndex: 'share', width: 76, align: 'right' },
  ]
  return (
    <Card size="small" title={title} extra={t('total', { count: chart.total })} className="report-chart-card" data-testid={`chart-${chart.id}`}>
      <div className="report-chart-body">
        <div ref={chartRef} className="report-chart-canvas" role="img" aria-label={t('chartOf', { title })} data-testid={`chart-canvas-${chart.id}`} />
        <Table<ChartRow>
          className="report-chart-table"
          size="small"
          rowKey="key"
          columns={columns}
          dataSource={chart.rows}
          pagination={false}
          scroll={{ y: 200 }}
          locale={{ emptyText: t('noRows') }}
        />
      </div>
    </Card>
  )
}
