/**
 * Which screen takes a scan. A screen registers for the kinds it can use
 * while it is mounted (intake: 'uscc' fills the enterprise field; the courier
 * desk: 'waybill' binds to the case in hand, 'case' puts a case on the desk);
 * the newest registration that accepts a kind gets it. When nobody takes it,
 * useScanRouting falls back (a case number opens the case).
 */
import { useEffect, useRef } from 'react'
import type { CommandOutput } from '../../main/contract'
import type { ScanSource } from './useScanner'

export type ClassifiedScan = CommandOutput<'scan.classify'>
export type ScanKind = ClassifiedScan['kind']

/** The classified scan narrowed to one kind, so a handler gets `uscc`, `waybillNo`… typed. */
export type ScanOf<K extends ScanKind> = Extract<ClassifiedScan, { kind: K }>

interface ScanTarget {
  kinds: readonly ScanKind[]
  /** Return false to decline this one (e.g. no case in hand yet): the next target or the fallback gets it. */
  handle(scan: ClassifiedScan, source: ScanSource): boolean | void
}

const targets: ScanTarget[] = []

export function registerScanTarget(target: ScanTarget): () => void {
  targets.push(target)
  return () => {
    const index = targets.indexOf(target)
    if (index >= 0) targets.splice(index, 1)
  }
}

/** Offers the scan to the registered screens, newest first; true when one took it. */
export function dispatchScan(scan: ClassifiedScan, source: ScanSource): boolean {
  for (let i = targets.length - 1; i >= 0; i--) {
    const target = targets[i]!
    if (!target.kinds.includes(scan.kind)) continue
    if (target.handle(scan, source) !== false) return true
  }
  return false
}

/**
 * A screen takes scans of these kinds while mounted:
 * `useScanTarget(['uscc'], (scan) => form.setFieldValue('uscc', scan.uscc))`.
 */
export function useScanTarget<K extends ScanKind>(kinds: readonly K[], handler: (scan: ScanOf<K>, source: ScanSource) => boolean | void): void {
  const handlerRef = useRef(handler)
  handlerRef.current = handler
  const key = kinds.join(',')
  useEffect(() => {
    const accepted = key.split(',') as K[]
    return registerScanTarget({
      kinds: accepted,
      handle: (scan, source) => handlerRef.current(scan as ScanOf<K>, source),
    })
  }, [key])
}
