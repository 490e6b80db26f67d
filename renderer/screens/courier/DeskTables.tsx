/**
 * What is on the desk besides the parcel in hand: the open batch (what the
 * courier will sign for), shipments waiting for the carrier or their label
 * (reprint from here), and the exceptions — returned or failed deliveries
 * with the carrier's reason and what to do next. Every button is a Tab stop.
 */
import { Button, Card, Flex, Table, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { HandoverBatchView, ShipmentStatus, ShipmentView } from '../../../main/contract/dispatch'
import { localDateTime } from '../../localTime'
import { CANCELLABLE, type CancelTarget } from './CancelShipmentDialog'

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

function CancelButton(props: { target: CancelTarget; onCancel: (target: CancelTarget) => void }): React.JSX.Element {
  const { t } = useTranslation('courier')
  return (
    <Button size="small" danger onClick={() => props.onCancel(props.target)} data-testid={`cancel-shipment-${props.target.shipmentId}`}>
      {t('shipmentCancel.action')}
    </Button>
  )
}

export function BatchTable({ batch, onCancel }: { batch: HandoverBatchView | null; onCancel: (target: CancelTarget) => void }): React.JSX.Element {
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
          {
            key: 'actions',
            title: t('columns.actions'),
            render: (_: unknown, item: HandoverBatchView['items'][number]) =>
              batch?.closedAt === null && CANCELLABLE.has(item.status) ? (
                <CancelButton target={{ shipmentId: item.shipmentId, caseNo: item.caseNo, waybillNo: item.waybillNo }} onCancel={onCancel} />
              ) : null,
          },
        ]}
      />
    </Card>
  )
}

/** Why a pending shipment waits: its cancel on the way to the carrier, else the carrier's create. */
function WaitingReason({ s }: { s: ShipmentView }): React.JSX.Element | null {
  const { t } = useTranslation('courier')
  if (s.cancelling) {
    const said = s.cancelling.lastError ? `${s.cancelling.reason} · ${s.cancelling.lastError}` : s.cancelling.reason
    return (
      <Typography.Text type={s.cancelling.parked ? 'danger' : 'warning'} data-testid={`cancelling-${s.id}`}>
        {t(s.cancelling.parked ? 'shipmentCancel.cancellingParked' : 'shipmentCancel.cancelling', { reason: said })}
      </Typography.Text>
    )
  }
  if (!s.waiting) return null
  return (
    <Typography.Text type={s.waiting.parked ? 'danger' : 'secondary'}>
      {s.waiting.reason ?? ''}
      {s.waiting.nextAttemptAt && !s.waiting.parked ? ` · ${localDateTime(s.waiting.nextAttemptAt)}` : ''}
    </Typography.Text>
  )
}

export function PendingTable(props: {
  pending: ShipmentView[]
  onReprint: (shipment: ShipmentView) => void
  onCancel: (target: CancelTarget) => void
  busyId: number | null
}): React.JSX.Element {
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
          { key: 'waiting', title: t('columns.waiting'), render: (_: unknown, s: ShipmentView) => <WaitingReason s={s} /> },
          {
            key: 'actions',
            title: t('columns.actions'),
            render: (_: unknown, s: ShipmentView) => (
              <Flex gap={4} wrap>
                {/* A label needs a waybill; a parcel being cancelled gets none. */}
                {s.waybillNo !== null && s.cancelling === null ? (
                  <Button size="small" loading={props.busyId === s.id} onClick={() => props.onReprint(s)} data-testid={`reprint-${s.id}`}>
                    {t('reprint')}
                  </Button>
                ) : null}
                {CANCELLABLE.has(s.status) && s.cancelling === null ? (
                  <CancelButton target={{ shipmentId: s.id, caseNo: s.caseNo, waybillNo: s.waybillNo }} onCancel={props.onCancel} />
                ) : null}
              </Flex>
            ),
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
