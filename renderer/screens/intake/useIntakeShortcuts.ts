/**
 * The intake shortcuts (intakeKeys.ts) while the form is on screen. Listened
 * on the window so they work wherever focus is, but not while a dialog
 * (the accept result, a confirmation, sign-in) owns the keyboard — one that
 * is closing owns it no more.
 */
import { useEffect, useRef, type RefObject } from 'react'
import { isForPage } from '../../hooks/dialogFocus'
import { currentMaterialId, focusField, focusSection } from './focusFlow'
import { shortcutOf, type IntakeShortcut } from './intakeKeys'
import { canDefer, materialBlockers, promiseDateField, switchKind, tickOf, withTick, type CatalogItemView, type IntakeForm } from './intakeModel'

export interface ShortcutDeps {
  rootRef: RefObject<HTMLDivElement | null>
  isPaused: boolean
  form: IntakeForm
  item: CatalogItemView | null
  update: (change: (form: IntakeForm) => IntakeForm) => void
  onAccept: () => void
  onNew: () => void
  /** Ctrl+A on a checklist line: every required material received. */
  onReceiveAll: () => void
  focusLater: (field: string) => void
}

/** Ctrl+A means "all received" on a checklist tick only; in a text box (copies, a date, anywhere else) it selects the text. */
function isOnChecklistLine(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement && target.type === 'checkbox' && target.closest('[data-section="materials"] [data-material]') !== null
}

export function useIntakeShortcuts(deps: ShortcutDeps): void {
  // The listener is registered once; it reads the latest form and handlers from here.
  const latest = useRef(deps)
  useEffect(() => {
    latest.current = deps
  })

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const d = latest.current
      const root = d.rootRef.current
      if (!root || d.isPaused || e.defaultPrevented) return
      if (!isForPage(e)) return
      const id = shortcutOf(e)
      if (id === null) return
      if (id === 'receiveAll' && !isOnChecklistLine(e.target)) return
      e.preventDefault()
      run(id, d, root, e.target instanceof Element ? e.target : null)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}

function run(id: IntakeShortcut, d: ShortcutDeps, root: HTMLElement, from: Element | null): void {
  switch (id) {
    case 'applicant':
      focusField(root, 'applicant.name')
      return
    case 'toggleKind': {
      const kind = d.form.applicant?.kind === 'enterprise' ? 'person' : 'enterprise'
      d.update((f) => ({ ...f, applicant: switchKind(f.applicant, kind) }))
      d.focusLater('applicant.name')
      return
    }
    case 'item':
      focusField(root, 'itemCode')
      return
    case 'materials':
      focusSection(root, 'materials')
      return
    case 'receiveAll':
      d.onReceiveAll()
      return
    case 'fee':
      focusField(root, 'fee.receiptNo')
      return
    case 'delivery':
      focusSection(root, 'delivery')
      return
    case 'authorisation':
      focusSection(root, 'authorisation')
      return
    case 'defer':
      toggleDefer(d, from)
      return
    case 'photo': {
      const materialId = currentMaterialId(from) ?? d.item?.materials[0]?.id
      // The photo button belongs to MaterialPhotos (the scanner area's component); its test id is its stable name.
      root.querySelector<HTMLElement>(`[data-material="${materialId ?? ''}"] [data-testid="material-photo-take-${materialId ?? ''}"]`)?.click()
      return
    }
    case 'accept':
      d.onAccept()
      return
    case 'newIntake':
      d.onNew()
  }
}

/** 容缺 on the line holding focus, else on the first line that blocks Accept; focus goes to its promise date. */
function toggleDefer(d: ShortcutDeps, from: Element | null): void {
  const { item, form } = d
  if (!item) return
  const materialId = currentMaterialId(from) ?? materialBlockers(item, form.materials)[0]?.materialId
  const material = item.materials.find((m) => m.id === materialId)
  if (!material) return
  const tick = tickOf(form, material.id)
  if (!canDefer(material, tick)) return
  if (tick.deferred) {
    d.update((f) => withTick(f, { materialId: material.id, receivedCopies: tick.receivedCopies }))
    d.focusLater(`materials.${material.id}`)
  } else {
    d.update((f) => withTick(f, { ...tick, deferred: true }))
    d.focusLater(promiseDateField(material.id))
  }
}
