import { useTranslation } from 'react-i18next'
import { ComingLater, ScreenFrame } from '../components/ScreenFrame'

export function ReportsScreen(): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <ScreenFrame title={t('screens.reports')} testId="reports">
      <ComingLater text={t('screenEmpty')} />
    </ScreenFrame>
  )
}
