import { Alert, Button, Space, Table, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { OperatorViewDto } from '../../main/contract/operators'
import { call } from '../bridge/client'
import { ConfirmDialog } from '../components/ConfirmDialog'
import { ScreenFrame } from '../components/ScreenFrame'
import { isForPage } from '../hooks/dialogFocus'
import { useCommandState } from '../hooks/useCommandState'
import { useSession } from '../hooks/useSession'
import { AddOperatorDialog } from './settings/AddOperatorDialog'
import { moveSelection, operatorName, operatorState, withOperator } from './settings/operatorRows'
import { ResetPinDialog } from './settings/ResetPinDialog'

/**
 * 设置 (a supervisor's screen; App's ScreenGate tells every other role so):
 * the station's operator accounts — add one, disable or enable it, give it a
 * new PIN. By keyboard: ↑↓ pick a row, Alt+N adds, Alt+D disables or
 * enables the picked account, Alt+R resets its PIN.
 */
export function SettingsScreen(): React.JSX.Element {
  const { t } = useTranslation('settings')
  const { t: tc } = useTranslation()
  const { value: session } = useSession()
  const loaded = useCommandState<OperatorViewDto[]>('operators.list', { initial: [], load: () => call('operators.list', {}) })
  // Changes made here replace their row at once (the command answers the account as it is now); a load starts afresh.
  const [list, setList] = useState<OperatorViewDto[]>([])
  useEffect(() => setList(loaded.value), [loaded.value])
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [isAdding, setAdding] = useState(false)
  const [resetting, setResetting] = useState<OperatorViewDto | null>(null)
  const [toggling, setToggling] = useState<OperatorViewDto | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const listRef = useRef<HTMLDivElement>(null)
  const selected = list.find((o) => o.id === selectedId) ?? list[0] ?? null

  useEffect(() => listRef.current?.focus(), [])

  const changed = (op: OperatorViewDto, text: string): void => {
    setList((prev) => withOperator(prev, op))
    setSelectedId(op.id)
    setNotice(text)
  }

  // Registered once; reads the latest through the ref.
  const latest = useRef({ selected, isBusy: false })
  useEffect(() => {
    latest.current = { selected, isBusy: isAdding || resetting !== null || toggling !== null }
  })
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented || !isForPage(e)) return
      const { selected: op, isBusy } = latest.current
      if (isBusy) return
      if (e.code === 'KeyN') setAdding(true)
      else if (e.code === 'KeyD' && op) setToggling(op)
      else if (e.code === 'KeyR' && op) setResetting(op)
      else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const onListKey = (e: React.KeyboardEvent<HTMLDivElement>): void => {
    if (e.altKey || e.ctrlKey || e.metaKey) return
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return
    e.preventDefault()
    setSelectedId(moveSelection(list, selected?.id ?? null, e.key === 'ArrowDown' ? 1 : -1))
  }

  const stateTag = (op: OperatorViewDto): React.JSX.Element => {
    const state = operatorState(op)
    if (state.kind === 'disabled') return <Tag color="default">{t('state.disabled')}</Tag>
    if (state.kind === 'locked') return <Tag color="error">{t('state.lockedUntil', { time: dayjs(state.until).format('HH:mm') })}</Tag>
    return <Tag color="success">{t('state.inUse')}</Tag>
  }

  const toggle = async (op: OperatorViewDto): Promise<void> => {
    const next = await call(op.disabled ? 'operators.enable' : 'operators.disable', { id: op.id })
    setToggling(null)
    changed(next, t(next.disabled ? 'disabledDone' : 'enabledDone', { operator: operatorName(next) }))
  }

  return (
    <ScreenFrame title={tc('screens.settings')} testId="settings">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('accounts')}
          </Typography.Title>
          <Button type="primary" data-testid="operator-add" onClick={() => setAdding(true)}>
            {t('add')} <span className="nav-hint">{t('addKey')}</span>
          </Button>
          <Typography.Text type="secondary">{t('keys')}</Typography.Text>
        </Space>
        {loaded.error ? <Alert type="error" showIcon title={loaded.error} data-testid="settings-error" /> : null}
        {notice ? <Alert type="success" showIcon closable title={notice} data-testid="settings-notice" onClose={() => setNotice(null)} /> : null}
        <div ref={listRef} tabIndex={0} onKeyDown={onListKey} data-testid="operator-list" aria-label={t('accounts')}>
          <Table<OperatorViewDto>
            rowKey="id"
            size="middle"
            pagination={false}
            dataSource={list}
            locale={{ emptyText: t('empty') }}
            rowClassName={(op) => (op.id === selected?.id ? 'ant-table-row-selected' : '')}
            onRow={(op) => ({ onClick: () => setSelectedId(op.id), 'data-testid': `operator-row-${op.id}`, 'data-state': operatorState(op).kind }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('column.id'), dataIndex: 'id' },
              { title: t('column.name'), dataIndex: 'name', render: (name: string, op) => (op.id === session.operatorId ? `${name}${t('you')}` : name) },
              { title: t('column.role'), dataIndex: 'role', render: (role: OperatorViewDto['role']) => tc(`role.${role}`) },
              { title: t('column.state'), key: 'state', render: (_v, op) => stateTag(op) },
              { title: t('column.card'), dataIndex: 'hasCard', render: (hasCard: boolean) => (hasCard ? t('cardRegistered') : t('cardNone')) },
              {
                title: t('column.actions'),
                key: 'actions',
                render: (_v, op) => (
                  <Space size="small">
                    <Button size="small" danger={!op.disabled} data-testid={`operator-toggle-${op.id}`} onClick={() => setToggling(op)}>
                      {op.disabled ? t('enable') : t('disable')}
                    </Button>
                    <Button size="small" data-testid={`operator-reset-${op.id}`} onClick={() => setResetting(op)}>
                      {t('resetPin')}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        </div>
      </Space>
      <AddOperatorDialog
        open={isAdding}
        onCancel={() => setAdding(false)}
        onAdded={(op) => {
          setAdding(false)
          changed(op, t('form.added', { operator: operatorName(op) }))
        }}
      />
      <ResetPinDialog
        operator={resetting}
        onCancel={() => setResetting(null)}
        onDone={(op) => {
          setResetting(null)
          changed(op, t('reset.done', { operator: operatorName(op) }))
        }}
      />
      <ConfirmDialog
        open={toggling !== null}
        title={toggling ? t(toggling.disabled ? 'confirmEnable' : 'confirmDisable', { operator: operatorName(toggling) }) : ''}
        okText={t('confirmOk')}
        cancelText={t('confirmCancel')}
        isDanger={toggling !== null && !toggling.disabled}
        okTestId="operator-toggle-ok"
        onOk={() => (toggling ? toggle(toggling) : undefined)}
        onCancel={() => setToggling(null)}
      />
    </ScreenFrame>
  )
}
