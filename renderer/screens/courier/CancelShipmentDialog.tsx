/**
 * 取消寄递 from the desk: the reason is asked for (it goes on the audit
 * chain with the case's return to ready), Ctrl+Enter confirms, Esc backs
 * out. The typed reason stays if main refuses; main's words show under it.
 * A cancel the carrier must still confirm answers "waiting for the carrier"
 * rather than done.
 */
import { Form, Typography, message } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ShipmentStatus } from '../../../main/contract/dispatch'
import { call } from '../../bridge/client'
import { ReasonField } from '../../components/ReasonField'
import { Dialog } from '../../components/Dialog'

export interface CancelTarget {
  shipmentId: number
  caseNo: string
  waybillNo: string | null
}

/** Before the courier has the parcel: what the desk offers to cancel (main decides, and says why not). */
export const CANCELLABLE: ReadonlySet<ShipmentStatus> = new Set<ShipmentStatus>(['queued', 'created', 'label_printed'])

export function CancelShipmentDialog(props: { target: CancelTarget | null; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation('courier')
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)
  const [messageApi, messages] = message.useMessage()
  const target = props.target

  const confirm = async (): Promise<void> => {
    if (!target || isBusy) return
    setBusy(true)
    try {
      const after = await call('dispatch.cancel', { shipmentId: target.shipmentId, reason: reason.trim() })
      void messageApi.success(t(after.status === 'cancelled' ? 'shipmentCancel.done' : 'shipmentCancel.pending', { caseNo: target.caseNo }))
      setReason('')
      setError(null)
      props.onClose()
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      {messages}
      <Dialog
        open={target !== null}
        title={target ? t('shipmentCancel.title', { caseNo: target.caseNo }) : ''}
        okText={t('shipmentCancel.confirm')}
        cancelText={t('shipmentCancel.back')}
        okButtonProps={{ danger: true, 'data-testid': 'shipment-cancel-confirm' }}
        confirmLoading={isBusy}
        onOk={() => void confirm()}
        onCancel={() => {
          setError(null)
          props.onClose()
        }}
        destroyOnHidden
      >
        <Form layout="vertical" component="div">
          <Typography.Paragraph>{target?.waybillNo ? t('shipmentCancel.waybill', { waybillNo: target.waybillNo }) : t('shipmentCancel.noWaybill')}</Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t('shipmentCancel.hint')}</Typography.Paragraph>
          <ReasonField label={t('shipmentCancel.reason')} value={reason} error={error} testId="shipment-cancel-reason" onChange={setReason} onConfirm={() => void confirm()} />
        </Form>
      </Dialog>
    </>
  )
}
