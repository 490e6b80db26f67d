/**
 * 寄递: the courier desk. One field takes every scan and typed number — a
 * receipt ships its case, a pre-printed waybill binds to the case waiting for
 * it — and the outcome shows big beneath it. Below: the open batch, what
 * waits for the carrier or a label, the exceptions and the parked outbox
 * rows. Alt+S the field, Alt+P reprint the label shown, Alt+H hand the batch
 * to the courier (ID card, signature, handover list), Esc drops the case in
 * hand. A receipt scanned on another screen of the courier profile arrives
 * here as `#/courier/<caseNo>` and ships the same way.
 */
import { Alert, Button, Flex, Input, Tag, Typography, message, type InputRef } from 'antd'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../bridge/client'
import { useClaimPrintPreviews } from '../components/PrintPreview'
import { ScreenFrame } from '../components/ScreenFrame'
import { isForPage } from '../hooks/dialogFocus'
import { useIdCard } from '../hooks/useIdCard'
import { useScanTarget, type ClassifiedScan } from '../hooks/scanTargets'
import { CancelShipmentDialog, type CancelTarget } from './courier/CancelShipmentDialog'
import { CloseBatchDialog, type CardNotice, type CloseResult } from './courier/CloseBatchDialog'
import { applyCourierCard, emptyCourier } from './courier/courierForm'
import { useDeskDraft } from './courier/deskDraft'
import { BatchTable, ExceptionsTable, PendingTable } from './courier/DeskTables'
import { DemoCarrierClock } from './courier/DemoCarrierClock'
import { ParkedRows } from './courier/ParkedRows'
import { entryLabel, ShipOutcome } from './courier/ShipOutcome'
import { useDeskState } from './courier/useDeskState'
import { useShipFlow } from './courier/useShipFlow'
import type { ShipmentView } from '../../main/contract/dispatch'
import type { PrintJobView as PrintJob } from '../../main/contract/printing'
import './courier/courier.css'

export function CourierScreen({ caseNo }: { caseNo?: string }): React.JSX.Element {
  const { t } = useTranslation()
  const { t: tc } = useTranslation('courier')
  const state = useDeskState()
  const flow = useShipFlow(state.desk)
  const [entry, setEntry] = useDeskDraft('entry')
  const [courier, setCourier] = useDeskDraft('courier')
  const [strokes, setStrokes] = useDeskDraft('strokes')
  const [isClosing, setClosing] = useState(false)
  const [closeResult, setCloseResult] = useState<CloseResult | null>(null)
  const [cardNotice, setCardNotice] = useState<CardNotice | null>(null)
  const [reprinting, setReprinting] = useState<number | null>(null)
  const [cancelTarget, setCancelTarget] = useState<CancelTarget | null>(null)
  const [messageApi, messages] = message.useMessage()
  const fieldRef = useRef<InputRef | null>(null)
  const batch = state.desk?.openBatch ?? null
  const batchSize = batch?.items.length ?? 0
  const closingRef = useRef(isClosing)
  closingRef.current = isClosing
  const phaseRef = useRef(flow.phase)
  phaseRef.current = flow.phase

  // The desk shows the label of the parcel in hand and the handover list itself: no second preview over it.
  const claimsPreview = useCallback((job: PrintJob): boolean => {
    if (job.kind === 'handoverList') return closingRef.current
    if (job.kind !== 'waybillLabel') return false
    const phase = phaseRef.current
    const inHand = phase.kind === 'shipped' ? phase.shipment.caseNo : phase.kind === 'working' ? phase.caseNo : null
    return inHand !== null && inHand === job.caseNo
  }, [])
  useClaimPrintPreviews(claimsPreview)

  const enterTyped = async (): Promise<void> => {
    const text = entry.trim()
    if (text === '') return
    let scan: ClassifiedScan
    try {
      scan = await call('scan.classify', { text: text.slice(0, 256) })
    } catch {
      // Main could not say what it is: let the desk's own commands say what is wrong with it.
      scan = { kind: 'unknown' as const, text }
    }
    const after = await flow.enter(scan)
    // Done with: ready for the next parcel. Refused or failed: the number stays, selected, to correct or replace.
    if (after.kind === 'shipped' || (after.kind === 'awaitingWaybill' && after.problem === null)) setEntry('')
    else fieldRef.current?.focus({ cursor: 'all' })
  }

  const reprint = useCallback(
    async (shipment: ShipmentView): Promise<void> => {
      setReprinting(shipment.id)
      try {
        const again = await call('dispatch.reprintLabel', { shipmentId: shipment.id })
        void messageApi.success({ content: tc('outcome.reprinted', { waybillNo: again.waybillNo ?? '' }), key: 'reprint' })
      } catch (err) {
        void messageApi.error({ content: err instanceof Error ? err.message : String(err), key: 'reprint' })
      } finally {
        setReprinting(null)
      }
    },
    [messageApi, tc],
  )

  const openClose = useCallback((): boolean => {
    if (batchSize === 0) {
      void messageApi.warning({ content: tc('nothingToHandOver'), key: 'handover' })
      return false
    }
    setCloseResult(null)
    setClosing(true)
    return true
  }, [batchSize, messageApi, tc])

  // A receipt or waybill scanned anywhere while this screen is up (wedge, serial, camera).
  useScanTarget(['case', 'waybill'], (scan) => {
    if (closingRef.current) {
      // The courier is signing for what the dialog shows: nothing joins the batch under their pen.
      void messageApi.warning({ content: tc('outcome.handoverOpen'), key: 'scan' })
      return true
    }
    // A waybill with no case in hand (or on its way) is not ours: the routing says so.
    if (scan.kind === 'waybill' && flow.phase.kind !== 'awaitingWaybill' && !flow.isBusy) return false
    void flow.enter(scan)
    return true
  })

  // Scanned on another screen of the courier profile: the route brings the case here once.
  const routed = useRef<string | null>(null)
  const { enter } = flow
  useEffect(() => {
    if (!caseNo || routed.current === caseNo) return
    routed.current = caseNo
    void enter({ kind: 'case', caseNo, exists: true, state: null })
    // Replaced, not pushed: Back must not ship it again.
    window.location.replace('#/courier')
  }, [caseNo, enter])

  useIdCard((tap) => {
    const outcome = applyCourierCard(tap, courier)
    setCourier(outcome.draft)
    if (outcome.kind === 'refused') setCardNotice({ type: 'error', text: tc('close.cardRefused', { reason: outcome.reason }) })
    else if (outcome.isExpired) setCardNotice({ type: 'warning', text: tc('close.cardExpired', { name: outcome.holder, date: tap.card.validTo }) })
    else setCardNotice({ type: 'success', text: tc('close.cardRead', { name: outcome.holder }) })
    // The courier tapping their card at the desk is the start of the handover.
    if (!closingRef.current) openClose()
  })

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!e.altKey || e.ctrlKey || e.metaKey || !isForPage(e)) return
      if (e.code === 'KeyS') {
        e.preventDefault()
        fieldRef.current?.focus({ cursor: 'all' })
      } else if (e.code === 'KeyH') {
        e.preventDefault()
        openClose()
      } else if (e.code === 'KeyP') {
        e.preventDefault()
        if (flow.phase.kind === 'shipped' && flow.phase.shipment.waybillNo !== null) void reprint(flow.phase.shipment)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [flow.phase, openClose, reprint])

  const onClosed = (result: CloseResult): void => {
    setCloseResult(result)
    // The next batch starts with nobody identified and a blank pad.
    setCourier(emptyCourier)
    setStrokes([])
    setCardNotice(null)
    state.reload()
  }

  const carrier = state.desk?.carrier
  return (
    <ScreenFrame title={t('screens.courier')} testId="courier">
      {messages}
      <Flex gap={8} align="center" wrap className="desk-head">
        {carrier ? (
          <Tag color="blue" data-testid="desk-carrier" data-kind={carrier.kind}>
            {tc('carrier', { name: carrier.name })} · {tc(`carrierKind.${carrier.kind}`)}
          </Tag>
        ) : null}
        <Typography.Text type="secondary">{tc('keys')}</Typography.Text>
        <DemoCarrierClock isEmulated={carrier?.isEmulated ?? false} />
      </Flex>
      {state.error ? <Alert type="error" showIcon title={state.error} style={{ marginBottom: 12 }} /> : null}
      <div className="desk-entry">
        <label htmlFor="desk-entry" className="desk-entry-label">
          {entryLabel(flow.phase, tc)}
        </label>
        <Flex gap={8}>
          <Input
            id="desk-entry"
            ref={fieldRef}
            size="large"
            autoFocus
            autoComplete="off"
            maxLength={256}
            value={entry}
            placeholder={tc(flow.phase.kind === 'awaitingWaybill' ? 'entry.waybillPlaceholder' : 'entry.placeholder')}
            data-testid="desk-entry"
            data-phase={flow.phase.kind}
            onChange={(e) => setEntry(e.target.value)}
            onPressEnter={(e) => {
              e.preventDefault()
              void enterTyped()
            }}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && flow.phase.kind !== 'idle') {
                e.preventDefault()
                flow.reset()
              }
            }}
          />
          <Button size="large" type="primary" loading={flow.isBusy} onClick={() => void enterTyped()}>
            {tc('entry.go')}
          </Button>
          <Button size="large" onClick={openClose} disabled={batchSize === 0} data-testid="close-batch-open">
            {tc('closeBatch')}
          </Button>
        </Flex>
      </div>
      <ShipOutcome phase={flow.phase} labelJobOf={flow.labelJobOf} />
      <div className="desk-lists">
        <BatchTable batch={batch} onCancel={setCancelTarget} />
        <Flex vertical gap={12}>
          <PendingTable pending={state.desk?.pending ?? []} onReprint={(s) => void reprint(s)} onCancel={setCancelTarget} busyId={reprinting} />
          <ExceptionsTable exceptions={state.desk?.exceptions ?? []} />
          <ParkedRows rows={state.parked} />
        </Flex>
      </div>
      <CancelShipmentDialog target={cancelTarget} onClose={() => setCancelTarget(null)} />
      <CloseBatchDialog
        open={isClosing}
        batch={batch}
        carrierName={carrier?.name ?? ''}
        draft={courier}
        onDraft={setCourier}
        strokes={strokes}
        onStrokes={setStrokes}
        cardNotice={cardNotice}
        result={closeResult}
        onClosed={onClosed}
        // The result stays until the next opening: the dialog shows it while it fades out.
        onCancel={() => setClosing(false)}
      />
    </ScreenFrame>
  )
}
