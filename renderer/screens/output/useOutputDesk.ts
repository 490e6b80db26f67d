/**
 * The output window's state: who is at the counter, their cases waiting
 * here, the case in hand with main's verdict on the collector, the
 * certificate number, and the handover's outcome. Every answer from main
 * that arrives after a newer question (a second tap, another case) is dropped.
 */
import { useCallback, useRef, useState } from 'react'
import type { CommandOutput } from '../../../main/contract'
import type { CaseDetailView } from '../../../main/contract/cases'
import type { OutputCaseView } from '../../../main/contract/output'
import { call, CommandError } from '../../bridge/client'
import type { Collector } from './outputDesk'

export type FoundCase = CommandOutput<'output.findByCard'>['rows'][number]
export type Verdict = CommandOutput<'output.verifyCollector'>

export interface Notice {
  type: 'success' | 'info' | 'warning' | 'error'
  text: string
}

export interface DeskError {
  field: 'certificateNo' | 'signature' | 'caseNo' | 'idNumber' | 'general'
  message: string
}

export interface Collected {
  detail: CaseDetailView
  collector: Collector
  role: NonNullable<Verdict['role']>
}

const fieldOf = (field: string | undefined): DeskError['field'] =>
  field === 'certificateNo' || field === 'signature' || field === 'caseNo' || field === 'idNumber' ? field : 'general'

export function deskErrorOf(err: unknown): DeskError {
  return { field: err instanceof CommandError ? fieldOf(err.field) : 'general', message: err instanceof Error ? err.message : String(err) }
}

export interface OutputDesk {
  collector: Collector | null
  found: FoundCase[] | null
  view: OutputCaseView | null
  verdict: Verdict | null
  certificateNo: string
  setCertificateNo(value: string): void
  isBusy: boolean
  error: DeskError | null
  setError(error: DeskError | null): void
  collected: Collected | null
  /** A collector from a tap or typed: their cases are looked up, the first one taken in hand. Resolves true when a case is in hand. */
  takeCollector(collector: Collector): Promise<boolean>
  /** A scanned receipt or typed number: the case in hand, checked against the collector if there is one. */
  open(caseNo: string): Promise<boolean>
  select(view: OutputCaseView): Promise<void>
  collect(signature: string): Promise<boolean>
  /** After an agent was named: the case again, and the collector checked again. */
  refresh(view: OutputCaseView): Promise<void>
  reset(): void
}

export function useOutputDesk(): OutputDesk {
  const [collector, setCollector] = useState<Collector | null>(null)
  const [found, setFound] = useState<FoundCase[] | null>(null)
  const [view, setView] = useState<OutputCaseView | null>(null)
  const [verdict, setVerdict] = useState<Verdict | null>(null)
  const [certificateNo, setCertificateNo] = useState('')
  const [isBusy, setBusy] = useState(false)
  const [error, setError] = useState<DeskError | null>(null)
  const [collected, setCollected] = useState<Collected | null>(null)
  const request = useRef(0)
  const collectorRef = useRef<Collector | null>(null)
  // The case in hand and not yet handed over, and how it came: a tap after a receipt was scanned (or its number
  // typed) checks the person against that case; a case that came with the previous person's tap goes with them.
  const inHandRef = useRef<{ view: OutputCaseView; from: 'card' | 'entry' } | null>(null)

  const verify = useCallback(async (caseView: OutputCaseView, who: Collector | null, asked: number): Promise<void> => {
    if (who === null || caseView.state !== 'ready') return
    try {
      const answer = await call('output.verifyCollector', { caseNo: caseView.caseNo, idNumber: who.idNumber })
      if (asked === request.current) setVerdict(answer)
    } catch (err) {
      if (asked === request.current) setError(deskErrorOf(err))
    }
  }, [])

  const hold = useCallback(
    async (caseView: OutputCaseView, who: Collector | null, asked: number, from: 'card' | 'entry'): Promise<void> => {
      inHandRef.current = { view: caseView, from }
      setView(caseView)
      setVerdict(null)
      setCollected(null)
      setError(null)
      setCertificateNo(caseView.certificate?.number ?? '')
      await verify(caseView, who, asked)
    },
    [verify],
  )

  const takeCollector = useCallback(
    async (who: Collector): Promise<boolean> => {
      const asked = ++request.current
      collectorRef.current = who
      setCollector(who)
      setCollected(null)
      setError(null)
      setBusy(true)
      try {
        const { rows } = await call('output.findByCard', { idNumber: who.idNumber })
        if (asked !== request.current) return false
        setFound(rows)
        const inHand = inHandRef.current
        if (inHand !== null && inHand.from === 'entry') {
          // Checked against the case whose receipt was scanned first; theirs stay listed to switch to.
          setVerdict(null)
          await verify(inHand.view, who, asked)
          return true
        }
        const first = rows[0]
        if (first) {
          await hold(first, who, asked, 'card')
          return true
        }
        inHandRef.current = null
        setView(null)
        setVerdict(null)
        return false
      } catch (err) {
        if (asked === request.current) setError(deskErrorOf(err))
        return false
      } finally {
        if (asked === request.current) setBusy(false)
      }
    },
    [hold, verify],
  )

  const open = useCallback(
    async (caseNo: string): Promise<boolean> => {
      const asked = ++request.current
      setBusy(true)
      try {
        const caseView = await call('output.case', { caseNo })
        if (asked !== request.current) return false
        await hold(caseView, collectorRef.current, asked, 'entry')
        return true
      } catch (err) {
        if (asked === request.current) setError(deskErrorOf(err))
        return false
      } finally {
        if (asked === request.current) setBusy(false)
      }
    },
    [hold],
  )

  const select = useCallback((caseView: OutputCaseView) => hold(caseView, collectorRef.current, ++request.current, 'card'), [hold])

  const refresh = useCallback(
    async (caseView: OutputCaseView): Promise<void> => {
      const asked = ++request.current
      inHandRef.current = { view: caseView, from: inHandRef.current?.from ?? 'entry' }
      setView(caseView)
      setVerdict(null)
      await verify(caseView, collectorRef.current, asked)
    },
    [verify],
  )

  const collect = useCallback(
    async (signature: string): Promise<boolean> => {
      const who = collectorRef.current
      if (view === null || who === null || verdict?.role == null) return false
      const asked = ++request.current
      setBusy(true)
      setError(null)
      try {
        const detail = await call('output.collect', { caseNo: view.caseNo, idNumber: who.idNumber, name: who.name, certificateNo, signature })
        if (asked !== request.current) return false
        // Handed over: the next tap starts afresh.
        inHandRef.current = null
        setCollected({ detail, collector: who, role: verdict.role })
        setFound((rows) => rows?.filter((r) => r.caseNo !== view.caseNo) ?? null)
        return true
      } catch (err) {
        if (asked === request.current) setError(deskErrorOf(err))
        return false
      } finally {
        if (asked === request.current) setBusy(false)
      }
    },
    [certificateNo, verdict, view],
  )

  const reset = useCallback(() => {
    request.current++
    collectorRef.current = null
    inHandRef.current = null
    setCollector(null)
    setFound(null)
    setView(null)
    setVerdict(null)
    setCertificateNo('')
    setBusy(false)
    setError(null)
    setCollected(null)
  }, [])

  return { collector, found, view, verdict, certificateNo, setCertificateNo, isBusy, error, setError, collected, takeCollector, open, select, collect, refresh, reset }
}
