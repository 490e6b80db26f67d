import { describe, expect, it } from 'vitest'
import { DIALOG_OPEN_ATTRIBUTE, FOCUS_HOME_ATTRIBUTE, isInOpenDialog, returnFocus, returnFocusWhenFree, type FocusDocument, type FocusElement } from '../../../renderer/hooks/dialogFocus'

/**
 * A page small enough to reason about: elements with a parent, classes,
 * attributes, a display:none switch, and focus that only lands on an element
 * that is in the page, rendered and enabled — as Chromium does.
 */
class FakeElement implements FocusElement {
  parent: FakeElement | null = null
  isRemoved = false
  isHidden = false
  isDisabled = false
  get disabled(): boolean {
    return this.isDisabled
  }
  readonly attributes = new Map<string, string>()
  readonly classes: Set<string>

  constructor(
    private readonly page: FakePage,
    readonly name: string,
    classes: string[] = [],
  ) {
    this.classes = new Set(classes)
  }

  get isConnected(): boolean {
    return !this.isRemoved && (this.parent === null ? this === this.page.body : this.parent.isConnected)
  }

  /** This element, then its parent, and so on up to the body. */
  *selfAndAncestors(): Generator<FakeElement> {
    yield this
    if (this.parent) yield* this.parent.selfAndAncestors()
  }

  closest(selectors: string): FakeElement | null {
    for (const at of this.selfAndAncestors()) if (at.matches(selectors)) return at
    return null
  }

  matches(selector: string): boolean {
    if (selector.startsWith('.')) return this.classes.has(selector.slice(1))
    const attribute = /^\[([\w-]+)\]$/.exec(selector)
    if (attribute) return this.attributes.has(attribute[1]!)
    throw new Error(`the fake page does not know the selector ${selector}`)
  }

  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null
  }

  checkVisibility(): boolean {
    for (const at of this.selfAndAncestors()) if (at.isHidden) return false
    return true
  }

  focus(): void {
    if (!this.isConnected || !this.checkVisibility() || this.isDisabled) return
    this.page.activeElement = this
    // A focus trap (antd's lock) pulls focus that lands outside it straight back in.
    const trap = this.page.trap
    if (trap && !this.closest(`.${[...trap.classes][0]!}`)) this.page.activeElement = trap
  }

  blur(): void {
    if (this.page.activeElement === this) this.page.activeElement = this.page.body
  }
}

class FakePage implements FocusDocument {
  readonly body: FakeElement
  activeElement: FakeElement | null
  /** While set, the element a focus trap keeps focus inside. */
  trap: FakeElement | null = null
  private readonly all: FakeElement[] = []

  constructor() {
    this.body = new FakeElement(this, 'body')
    this.activeElement = this.body
  }

  add(parent: FakeElement, name: string, classes: string[] = [], attributes: Record<string, string> = {}): FakeElement {
    const element = new FakeElement(this, name, classes)
    element.parent = parent
    for (const [k, v] of Object.entries(attributes)) element.attributes.set(k, v)
    this.all.push(element)
    return element
  }

  querySelector(selectors: string): FakeElement | null {
    return this.all.find((e) => e.isConnected && e.matches(selectors)) ?? null
  }

  /** A dialog as antd renders it: a root (with the open flag Dialog puts there), its wrap, one field inside. */
  dialog(name: string, isOpen = true): { root: FakeElement; wrap: FakeElement; field: FakeElement } {
    const root = this.add(this.body, `${name}-root`, ['ant-modal-root'], { [DIALOG_OPEN_ATTRIBUTE]: String(isOpen) })
    const wrap = this.add(root, `${name}-wrap`, ['ant-modal-wrap'])
    const field = this.add(this.add(wrap, `${name}-modal`, ['ant-modal']), `${name}-field`)
    return { root, wrap, field }
  }
}

/** The case page: the screen's region (focus home) with an action button, and a closing dialog holding focus. */
function casePage(): { page: FakePage; screen: FakeElement; button: FakeElement; closing: ReturnType<FakePage['dialog']> } {
  const page = new FakePage()
  const screen = page.add(page.body, 'screen', ['screen'], { [FOCUS_HOME_ATTRIBUTE]: '' })
  const button = page.add(screen, 'action-requestSupplement')
  const closing = page.dialog('transition', false)
  closing.field.focus()
  return { page, screen, button, closing }
}

describe('giving the keyboard back as a dialog closes', () => {
  it('returns focus to the element that had it when the dialog opened', () => {
    const { page, button } = casePage()
    returnFocus(page, button)
    expect(page.activeElement?.name).toBe('action-requestSupplement')
  })

  it('goes to the screen’s region when that element has left the page, is hidden or refuses focus', () => {
    for (const change of [(b: FakeElement) => (b.isRemoved = true), (b: FakeElement) => (b.isHidden = true), (b: FakeElement) => (b.isDisabled = true)]) {
      const { page, button } = casePage()
      change(button)
      returnFocus(page, button)
      expect(page.activeElement?.name).toBe('screen')
    }
  })

  it('goes to the screen’s region when nothing had focus before the dialog', () => {
    const { page } = casePage()
    returnFocus(page, page.body)
    expect(page.activeElement?.name).toBe('screen')
    const other = casePage()
    returnFocus(other.page, null)
    expect(other.page.activeElement?.name).toBe('screen')
  })

  it('takes focus back also when it fell to the body as the dialog went away', () => {
    const { page, button, closing } = casePage()
    closing.root.isRemoved = true
    page.activeElement = page.body
    returnFocus(page, button)
    expect(page.activeElement?.name).toBe('action-requestSupplement')
  })

  it('leaves focus where the code that closed the dialog put it on the page', () => {
    const { page, button, screen } = casePage()
    const firstField = page.add(screen, 'applicant.name')
    firstField.focus()
    returnFocus(page, button)
    expect(page.activeElement?.name).toBe('applicant.name')
  })

  it('gives focus back into a dialog still open beneath, never into one that has closed', () => {
    const nested = casePage()
    const outer = nested.page.dialog('accepted', true)
    returnFocus(nested.page, outer.field)
    expect(nested.page.activeElement?.name).toBe('accepted-field')

    const gone = casePage()
    const closedToo = gone.page.dialog('accepted', false)
    returnFocus(gone.page, closedToo.field)
    expect(gone.page.activeElement?.name).toBe('screen')
  })

  it('waits, frame by frame, for the closing dialog’s focus trap to let go, then gives focus back', () => {
    const { page, button, closing } = casePage()
    const modal = closing.field.parent!
    page.trap = modal
    expect(returnFocus(page, button, true)).toBe(false)
    expect(page.activeElement?.name).toBe('transition-modal')

    const frames: (() => void)[] = []
    returnFocusWhenFree(page, button, (run) => frames.push(run))
    expect(frames).toHaveLength(1)
    frames.shift()!()
    expect(frames).toHaveLength(1) // still trapped: one more frame asked for
    page.trap = null
    frames.shift()!()
    expect(page.activeElement?.name).toBe('action-requestSupplement')
    expect(frames).toHaveLength(0)
  })

  it('stops waiting for a trap that never lets go, and takes focus out of the closing dialog', () => {
    const { page, button, closing } = casePage()
    page.trap = closing.field.parent!
    const frames: (() => void)[] = []
    returnFocusWhenFree(page, button, (run) => frames.push(run))
    let ran = 0
    while (frames.length > 0 && ran < 1000) {
      frames.shift()!()
      ran++
    }
    expect(ran).toBeLessThan(1000)
    expect(page.activeElement).toBe(page.body)
  })

  it('with no screen region to go to, focus still leaves the closing dialog', () => {
    const page = new FakePage()
    const closing = page.dialog('preview', false)
    closing.field.focus()
    returnFocus(page, null)
    expect(page.activeElement).toBe(page.body)
  })
})

describe('which keys a dialog owns', () => {
  it('owns the keys aimed inside it while it is open', () => {
    const page = new FakePage()
    expect(isInOpenDialog(page.dialog('transition', true).field)).toBe(true)
  })

  it('owns none once it is closing, or hidden while kept in the page', () => {
    const page = new FakePage()
    expect(isInOpenDialog(page.dialog('transition', false).field)).toBe(false)
    const hidden = page.dialog('camera', true)
    hidden.wrap.isHidden = true
    expect(isInOpenDialog(hidden.field)).toBe(false)
  })

  it('owns no key aimed at the page, or at no element at all', () => {
    const { button, page } = casePage()
    expect(isInOpenDialog(button)).toBe(false)
    expect(isInOpenDialog(page.body)).toBe(false)
    expect(isInOpenDialog(null)).toBe(false)
    expect(isInOpenDialog({})).toBe(false)
  })
})

// Every renderer source, as text: the rule below holds for files added later too.
const sources = import.meta.glob<string>(['../../../renderer/**/*.ts', '../../../renderer/**/*.tsx'], { query: '?raw', import: 'default', eager: true })

describe('the renderer’s dialogs', () => {
  it('are all a Dialog (components/Dialog.tsx), so every one gives the keyboard back as it closes', () => {
    const usingDialog = Object.entries(sources).filter(([, text]) => /<Dialog\b/.test(text))
    // The dialogs known today: the rule is checked against real files, not an empty list.
    expect(usingDialog.length).toBeGreaterThanOrEqual(6)
    const rawModal = Object.entries(sources)
      .filter(([path]) => !path.endsWith('/components/Dialog.tsx'))
      .filter(([, text]) => /import\s*\{[^}]*\bModal\b[^}]*\}\s*from\s*'antd'/.test(text) || /\bModal\.|\.useModal\(|\bmodal\.(confirm|info|success|error|warning)\(/.test(text))
      .map(([path]) => path)
    expect(rawModal).toEqual([])
  })
})
