import { Alert, Button, Empty, Space, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call, useEvent, useResync } from '../../bridge/client'
import { navigate } from '../../hooks/useRoute'
import { isForPage } from '../../hooks/dialogFocus'
import { useCommandState } from '../../hooks/useCommandState'
import { localMonthDayTime } from '../../localTime'
import { DaysLeftText, DeadlineLight } from '../cases/DeadlineLight'
import { FollowUpDialog, type FollowUpRow } from './FollowUpDialog'
import '../cases/cases.css'
import './ratings.css'

const rowKey = (r: Pick<FollowUpRow, 'caseNo' | 'visit'>): string => `${r.caseNo}/${r.visit}`
const clocked = (r: FollowUpRow) => ({ light: r.light, clock: 'running' as const, workingDaysLeft: r.workingDaysLeft, deadlineProvisional: r.provisional })

/**
 * 差评整改: the supervisor's list of open follow-ups, oldest first, each with
 * its due date in working days and the light the case queue uses. ↑↓ pick a
 * row, Enter records its return visit (a signed 差评) or closes it (an
 * anonymous one), Alt+V opens the case.
 */
export function FollowUpList(): React.JSX.Element {
  const { t } = useTranslation('ratings')
  const [version, setVersion] = useState(0)
  const { value: rows, error } = useCommandState<FollowUpRow[]>(`follow-ups/${version}`, { initial: [], load: () => call('ratings.followUps', {}) })
  const reload = (): void => setVersion((v) => v + 1)
  useEvent('ratings.changed', reload)
  useResync(reload)
  const [activeKey, setActiveKey] = useState<string | null>(null)
  const [editing, setEditing] = useState<FollowUpRow | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const listRef = useRef<HTMLDivElement | null>(null)

  const active = rows.find((r) => rowKey(r) === activeKey) ?? rows[0] ?? null

  useEffect(() => {
    listRef.current?.focus({ preventScroll: true })
  }, [])

  const onKeyDown = (e: React.KeyboardEvent): void => {
    if (!isForPage(e) || rows.length === 0) return
    const index = active ? rows.indexOf(active) : 0
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      const next = rows[Math.max(0, Math.min(rows.length - 1, index + (e.key === 'ArrowDown' ? 1 : -1)))]
      if (next) setActiveKey(rowKey(next))
    } else if (e.key === 'Enter' && active) {
      e.preventDefault()
      setEditing(active)
    } else if (e.altKey && e.code === 'KeyV' && active) {
      e.preventDefault()
      navigate(`cases/${encodeURIComponent(active.caseNo)}`)
    }
  }

  const columns: ColumnsType<FollowUpRow> = [
    { key: 'light', title: t('followUps.columns.light'), width: 64, render: (_, r) => <DeadlineLight row={clocked(r)} /> },
    { key: 'caseNo', title: t('followUps.columns.caseNo'), dataIndex: 'caseNo', render: (caseNo: string, r) => <span>{caseNo}{r.itemName ? <Typography.Text type="secondary"> · {r.itemName}</Typography.Text> : null}</span> },
    { key: 'visit', title: t('followUps.columns.visit'), width: 64, render: (_, r) => t(`visits.${r.visit}`) },
    { key: 'grade', title: t('followUps.columns.grade'), width: 110, render: (_, r) => <Tag color="red">{t(`grades.${r.grade}`)}</Tag> },
    {
      key: 'reasons',
      title: t('followUps.columns.reasons'),
      render: (_, r) => (
        <span>
          {r.reasons.map((reason) => t(`reasons.${reason}`)).join('、')}
          {r.text ? <Typography.Text type="secondary"> · {r.text}</Typography.Text> : null}
        </span>
      ),
    },
    {
      key: 'applicant',
      title: t('followUps.columns.applicant'),
      render: (_, r) => (r.signed ? <span>{r.applicantName} {r.applicantPhone} <Tag>{t('followUps.signed')}</Tag></span> : <Tag>{t('followUps.anonymous')}</Tag>),
    },
    { key: 'staff', title: t('followUps.columns.staff'), dataIndex: 'staff', render: (staff: string | null) => staff ?? '—' },
    { key: 'ratedAt', title: t('followUps.columns.ratedAt'), width: 110, render: (_, r) => localMonthDayTime(r.ratedAt) },
    {
      key: 'dueDate',
      title: t('followUps.columns.dueDate'),
      width: 170,
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <span data-testid="follow-up-due">{r.dueDate}</span>
          <DaysLeftText row={clocked(r)} />
        </Space>
      ),
    },
    {
      key: 'action',
      title: t('followUps.columns.action'),
      width: 120,
      render: (_, r) => (
        <Button size="small" onClick={() => setEditing(r)} data-testid="follow-up-act">
          {r.signed ? t('followUps.returnVisit') : t('followUps.close')}
        </Button>
      ),
    },
  ]

  return (
    <section data-testid="follow-ups" aria-label={t('followUps.title')}>
      <Space align="baseline" wrap>
        <Typography.Title level={5}>{t('followUps.title')}</Typography.Title>
        <Typography.Text data-testid="follow-ups-count">{t('followUps.count', { count: rows.length })}</Typography.Text>
        <Typography.Text type="secondary">{t('followUps.keys')}</Typography.Text>
      </Space>
      {error ? <Alert type="error" showIcon title={error} /> : null}
      {done ? <Alert type="success" showIcon title={done} closable onClose={() => setDone(null)} data-testid="follow-up-done" style={{ marginBottom: 8 }} /> : null}
      <div ref={listRef} className="follow-up-list" tabIndex={0} onKeyDown={onKeyDown} data-testid="follow-up-list">
        <Table<FollowUpRow>
          size="small"
          rowKey={rowKey}
          columns={columns}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: <Empty description={t('followUps.empty')} /> }}
          rowClassName={(r) => (active && rowKey(r) === rowKey(active) ? 'follow-up-active' : '')}
          onRow={(r) => ({ onClick: () => setActiveKey(rowKey(r)), 'data-follow-up': rowKey(r), 'data-case-no': r.caseNo }) as React.HTMLAttributes<HTMLElement>}
        />
      </div>
      <FollowUpDialog
        row={editing}
        onCancel={() => setEditing(null)}
        onClosed={(row) => {
          setEditing(null)
          setDone(t('followUps.done', { caseNo: row.caseNo }))
          reload()
        }}
      />
    </section>
  )
}
