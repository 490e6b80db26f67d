/**
 * Every barcode that reaches this window, from whatever is plugged in:
 * keyboard-wedge scanners (told from typing by ScanDetector, even inside a
 * text field) and serial scanners (pushed by main as `scanner.scanned`).
 * Camera scans come from CameraScanner and join the same routing.
 */
import { useEffect, useRef } from 'react'
import type { CommandOutput } from '../../main/contract'
import { call, useEvent } from '../bridge/client'
import { defaultScanDetectorSettings, ScanDetector } from './scanDetector'
import { insertIntoField, textFieldOf, type TextField } from './textFieldInsert'
import { useCommandState } from './useCommandState'

export type ScanSource = 'wedge' | 'serial' | 'camera'
export type ScannerSettings = CommandOutput<'scanner.settings'>

const { minLength, maxAvgGapMs, maxGapMs, prefix } = defaultScanDetectorSettings
/** The spec's thresholds (specs/idcard-reader.md §9): in force until the station's own arrive, or if they never do. */
const specDefaults: ScannerSettings = { mode: 'wedge', wedge: { minLength, maxAvgGapMs, maxGapMs, prefix } }

/** The station's scanner mode and wedge thresholds (station.json devices.scanner), loaded once. */
export function useScannerSettings(): ScannerSettings {
  // Not null while loading: a receipt scanned the moment the window opens must not land in a field.
  return useCommandState('scanner.settings', { initial: specDefaults, load: () => call('scanner.settings', {}) }).value
}

/**
 * Installs the wedge detector as a capture-phase keydown listener on window
 * (it sees keys before any field or screen does) and listens for serial
 * scans. `onScan` always gets the latest closure.
 */
export function useScanner(onScan: (text: string, source: ScanSource) => void): void {
  const settings = useScannerSettings()
  const onScanRef = useRef(onScan)
  onScanRef.current = onScan
  const settingsRef = useRef(settings)
  settingsRef.current = settings

  useEvent('scanner.scanned', (payload) => onScanRef.current(payload.text, 'serial'))

  // One listener for the window's lifetime: reinstalling it when the station's
  // settings arrive would cut a burst in two.
  useEffect(() => installWedgeListener(() => settingsRef.current, (text) => onScanRef.current(text, 'wedge')), [])
}

/** Chromium's `navigator.scheduling.isInputPending()`: true while input events wait to be handled. */
function isInputPending(): boolean {
  const scheduling = (navigator as Navigator & { scheduling?: { isInputPending?: () => boolean } }).scheduling
  return scheduling?.isInputPending?.() ?? false
}

/**
 * Keys of a possible scan typed into a text field are swallowed and, if they
 * prove to be typing, put back into that field. Outside text fields keys are
 * only watched (a screen's own shortcuts keep working); a detected scan's
 * terminator is swallowed everywhere so Enter does not also press a button.
 */
function installWedgeListener(currentSettings: () => ScannerSettings, onScan: (text: string) => void): () => void {
  let applied = currentSettings()
  let detector = new ScanDetector(applied.wedge)
  let timer: number | null = null
  /** Where the current burst's held keys go back to; null = the burst is only watched. */
  let burstField: TextField | null = null
  /** performance.now() when the last key reached us (not its timestamp). */
  let lastHandledAt = 0

  /** New thresholds take effect between bursts, never inside one. */
  const refreshSettings = (): void => {
    const latest = currentSettings()
    if (latest === applied || detector.isHolding) return
    applied = latest
    detector = new ScanDetector(latest.wedge)
  }

  const giveBack = (text: string): void => {
    if (text && burstField) insertIntoField(burstField, text)
  }
  /**
   * When the held burst stops being a possible scan. In the keys' own time that
   * is the last key + maxGapMs; but a busy main thread (a screen rendering)
   * hands us queued keys late, with their true, older timestamps — so also
   * wait maxGapMs after the last key we actually handled, or a backlog would
   * look like a pause and cut a scan in two.
   */
  const arm = (): void => {
    if (timer !== null) window.clearTimeout(timer)
    timer = null
    const deadline = detector.deadline()
    if (deadline === null) return
    const due = Math.max(deadline, lastHandledAt + detector.settings.maxGapMs)
    timer = window.setTimeout(onDeadline, Math.max(0, due - performance.now()) + 2)
  }
  const onDeadline = (): void => {
    timer = null
    if (isInputPending()) {
      timer = window.setTimeout(onDeadline, 1)
      return
    }
    giveBack(detector.flush(performance.now()))
    if (detector.isHolding) arm()
  }

  const onKeyDown = (event: KeyboardEvent): void => {
    refreshSettings()
    if (applied.mode === 'off') return
    lastHandledAt = performance.now()
    const wasHolding = detector.isHolding
    const verdict = detector.feed(event.key, event.timeStamp, {
      hasModifier: event.ctrlKey || event.altKey || event.metaKey,
      isRepeat: event.repeat,
      // keyCode 229: the IME owns this key (Chinese input) — Chrome still reports it during composition.
      isComposing: event.isComposing || event.keyCode === 229,
    })
    giveBack(verdict.replay)
    if (verdict.action === 'hold' && (!wasHolding || verdict.replay !== '')) {
      // A new burst starts with this key: its keys go back to the field it is typed in.
      burstField = textFieldOf(event.target)
    }
    if (verdict.action === 'scan') {
      event.preventDefault()
      event.stopPropagation()
      onScan(verdict.text ?? '')
    } else if (verdict.action === 'hold' && burstField) {
      event.preventDefault()
      event.stopPropagation()
    }
    arm()
  }
  // Focus moving mid-burst (a click, a dialog): the held keys belong to where they were typed.
  const onFocusChange = (): void => {
    if (detector.isHolding) giveBack(detector.giveUp())
    arm()
  }

  window.addEventListener('keydown', onKeyDown, { capture: true })
  window.addEventListener('focusin', onFocusChange, { capture: true })
  window.addEventListener('blur', onFocusChange)
  return () => {
    window.removeEventListener('keydown', onKeyDown, { capture: true })
    window.removeEventListener('focusin', onFocusChange, { capture: true })
    window.removeEventListener('blur', onFocusChange)
    if (timer !== null) window.clearTimeout(timer)
    giveBack(detector.giveUp())
  }
}
