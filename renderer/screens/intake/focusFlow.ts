/**
 * The intake form's focus order, read from the page itself: every stop carries
 * `data-flow` (and `data-field` naming the form field it edits), every section
 * `data-section`. Enter moves to the next stop, Esc back to the previous
 * section, an error focuses its field — all without a list to keep in sync
 * with what is currently shown (express fields, 容缺 dates come and go).
 */

const FOCUSABLE = 'input:not([type=hidden]):not([disabled]), textarea:not([disabled]), button:not([disabled]), [tabindex]:not([tabindex="-1"])'

function isVisible(el: HTMLElement): boolean {
  return el.getClientRects().length > 0
}

/** The element that takes the keyboard for a stop: itself, the checked radio, or its first focusable descendant. */
export function focusTarget(stop: HTMLElement): HTMLElement | null {
  if (stop.matches(FOCUSABLE)) return stop
  const checked = stop.querySelector<HTMLElement>('input[type=radio]:checked')
  return checked ?? stop.querySelector<HTMLElement>(FOCUSABLE)
}

export function flowStops(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>('[data-flow]')).filter((el) => isVisible(el) && focusTarget(el) !== null)
}

export function focusStop(stop: HTMLElement | undefined): boolean {
  const target = stop ? focusTarget(stop) : null
  if (!target) return false
  target.focus()
  if (target instanceof HTMLInputElement && target.type === 'text') target.select()
  return true
}

function stopOf(el: Element | null, root: HTMLElement): HTMLElement | null {
  const stop = el?.closest<HTMLElement>('[data-flow]') ?? null
  return stop && root.contains(stop) ? stop : null
}

/**
 * A stop marked `data-skip-filled` (the applicant's fields) that already
 * holds a value: what the card filled, or the clerk typed before. Enter
 * passes it by; Tab, Shift+Enter and a click still reach it.
 */
function isFilledSkippable(stop: HTMLElement): boolean {
  if (!stop.hasAttribute('data-skip-filled')) return false
  const target = focusTarget(stop)
  return target instanceof HTMLInputElement && target.value.trim() !== ''
}

/**
 * Enter: the next stop after the one holding `from` — going forward, the next
 * one still empty among the skippable ones; false when there is none (the
 * caller lets the key be).
 */
export function moveFlow(root: HTMLElement, from: Element | null, step: 1 | -1): boolean {
  const stops = flowStops(root)
  const current = stopOf(from, root)
  const index = current ? stops.indexOf(current) : -1
  if (index < 0) return false
  let next = index + step
  while (step === 1 && stops[next] && isFilledSkippable(stops[next] as HTMLElement)) next++
  return focusStop(stops[next])
}

export function focusSection(root: HTMLElement, section: string): boolean {
  const el = root.querySelector<HTMLElement>(`[data-section="${section}"]`)
  return el ? focusStop(flowStops(el)[0]) : false
}

/** Esc: the first stop of the section before the one holding `from`. */
export function focusPreviousSection(root: HTMLElement, from: Element | null): boolean {
  const sections = Array.from(root.querySelectorAll<HTMLElement>('[data-section]')).filter((s) => flowStops(s).length > 0)
  const current = from?.closest<HTMLElement>('[data-section]')
  const index = current ? sections.indexOf(current) : -1
  return index > 0 ? focusStop(flowStops(sections[index - 1] as HTMLElement)[0]) : false
}

/** Focuses the stop editing `field`, or the nearest one above it (`materials.x.promiseDate` → `materials.x`). */
export function focusField(root: HTMLElement, field: string): boolean {
  let path = field
  for (;;) {
    const stop = root.querySelector<HTMLElement>(`[data-field="${CSS.escape(path)}"]`)
    if (stop && focusStop(stop)) return true
    const cut = path.lastIndexOf('.')
    if (cut < 0) return false
    path = path.slice(0, cut)
  }
}

/** The checklist line holding focus, for Alt+R / Alt+C. */
export function currentMaterialId(from: Element | null): string | null {
  return from?.closest<HTMLElement>('[data-material]')?.dataset.material ?? null
}
