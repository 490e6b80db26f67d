/**
 * 统一窗口出件: the output window. The collector taps their ID card: their
 * results waiting here are listed and the first is in hand, checked by main
 * (applicant, the enterprise's handler, or the agent named with a letter),
 * the certificate number recorded at approval shown in its field. Enter
 * confirms it (or a scan of the certificate replaces it), the collector signs,
 * Ctrl+Enter hands over: the case collected, the output receipt on screen.
 * A receipt scanned or a number typed (Alt+S) takes that case in hand; Alt+I
 * types the collector when the reader is out; Alt+W names an agent; Esc
 * clears the window for the next person. A refusal shows big, with who may
 * collect. A case scanned on another screen of the output profile arrives
 * here as `#/output/<caseNo>`.
 */
import { Alert, Flex, Typography, type InputRef } from 'antd'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { PointGroup } from 'signature_pad'
import { useTranslation } from 'react-i18next'
import type { EventPayload } from '../../main/contract'
import { useClaimPrintPreviews } from '../components/PrintPreview'
import { DemoCardTap } from '../components/DemoCardTap'
import { ScreenFrame } from '../components/ScreenFrame'
import { isForPage } from '../hooks/dialogFocus'
import { useIdCard } from '../hooks/useIdCard'
import { useScanTarget } from '../hooks/scanTargets'
import type { SignatureHandle } from './courier/SignatureCanvas'
import { AgentDialog } from './output/AgentDialog'
import { CollectedResult } from './output/CollectedResult'
import { CollectorBar, type CollectorBarHandle } from './output/CollectorBar'
import { FoundList } from './output/FoundList'
import { HandoverPanel } from './output/HandoverPanel'
import { collectorFromTap, handoverProblem } from './output/outputDesk'
import { useOutputDesk, type Notice } from './output/useOutputDesk'
import './output/output.css'

export function OutputScreen({ caseNo }: { caseNo?: string }): React.JSX.Element {
  const { t } = useTranslation()
  const { t: to } = useTranslation('output')
  const desk = useOutputDesk()
  const [notice, setNotice] = useState<Notice | null>(null)
  const [strokes, setStrokes] = useState<PointGroup[]>([])
  const [isNamingAgent, setNamingAgent] = useState(false)
  const barRef = useRef<CollectorBarHandle | null>(null)
  const certificateRef = useRef<InputRef | null>(null)
  const signatureBoxRef = useRef<HTMLDivElement | null>(null)
  const signatureRef = useRef<SignatureHandle | null>(null)
  // Set when a case came into hand: the certificate field takes focus once it is on screen.
  const [wantsCertificateFocus, setWantsCertificateFocus] = useState(false)

  const { view, verdict, collected } = desk
  useEffect(() => {
    if (!wantsCertificateFocus || view === null || verdict === null) return
    setWantsCertificateFocus(false)
    if (verdict.allowed) certificateRef.current?.focus({ cursor: 'end' })
  }, [wantsCertificateFocus, view, verdict])

  // The receipt shows in the result, not in the print host's dialog over the next person's tap. Claimed for
  // the case in hand: its job can finish on screen before the handover's answer reaches this window.
  const inHand = view?.caseNo ?? null
  const claimsPreview = useCallback((job: EventPayload<'print.job'>): boolean => job.kind === 'outputReceipt' && job.caseNo === inHand, [inHand])
  useClaimPrintPreviews(claimsPreview)

  const newCase = (): void => {
    setStrokes([])
    setWantsCertificateFocus(true)
  }

  useIdCard((tap) => {
    const outcome = collectorFromTap(tap)
    if (outcome.kind === 'refused') {
      setNotice({ type: 'error', text: to('collector.refusedCard', { reason: outcome.reason }) })
      return
    }
    const who = outcome.collector
    setNotice(outcome.expiredOn ? { type: 'warning', text: to('collector.expired', { date: outcome.expiredOn }) } : null)
    newCase()
    void desk.takeCollector(who)
  })

  const open = useCallback(
    (number: string): void => {
      setStrokes([])
      setWantsCertificateFocus(true)
      void desk.open(number)
    },
    [desk],
  )

  // A receipt scanned while this screen is up (wedge, serial, camera) takes its case in hand.
  useScanTarget(['case'], (scan) => {
    if (!scan.exists) return false
    open(scan.caseNo)
    return true
  })
  // A certificate's own barcode (a 营业执照 carries its credit code) fills the number to check.
  useScanTarget(['uscc', 'unknown'], (scan) => {
    if (view === null || verdict?.allowed !== true || collected !== null) return false
    desk.setCertificateNo(scan.kind === 'uscc' ? scan.uscc : scan.text)
    signatureBoxRef.current?.focus()
    return true
  })

  // Scanned on another screen of the output profile: the route brings the case here once.
  const routed = useRef<string | null>(null)
  useEffect(() => {
    if (!caseNo || routed.current === caseNo) return
    routed.current = caseNo
    open(caseNo)
    // Replaced, not pushed: Back must not open it again.
    window.location.replace('#/output')
  }, [caseNo, open])

  const collect = useCallback(async (): Promise<void> => {
    if (desk.isBusy || collected !== null) return
    const png = signatureRef.current?.toPng() ?? null
    const problem = handoverProblem({ view, collector: desk.collector, isAllowed: verdict?.allowed ?? null, certificateNo: desk.certificateNo, hasSignature: png !== null })
    if (problem === 'signatureMissing') {
      desk.setError({ field: 'signature', message: to('signature.missing') })
      signatureBoxRef.current?.focus()
      return
    }
    if (problem === 'certificateMissing') {
      certificateRef.current?.focus()
    }
    if (problem !== null || png === null) return
    await desk.collect(png)
  }, [collected, desk, to, verdict, view])

  const next = useCallback((): void => {
    desk.reset()
    setStrokes([])
    setNotice(null)
    setNamingAgent(false)
    barRef.current?.focusEntry()
  }, [desk])

  const keysRef = useRef({ collect, next, canNameAgent: false })
  keysRef.current = { collect, next, canNameAgent: view !== null && view.state === 'ready' && collected === null }
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!isForPage(e)) return
      const keys = keysRef.current
      if (e.key === 'Enter' && e.ctrlKey && !e.altKey) {
        e.preventDefault()
        void keys.collect()
      } else if (e.key === 'Escape' && !e.ctrlKey && !e.altKey) {
        e.preventDefault()
        keys.next()
      } else if (e.altKey && !e.ctrlKey && !e.metaKey) {
        if (e.code === 'KeyS') {
          e.preventDefault()
          barRef.current?.focusEntry()
        } else if (e.code === 'KeyI') {
          e.preventDefault()
          barRef.current?.focusTyped()
        } else if (e.code === 'KeyW' && keys.canNameAgent) {
          e.preventDefault()
          setNamingAgent(true)
        }
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const found = desk.found
  return (
    <ScreenFrame title={t('screens.output')} testId="output">
      <Typography.Paragraph type="secondary" className="output-keys">
        {to('keys')}
      </Typography.Paragraph>
      <DemoCardTap />
      <CollectorBar
        ref={barRef}
        collector={desk.collector}
        onTyped={(who) => {
          setNotice(null)
          newCase()
          void desk.takeCollector(who)
        }}
        onCaseNo={open}
        isBusy={desk.isBusy}
        entryError={desk.error?.field === 'caseNo' ? desk.error.message : null}
        idError={desk.error?.field === 'idNumber' && view === null ? desk.error.message : null}
      />
      {notice ? <Alert type={notice.type} showIcon title={notice.text} className="output-notice" data-testid="output-card-notice" /> : null}
      {desk.collector && found !== null && collected === null ? (
        found.length === 0 ? (
          <Alert type="info" showIcon className="output-notice" data-testid="output-found-none" title={to('collector.foundNone', { name: desk.collector.name })} />
        ) : (
          <FoundList rows={found} selected={view?.caseNo ?? null} collectorName={desk.collector.name} onSelect={(row) => void desk.select(row)} />
        )
      ) : null}
      {collected ? (
        <CollectedResult collected={collected} onNext={next} />
      ) : view ? (
        <HandoverPanel
          view={view}
          verdict={verdict}
          hasCollector={desk.collector !== null}
          certificateNo={desk.certificateNo}
          onCertificateNo={(value) => {
            desk.setCertificateNo(value)
            if (desk.error?.field === 'certificateNo') desk.setError(null)
          }}
          onCertificateConfirmed={() => signatureBoxRef.current?.focus()}
          certificateRef={certificateRef}
          signatureBoxRef={signatureBoxRef}
          signatureRef={signatureRef}
          strokes={strokes}
          onStrokes={(next) => {
            setStrokes(next)
            if (desk.error?.field === 'signature') desk.setError(null)
          }}
          error={desk.error}
          isBusy={desk.isBusy}
          onCollect={() => void collect()}
          onNameAgent={() => setNamingAgent(true)}
        />
      ) : (
        <Flex className="output-empty">
          <Typography.Text type="secondary">{to('noCase')}</Typography.Text>
        </Flex>
      )}
      {view && !collected ? (
        <AgentDialog
          open={isNamingAgent}
          view={view}
          collector={desk.collector}
          onCancel={() => setNamingAgent(false)}
          onNamed={(named) => {
            setNamingAgent(false)
            setNotice({ type: 'success', text: to('agent.recorded', { name: named.agent?.name ?? '' }) })
            setWantsCertificateFocus(true)
            void desk.refresh(named)
          }}
        />
      ) : null}
    </ScreenFrame>
  )
}
