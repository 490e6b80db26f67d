import { useTranslation } from 'react-i18next'
import { ComingLater, ScreenFrame } from '../components/ScreenFrame'

export function AgentScreen(): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <ScreenFrame title={t('screens.agent')} testId="agent">
      <ComingLater text={t('screenEmpty')} />
    </ScreenFrame>
  )
}
