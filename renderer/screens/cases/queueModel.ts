/**
 * The Cases screen's filters as the clerk sets them, turned into what
 * `cases.list` takes, and the few readings of a row the screen shows (days
 * left, which light). Pure and unit tested.
 */
import type { CommandInput, CommandOutput } from '../../../main/contract'

type ListInput = CommandInput<'cases.list'>
export type QueueFilters = NonNullable<ListInput['filters']>
export type QueueSort = NonNullable<ListInput['sort']>
export type CaseRow = CommandOutput<'cases.list'>['rows'][number]
export type CaseDetail = CommandOutput<'cases.get'>
export type CaseState = CaseRow['state']
export type CaseAction = CaseDetail['allowedActions'][number]['action']
export type QueueLight = NonNullable<QueueFilters['light']>

export interface QueueFilterState {
  text: string
  states: CaseState[]
  itemCode: string | null
  light: QueueLight | null
  acceptedFrom: string | null
  acceptedTo: string | null
  sort: QueueSort
}

export const emptyFilters: QueueFilterState = { text: '', states: [], itemCode: null, light: null, acceptedFrom: null, acceptedTo: null, sort: 'newest' }

/**
 * Only what is set: an empty filter is no filter, and the wire stays small.
 * `scope` is what the screen fixes whatever the clerk sets (the 代办 screen: 代办 cases, or one branch's).
 */
export function toListFilters(f: QueueFilterState, scope: QueueFilters = {}): QueueFilters {
  const out: QueueFilters = {}
  const text = f.text.trim()
  if (text !== '') out.text = text
  if (f.states.length > 0) out.states = f.states
  if (f.itemCode) out.itemCode = f.itemCode
  if (f.light) out.light = f.light
  if (f.acceptedFrom) out.acceptedFrom = f.acceptedFrom
  if (f.acceptedTo) out.acceptedTo = f.acceptedTo
  return { ...out, ...scope }
}

export function isFiltered(f: QueueFilterState): boolean {
  return Object.keys(toListFilters(f)).length > 0
}

/** What the deadline column says: a running clock counts working days; a paused or stopped one says so. */
export type DaysLeft = { kind: 'left' | 'overdue'; count: number } | { kind: 'today' | 'paused' | 'stopped' }

export function daysLeftOf(row: Pick<CaseRow, 'clock' | 'workingDaysLeft'>): DaysLeft | null {
  if (row.clock === 'paused') return { kind: 'paused' }
  if (row.clock === 'stopped') return { kind: 'stopped' }
  const left = row.workingDaysLeft
  if (left === null) return null
  if (left === 0) return { kind: 'today' }
  return left > 0 ? { kind: 'left', count: left } : { kind: 'overdue', count: -left }
}

/** The light a row shows: the clock's colour, or grey while 补正 stops it. */
export function rowLight(row: Pick<CaseRow, 'light' | 'clock'>): QueueLight | null {
  if (row.clock === 'paused') return 'paused'
  return row.light
}

/** The search text names exactly this case: Enter opens it without a detour through the list. */
export function exactCaseMatch(text: string, rows: readonly CaseRow[]): CaseRow | undefined {
  const wanted = text.replace(/\s+/g, '').toUpperCase()
  if (wanted === '') return undefined
  return rows.find((r) => r.caseNo.toUpperCase() === wanted)
}

/** The list with one row replaced by a fresh read of it. */
export function patchRow(rows: readonly CaseRow[], fresh: CaseRow): CaseRow[] {
  return rows.map((r) => (r.caseNo === fresh.caseNo ? fresh : r))
}

/** Where the active row goes on a key; null when the key is not a list move. */
export function movedIndex(key: string, index: number, count: number, pageSize: number): number | null {
  if (count === 0) return null
  const clamp = (i: number): number => Math.max(0, Math.min(count - 1, i))
  switch (key) {
    case 'ArrowDown':
      return clamp(index + 1)
    case 'ArrowUp':
      return clamp(index - 1)
    case 'PageDown':
      return clamp(index + pageSize)
    case 'PageUp':
      return clamp(index - pageSize)
    case 'Home':
      return 0
    case 'End':
      return count - 1
    default:
      return null
  }
}

/**
 * Whether the shown case page already has this change: the page that made a
 * transition shows its answer, so the `case.changed` push for it needs no
 * second `cases.get`; a change made elsewhere is not in the timeline yet.
 */
export function detailHasChange(detail: CaseDetail | null, change: { caseNo: string; at: string; action: string }): boolean {
  return detail !== null && detail.caseNo === change.caseNo && detail.timeline.some((e) => e.at === change.at && e.action === change.action)
}
