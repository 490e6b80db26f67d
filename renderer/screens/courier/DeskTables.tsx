/**
 * What is on the desk besides the parcel in hand: the open batch (what the
 * courier will sign for), shipments waiting for the carrier or their label
 * (reprint from here), and the exceptions — returned or failed deliveries
 * with the carrier's reason and what to do next. Every button is a Tab stop.
 */
import { Button, Card, Table, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { HandoverBatchView, ShipmentStatus, ShipmentView } from '../../../main/contract/dispatch'
import { localDateTime } from '../../localTime'

const STATUS_COLOR: Partial<Record<ShipmentStatus, string>> = {
  queued: 'default',
  created: 'processing',
  label_printed: 'success',
  failed: 'error',
  returned: 'warning',
}

export function StatusTag({ status }: { status: ShipmentStatus }): React.JSX.Element {
  const { t } = useTranslation('courier')
  return (
    <Tag color={STATUS_COLOR[status]} data-status={status}>
      {t(`status.${status}`)}
    </Tag>
  )
}

export function BatchTable({ batch }: { batch: HandoverBatchView | null }): React.JSX.Element {
  const { t } = useTranslation('courier')
  const items = batch?.items ?? []
  return (
    <Card
      size="small"
      title={t('sections.batch')}
      extra={<Tag data-testid="batch-count">{t('sections.batchCount', { count: items.length })}</Tag>}
      data-testid="desk-batch"
    >
      <Table
        size="small"
        rowKey="shipmentId"
        pagination={false}
        dataSource={items}
        locale={{ emptyText: t('sections.batchEmpty') }}
        onRow={(item) => ({ 'data-case-no': item.caseNo }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { key: 'caseNo', title: t('columns.caseNo'), dataIndex: 'caseNo' },
          { key: 'waybillNo', title: t('columns.waybillNo'), dataIndex: 'waybillNo', render: (w: string | null) => w ?? '—' },
          { key: 'recipient', title: t('columns.recipient'), dataIndex: 'recipientName' },
          { key: 'status', title: t('columns.status'), dataIndex: 'status', render: (s: ShipmentStatus) => <StatusTag status={s} /> },
        ]}
      />
    </Card>
  )
}

export function PendingTable(props: { pending: ShipmentView[]; onReprint: (shipment: ShipmentView) => void; busyId: number | null }): React.JSX.Element {
  const { t } = useTranslation('courier')
  return (
    <Card size="small" title={t('sections.pending')} data-testid="desk-pending">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={props.pending}
        locale={{ emptyText: t('sections.pendingEmpty') }}
        onRow={(s) => ({ 'data-case-no': s.caseNo }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { key: 'caseNo', title: t('columns.caseNo'), dataIndex: 'caseNo' },
          { key: 'waybillNo', title: t('columns.waybillNo'), render: (_: unknown, s: ShipmentView) => s.waybillNo ?? '—' },
          { key: 'recipient', title: t('columns.recipient'), render: (_: unknown, s: ShipmentView) => `${s.recipient.name} ${s.recipient.phoneMasked}` },
          { key: 'status', title: t('columns.status'), render: (_: unknown, s: ShipmentView) => <StatusTag status={s.status} /> },
          {
            key: 'waiting',
            title: t('columns.waiting'),
            render: (_: unknown, s: ShipmentView) =>
              s.waiting ? (
                <Typography.Text type={s.waiting.parked ? 'danger' : 'secondary'}>
                  {s.waiting.reason ?? ''}
                  {s.waiting.nextAttemptAt && !s.waiting.parked ? ` · ${localDateTime(s.waiting.nextAttemptAt)}` : ''}
                </Typography.Text>
              ) : null,
          },
          {
            key: 'actions',
            title: t('columns.actions'),
            render: (_: unknown, s: ShipmentView) =>
              // A label needs a waybill: reprinting one still waiting for the carrier has nothing to print.
              s.waybillNo !== null ? (
                <Button size="small" loading={props.busyId === s.id} onClick={() => props.onReprint(s)} data-testid={`reprint-${s.id}`}>
                  {t('reprint')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Card>
  )
}

export function ExceptionsTable({ exceptions }: { exceptions: ShipmentView[] }): React.JSX.Element {
  const { t } = useTranslation('courier')
  return (
    <Card size="small" title={t('sections.exceptions')} data-testid="desk-exceptions">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={exceptions}
        locale={{ emptyText: t('sections.exceptionsEmpty') }}
        columns={[
          { key: 'caseNo', title: t('columns.caseNo'), dataIndex: 'caseNo' },
          { key: 'waybillNo', title: t('columns.waybillNo'), render: (_: unknown, s: ShipmentView) => s.waybillNo ?? '—' },
          { key: 'status', title: t('columns.status'), render: (_: unknown, s: ShipmentView) => <StatusTag status={s.status} /> },
          { key: 'reason', title: t('columns.reason'), render: (_: unknown, s: ShipmentView) => s.exception?.reason ?? '' },
          { key: 'nextStep', title: t('columns.nextStep'), render: (_: unknown, s: ShipmentView) => <Typography.Text strong>{s.exception?.nextStep ?? ''}</Typography.Text> },
        ]}
      />
    </Card>
  )
}
