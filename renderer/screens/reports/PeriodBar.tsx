import { LeftOutlined, RightOutlined } from '@ant-design/icons'
import { Button, DatePicker, Flex, Segmented, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import type { ReportPeriod } from '../../../main/contract/reports'
import { isCurrentPeriod, periodRange, reportPeriods } from './reportPeriod'
import type { ReportView } from './useReportView'

/**
 * Which report: 日 / 周 / 月, the date (a week or month picked as such), the
 * steps either side, and what can be done with it (CSV, the daily sheet).
 * Every control has its key (reportKeys.ts), listed under the bar.
 */
export function PeriodBar({ view, onCsv, onPrint, isExporting }: { view: ReportView; onCsv: () => void; onPrint: () => void; isExporting: boolean }): React.JSX.Element {
  const { t } = useTranslation('reports')
  const { period, date, today } = view
  const range = date === null ? null : periodRange(period, date)
  return (
    <div className="report-period-bar">
      <Flex gap={8} align="center" wrap>
        <Segmented<ReportPeriod>
          value={period}
          onChange={view.setPeriod}
          aria-label={t('period')}
          data-testid="report-period"
          options={reportPeriods.map((p) => ({ value: p, label: `${t(`periods.${p}`)} (${p[0]!.toUpperCase()})` }))}
        />
        <Button icon={<LeftOutlined />} aria-label={t('previous')} title={`${t('previous')} (←)`} disabled={date === null} onClick={() => view.step(-1)} data-testid="report-previous" />
        <DatePicker
          picker={period === 'day' ? 'date' : period}
          allowClear={false}
          aria-label={t('date')}
          value={date === null ? null : dayjs(date)}
          onChange={(value) => value && view.setDate(value.format('YYYY-MM-DD'))}
          style={{ width: 150 }}
          data-testid="report-date"
        />
        <Button icon={<RightOutlined />} aria-label={t('next')} title={`${t('next')} (→)`} disabled={date === null} onClick={() => view.step(1)} data-testid="report-next" />
        <Button onClick={view.goToday} data-testid="report-today">
          {t('today')} (T)
        </Button>
        {range ? (
          <Typography.Text strong data-testid="report-range">
            {range.from === range.to ? range.from : t('range', { from: range.from, to: range.to })}
          </Typography.Text>
        ) : null}
        {date !== null && isCurrentPeriod(period, date, today) ? <Tag color="red">{t(`current.${period}`)}</Tag> : null}
        <Flex gap={8} className="report-period-actions">
          <Button onClick={view.refresh} disabled={date === null} data-testid="report-refresh">
            {t('refresh')} (R)
          </Button>
          <Button onClick={onCsv} loading={isExporting} disabled={date === null} data-testid="report-csv">
            {t('csv')} (E)
          </Button>
          <Button type="primary" onClick={onPrint} disabled={date === null} data-testid="report-print">
            {t('print')} (P)
          </Button>
        </Flex>
      </Flex>
      <Typography.Text type="secondary" className="report-keys">
        {t('keys')}
      </Typography.Text>
    </div>
  )
}
