import { useTranslation } from 'react-i18next'
import type { Report } from '../../../main/contract/reports'
import { headlineFigures } from './reportFigures'

/** The numbers a supervisor reads first, in one row that wraps; one to act on (overdue, open 差评, parcel exceptions) in red. */
export function ReportHeadline({ report }: { report: Report }): React.JSX.Element {
  const { t } = useTranslation('reports')
  return (
    <dl className="report-figures" data-testid="report-figures">
      {headlineFigures(report).map((figure) => (
        <div key={figure.key} className={figure.isWarning ? 'report-figure report-figure-warning' : 'report-figure'} data-testid={`figure-${figure.key}`}>
          <dt>{t(`figures.${figure.key}`)}</dt>
          <dd data-testid={`figure-${figure.key}-value`}>{figure.text}</dd>
        </div>
      ))}
    </dl>
  )
}
