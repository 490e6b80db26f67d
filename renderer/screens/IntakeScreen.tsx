import { useTranslation } from 'react-i18next'
import { ComingLater, ScreenFrame } from '../components/ScreenFrame'

export function IntakeScreen(): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <ScreenFrame title={t('screens.intake')} testId="intake">
      <ComingLater text={t('screenEmpty')} />
    </ScreenFrame>
  )
}
