import { useTranslation } from 'react-i18next'
import { ComingLater, ScreenFrame } from '../components/ScreenFrame'

export function OutputScreen(): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <ScreenFrame title={t('screens.output')} testId="output">
      <ComingLater text={t('screenEmpty')} />
    </ScreenFrame>
  )
}
