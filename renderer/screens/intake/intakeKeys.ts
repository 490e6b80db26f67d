/**
 * The intake screen's shortcuts, in one table the key handler and the on-screen
 * key map both read, so what the screen shows is what the keys do.
 * Alt+1…7 belong to the screen switcher; matching is by physical key
 * (`event.code`) because Alt+letter yields other characters on some layouts.
 */
import type { intake } from '../../i18n/zh-CN/intake'

export type IntakeShortcut = 'applicant' | 'toggleKind' | 'item' | 'materials' | 'receiveAll' | 'fee' | 'delivery' | 'defer' | 'photo' | 'authorisation' | 'accept' | 'newIntake'

/**
 * The titled sections of the form (IntakeSection). Each id is at once the
 * `data-section` focusFlow looks up, the `sections.<id>` title and the shortcut
 * that jumps there, so an id missing any of the three does not compile.
 */
export const intakeSections = ['applicant', 'item', 'materials', 'fee', 'authorisation', 'delivery'] as const satisfies ReadonlyArray<
  IntakeShortcut & keyof typeof intake.sections
>

export type IntakeSectionId = (typeof intakeSections)[number]

export interface ShortcutSpec {
  id: IntakeShortcut
  /** As shown to the clerk. */
  label: string
  code: string
  alt: boolean
  ctrl: boolean
  /** Only an agent station's intake (代办) has what it acts on. */
  agentOnly?: boolean
}

export const intakeShortcuts: readonly ShortcutSpec[] = [
  { id: 'applicant', label: 'Alt+A', code: 'KeyA', alt: true, ctrl: false },
  { id: 'toggleKind', label: 'Alt+T', code: 'KeyT', alt: true, ctrl: false },
  { id: 'item', label: 'Alt+S', code: 'KeyS', alt: true, ctrl: false },
  { id: 'materials', label: 'Alt+M', code: 'KeyM', alt: true, ctrl: false },
  // Only on a checklist line (useIntakeShortcuts): in a text box Ctrl+A still selects the text.
  { id: 'receiveAll', label: 'Ctrl+A', code: 'KeyA', alt: false, ctrl: true },
  { id: 'defer', label: 'Alt+R', code: 'KeyR', alt: true, ctrl: false },
  { id: 'photo', label: 'Alt+C', code: 'KeyC', alt: true, ctrl: false },
  { id: 'fee', label: 'Alt+F', code: 'KeyF', alt: true, ctrl: false },
  { id: 'delivery', label: 'Alt+D', code: 'KeyD', alt: true, ctrl: false },
  // W: 委托 (wěituō), the authorisation.
  { id: 'authorisation', label: 'Alt+W', code: 'KeyW', alt: true, ctrl: false, agentOnly: true },
  { id: 'accept', label: 'Ctrl+Enter', code: 'Enter', alt: false, ctrl: true },
  { id: 'newIntake', label: 'Alt+N', code: 'KeyN', alt: true, ctrl: false },
]

export interface KeyLike {
  code: string
  key: string
  altKey: boolean
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
}

export function shortcutOf(e: KeyLike): IntakeShortcut | null {
  if (e.metaKey || e.shiftKey) return null
  // The numpad Enter is the same key to the clerk.
  const code = e.code === 'NumpadEnter' ? 'Enter' : e.code
  const found = intakeShortcuts.find((s) => s.code === code && s.alt === e.altKey && s.ctrl === e.ctrlKey)
  return found?.id ?? null
}

export function shortcutLabel(id: IntakeShortcut): string {
  return intakeShortcuts.find((s) => s.id === id)?.label ?? ''
}
