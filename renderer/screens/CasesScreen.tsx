import { useTranslation } from 'react-i18next'
import { ScreenFrame } from '../components/ScreenFrame'
import { CasePage } from './cases/CasePage'
import { CaseQueue } from './cases/CaseQueue'

/** 办件: the queue at `#/cases`, one case at `#/cases/<caseNo>` (its own frame: the heading names the case, not the queue). */
export function CasesScreen({ caseNo }: { caseNo?: string }): React.JSX.Element {
  const { t } = useTranslation()
  if (caseNo) return <CasePage key={caseNo} caseNo={caseNo} />
  return (
    <ScreenFrame title={t('screens.cases')} testId="cases">
      <CaseQueue />
    </ScreenFrame>
  )
}
