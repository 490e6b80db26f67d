/**
 * The 统计 screen's keys: ←/→ the previous or next period, T today, D/W/M
 * day, week or month, R load again, E export CSV, P the daily sheet, F the
 * 差评整改 tab. Plain keys, so never while the supervisor types (the date
 * field); a control that moves by arrows (a tab strip, the 日/周/月 switch)
 * keeps its arrows but not the letters. Alt+number stays the window's.
 *
 * Written against the few DOM members it reads, so a unit test can drive it.
 */

export type ReportKeyAction = 'previous' | 'next' | 'today' | 'day' | 'week' | 'month' | 'refresh' | 'csv' | 'print' | 'followUps'

export interface KeyTarget {
  readonly tagName?: string
  readonly isContentEditable?: boolean
  closest?(selectors: string): unknown
}

export interface ReportKeyEvent {
  key: string
  code: string
  altKey: boolean
  ctrlKey: boolean
  metaKey: boolean
  repeat: boolean
  defaultPrevented: boolean
  target: KeyTarget | EventTarget | null
}

/** Fields that take typing: no letter or arrow is the report's there. */
const TYPING = 'input:not([type="radio"]):not([type="checkbox"]), textarea, select, [contenteditable="true"], .ant-picker-dropdown'
/** Controls that move by arrows themselves (antd Tabs, Segmented, a list): their letters stay the report's, their arrows are theirs. */
const ARROWS = `${TYPING}, [role="tablist"], [role="radiogroup"], [role="listbox"], [role="combobox"], input[type="radio"]`

function isWithin(target: ReportKeyEvent['target'], selectors: string): boolean {
  if (target === null || typeof target !== 'object') return false
  const element = target as KeyTarget
  if (element.isContentEditable) return true
  if (typeof element.closest !== 'function') return false
  return element.closest(selectors) !== null
}

const byCode: Readonly<Record<string, ReportKeyAction>> = {
  KeyT: 'today',
  KeyD: 'day',
  KeyW: 'week',
  KeyM: 'month',
  KeyR: 'refresh',
  KeyE: 'csv',
  KeyP: 'print',
  KeyF: 'followUps',
}

/** The action a key asks for on the report, or null when the key is someone else's. */
export function reportKeyAction(event: ReportKeyEvent): ReportKeyAction | null {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return null
  // A held key would ask the worker for a report per repeat; one press, one period.
  if (event.repeat) return null
  if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
    if (isWithin(event.target, ARROWS)) return null
    return event.key === 'ArrowLeft' ? 'previous' : 'next'
  }
  const action = byCode[event.code]
  return action === undefined || isWithin(event.target, TYPING) ? null : action
}
