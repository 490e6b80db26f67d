/**
 * The keyboard around a dialog: where focus goes back to when it closes, and
 * whether a key pressed somewhere belongs to a dialog that is still open.
 *
 * antd's own return (`focusTriggerAfterClose`) is not enough: it notes the
 * trigger in an effect, after a field with `autoFocus` has already taken
 * focus (so it never knows the trigger), and it acts only once the closing
 * animation ends. Until then the keys land in a dialog that is on its way
 * out, and the page's shortcuts ignore them.
 *
 * Written against the few DOM members it uses, so a unit test can drive it.
 */

/** On a dialog's root (`.ant-modal-root`): "true" while open, "false" from the moment it closes (its animation out included). */
export const DIALOG_OPEN_ATTRIBUTE = 'data-dialog-open'
/** On the screen's region (ScreenFrame): takes focus when the element that had it before the dialog is gone. */
export const FOCUS_HOME_ATTRIBUTE = 'data-focus-home'

const DIALOG_ROOT = '.ant-modal-root'

export interface FocusElement {
  readonly isConnected: boolean
  closest(selectors: string): FocusElement | null
  getAttribute(name: string): string | null
  /** Chromium's: false when the element or an ancestor is not rendered (display: none). */
  checkVisibility?(): boolean
  /** A button or field that has been disabled since. */
  readonly disabled?: boolean
  focus?(options?: { preventScroll?: boolean }): void
  blur?(): void
}

export interface FocusDocument {
  readonly activeElement: FocusElement | null
  readonly body: unknown
  querySelector(selectors: string): FocusElement | null
}

function isElement(value: unknown): value is FocusElement {
  return typeof value === 'object' && value !== null && typeof (value as { closest?: unknown }).closest === 'function'
}

const isRendered = (element: FocusElement): boolean => element.checkVisibility?.() ?? true

/**
 * Whether a key aimed at `target` belongs to an open dialog. A dialog that is
 * closing, or hidden but kept in the page, owns no keys: they are the page's.
 */
export function isInOpenDialog(target: unknown): boolean {
  if (!isElement(target)) return false
  const dialog = target.closest(DIALOG_ROOT)
  if (!dialog || dialog.getAttribute(DIALOG_OPEN_ATTRIBUTE) === 'false') return false
  return isRendered(target)
}

/** Whether a key may go to the page (its shortcuts): it is aimed outside any open dialog. */
export function isForPage(event: { target: EventTarget | null }): boolean {
  return !isInOpenDialog(event.target)
}

/** The element to give focus back to: the one that had it, if it can still take it. */
function canTakeFocusBack(doc: FocusDocument, element: FocusElement | null): element is FocusElement {
  if (!element || element === doc.body || !element.isConnected || !element.focus || element.disabled === true) return false
  // Opened from inside another dialog that has closed since: that one is gone for the keyboard too.
  const dialog = element.closest(DIALOG_ROOT)
  if (dialog && dialog.getAttribute(DIALOG_OPEN_ATTRIBUTE) === 'false') return false
  return isRendered(element)
}

/** Focus sits in a dialog that is closing: its focus trap (antd's) has not let go yet. */
function isHeldByClosingDialog(doc: FocusDocument): boolean {
  return doc.activeElement?.closest(DIALOG_ROOT)?.getAttribute(DIALOG_OPEN_ATTRIBUTE) === 'false'
}

/**
 * Called as a dialog closes: focus goes back to `trigger` (what had it when
 * the dialog opened), else to the screen's region, else nowhere in particular
 * (the page's body) — never left inside the closing dialog. If the code that
 * closed the dialog has already put focus on the page (the next applicant's
 * first field), it stays there.
 *
 * With `mayWait`, returns false when the closing dialog's focus trap pulled
 * focus back in: antd releases it a render or two after `open` turns false
 * (when its animation out starts), so the caller tries again then.
 */
export function returnFocus(doc: FocusDocument, trigger: FocusElement | null, mayWait = false): boolean {
  const active = doc.activeElement
  if (active && active !== doc.body && !active.closest(DIALOG_ROOT)) return true
  const home = doc.querySelector(`[${FOCUS_HOME_ATTRIBUTE}]`)
  for (const target of [canTakeFocusBack(doc, trigger) ? trigger : null, home]) {
    if (!target) continue
    target.focus?.({ preventScroll: true })
    if (doc.activeElement === target) return true
    if (mayWait && isHeldByClosingDialog(doc)) return false
  }
  // Nothing would take focus: at least the keys no longer go to the closing dialog.
  const stuck = doc.activeElement
  if (stuck && stuck !== doc.body && stuck.closest(DIALOG_ROOT)) stuck.blur?.()
  return true
}

/** Frames to keep trying while a closing dialog's trap holds focus: antd lets go within a few; a bound all the same. */
const MAX_TRAPPED_FRAMES = 120

/** returnFocus, tried again on the next frames while a closing dialog's trap still holds focus. */
export function returnFocusWhenFree(doc: FocusDocument, trigger: FocusElement | null, nextFrame: (run: () => void) => void): void {
  let frames = 0
  const attempt = (): void => {
    if (!returnFocus(doc, trigger, frames < MAX_TRAPPED_FRAMES)) {
      frames++
      nextFrame(attempt)
    }
  }
  attempt()
}
