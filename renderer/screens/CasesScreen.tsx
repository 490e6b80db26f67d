import { useTranslation } from 'react-i18next'
import { ComingLater, ScreenFrame } from '../components/ScreenFrame'

export function CasesScreen({ caseNo }: { caseNo?: string }): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <ScreenFrame title={caseNo ? `${t('screens.cases')} · ${caseNo}` : t('screens.cases')} testId="cases">
      <ComingLater text={t('screenEmpty')} />
    </ScreenFrame>
  )
}
