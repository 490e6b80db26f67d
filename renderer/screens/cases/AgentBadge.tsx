import { Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type { CaseRow } from './queueModel'

/** 代办: marks a case a bank branch took on the hall's behalf, naming the branch on hover; nothing for a hall window's case. */
export function AgentBadge({ agent, testId = 'agent-badge' }: { agent: CaseRow['agent']; testId?: string }): React.JSX.Element | null {
  const { t } = useTranslation('cases')
  if (!agent) return null
  return (
    <Tag color="gold" title={t('agent.badgeTitle', { branch: agent.branchName })} data-testid={testId} data-branch={agent.branchCode}>
      {t('agent.badge')}
    </Tag>
  )
}
