import { Segmented, Space, Tag, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ScreenFrame } from '../components/ScreenFrame'
import { isForPage } from '../hooks/dialogFocus'
import { useStationInfo, type StationInfo } from '../hooks/useStationInfo'
import { CaseQueue } from './cases/CaseQueue'
import type { QueueFilters } from './cases/queueModel'
import { SignedInIntake } from './IntakeScreen'

/** The hall's view: every case a bank branch took (the 代办 mark), whichever branch. */
const AGENT_CASES: QueueFilters = { agent: true }

/**
 * 代办 (银行网点代办). At a bank branch's station (profile `agent`): the
 * intake for the items branches may take — the intake form in its agent mode
 * — and the branch's own cases. Anywhere else: the cases the branches took,
 * as they reach the hall.
 */
export function AgentScreen(): React.JSX.Element {
  const { t } = useTranslation()
  const { value: info } = useStationInfo()
  if (!info) return <ScreenFrame title={t('screens.agent')} testId="agent" />
  return info.agent ? <BranchDesk branch={info.agent} /> : <CasesFromBranches />
}

type BranchView = 'intake' | 'cases'

/** The branch's desk: Alt+I the intake, Alt+L the branch's cases; one of them mounted at a time, so their keys never meet. */
function BranchDesk({ branch }: { branch: NonNullable<StationInfo['agent']> }): React.JSX.Element {
  const { t } = useTranslation()
  const { t: ta } = useTranslation('agent')
  const [view, setView] = useState<BranchView>('intake')
  const [scope] = useState<QueueFilters>(() => ({ branchCode: branch.branchCode }))

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || !isForPage(e)) return
      const next: BranchView | null = e.code === 'KeyI' ? 'intake' : e.code === 'KeyL' ? 'cases' : null
      if (next === null) return
      e.preventDefault()
      setView(next)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const heading = (
    <Space size="middle">
      <span>{t('screens.agent')}</span>
      <Tag color="gold" data-testid="agent-branch" data-branch={branch.branchCode}>
        {ta('branch', { branch: branch.branchName })}
      </Tag>
    </Space>
  )
  return (
    <ScreenFrame title={t('screens.agent')} heading={heading} testId="agent">
      <Space size="middle" style={{ marginBottom: 12 }}>
        <Segmented<BranchView>
          value={view}
          onChange={setView}
          data-testid="agent-views"
          options={[
            { value: 'intake', label: <span data-testid="agent-view-intake">{`${ta('views.intake')} Alt+I`}</span> },
            { value: 'cases', label: <span data-testid="agent-view-cases">{`${ta('views.cases')} Alt+L`}</span> },
          ]}
        />
        <Typography.Text type="secondary">{ta('keysHint')}</Typography.Text>
      </Space>
      {view === 'intake' ? <SignedInIntake isAgent /> : <CaseQueue scope={scope} />}
    </ScreenFrame>
  )
}

function CasesFromBranches(): React.JSX.Element {
  const { t } = useTranslation()
  const { t: ta } = useTranslation('agent')
  return (
    <ScreenFrame title={t('screens.agent')} testId="agent">
      <Typography.Paragraph type="secondary" data-testid="agent-from-branches">
        {ta('fromBranches')}
      </Typography.Paragraph>
      <CaseQueue scope={AGENT_CASES} />
    </ScreenFrame>
  )
}
