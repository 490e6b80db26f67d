import { useTranslation } from 'react-i18next'
import { ComingLater, ScreenFrame } from '../components/ScreenFrame'

export function CourierScreen(): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <ScreenFrame title={t('screens.courier')} testId="courier">
      <ComingLater text={t('screenEmpty')} />
    </ScreenFrame>
  )
}
