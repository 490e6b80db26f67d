/**
 * Outbox rows parked for a person (a carrier order refused for a permanent
 * reason, a print job that cannot go out): retry or cancel, each with a
 * written reason that goes on the audit chain. The reason asked for stays
 * typed if main refuses it; Ctrl+Enter confirms, Esc backs out.
 */
import { Button, Card, Flex, Form, Table, Typography, message } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { OutboxRowView } from '../../../main/contract/outbox'
import { call } from '../../bridge/client'
import { ReasonField } from '../../components/ReasonField'
import { Dialog } from '../../components/Dialog'

type Decision = { kind: 'retry' | 'cancel'; row: OutboxRowView }

export function ParkedRows({ rows }: { rows: OutboxRowView[] }): React.JSX.Element {
  const { t } = useTranslation('courier')
  const [decision, setDecision] = useState<Decision | null>(null)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)
  const [messageApi, messages] = message.useMessage()

  const open = (kind: Decision['kind'], row: OutboxRowView): void => {
    // Another row's reason is not this one's.
    if (decision?.row.id !== row.id || decision.kind !== kind) setReason('')
    setError(null)
    setDecision({ kind, row })
  }

  const confirm = async (): Promise<void> => {
    if (!decision || isBusy) return
    setBusy(true)
    try {
      const input = { id: decision.row.id, reason: reason.trim() }
      if (decision.kind === 'retry') await call('outbox.retry', input)
      else await call('outbox.cancel', input)
      void messageApi.success(t(decision.kind === 'retry' ? 'decision.retried' : 'decision.cancelled', { id: decision.row.id }))
      setDecision(null)
      setReason('')
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card size="small" title={t('sections.parked')} data-testid="desk-parked">
      {messages}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: t('sections.parkedEmpty') }}
        columns={[
          { key: 'id', title: '#', dataIndex: 'id', width: 56 },
          { key: 'caseNo', title: t('columns.caseNo'), render: (_: unknown, r: OutboxRowView) => r.caseNo ?? '—' },
          { key: 'kind', title: t('columns.kind'), render: (_: unknown, r: OutboxRowView) => `${r.lane} · ${r.kind}` },
          { key: 'attempts', title: t('columns.attempts'), dataIndex: 'attempts', width: 64 },
          { key: 'lastError', title: t('columns.lastError'), render: (_: unknown, r: OutboxRowView) => <Typography.Text type="danger">{r.lastError ?? ''}</Typography.Text> },
          {
            key: 'actions',
            title: t('columns.actions'),
            render: (_: unknown, r: OutboxRowView) => (
              <Flex gap={4}>
                <Button size="small" onClick={() => open('retry', r)} data-testid={`parked-retry-${r.id}`}>
                  {t('retry')}
                </Button>
                <Button size="small" danger onClick={() => open('cancel', r)} data-testid={`parked-cancel-${r.id}`}>
                  {t('cancel')}
                </Button>
              </Flex>
            ),
          },
        ]}
      />
      <Dialog
        open={decision !== null}
        title={decision ? t(decision.kind === 'retry' ? 'decision.retryTitle' : 'decision.cancelTitle', { id: decision.row.id }) : ''}
        okText={t('decision.confirm')}
        cancelText={t('decision.back')}
        okButtonProps={{ danger: decision?.kind === 'cancel', 'data-testid': 'parked-confirm' }}
        confirmLoading={isBusy}
        onOk={() => void confirm()}
        onCancel={() => setDecision(null)}
        destroyOnHidden
      >
        <Form layout="vertical" component="div">
          <ReasonField label={t('decision.reason')} value={reason} error={error} testId="parked-reason" onChange={setReason} onConfirm={() => void confirm()} />
          {decision?.row.lastError ? <Typography.Text type="secondary">{decision.row.lastError}</Typography.Text> : null}
        </Form>
      </Dialog>
    </Card>
  )
}
