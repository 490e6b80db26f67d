import { Tabs } from 'antd'
import { useTranslation } from 'react-i18next'
import { ScreenFrame } from '../components/ScreenFrame'
import { navigate, useRoute } from '../hooks/useRoute'
import { FollowUpList } from './ratings/FollowUpList'
import { ReportsView } from './reports/ReportsView'

type ReportsTab = 'report' | 'follow-ups'

/**
 * 统计: the supervisor's screen — the reports for a day, week or month
 * (#/reports), and the 差评整改 list, 好差评 follow-ups with their lights
 * (#/reports/follow-ups: F from the report). The report keeps its period
 * while hidden (not its keys); the list mounts afresh each time, so focus
 * lands on it as it opens.
 */
export function ReportsScreen(): React.JSX.Element {
  const { t } = useTranslation()
  const route = useRoute()
  const tab: ReportsTab = route.params[0] === 'follow-ups' ? 'follow-ups' : 'report'
  return (
    <ScreenFrame title={t('screens.reports')} testId="reports">
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate(key === 'follow-ups' ? 'reports/follow-ups' : 'reports')}
        data-testid="reports-tabs"
        items={[
          { key: 'report', label: <span data-testid="reports-tab-report">{t('reports:tabs.report')}</span>, children: <ReportsView isActive={tab === 'report'} /> },
          { key: 'follow-ups', label: <span data-testid="reports-tab-follow-ups">{t('reports:tabs.followUps')} (F)</span>, children: <FollowUpList />, destroyOnHidden: true },
        ]}
      />
    </ScreenFrame>
  )
}
