import { useTranslation } from 'react-i18next'
import { ScreenFrame } from '../components/ScreenFrame'
import { FollowUpList } from './ratings/FollowUpList'

/** 统计: the supervisor's screen; today the 差评整改 list (好差评 follow-ups with their lights). */
export function ReportsScreen(): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <ScreenFrame title={t('screens.reports')} testId="reports">
      <FollowUpList />
    </ScreenFrame>
  )
}
