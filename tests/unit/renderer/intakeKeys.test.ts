import { describe, expect, it } from 'vitest'
import { intake as enIntake } from '../../../renderer/i18n/en/intake'
import { intake as zhIntake } from '../../../renderer/i18n/zh-CN/intake'
import { intakeSections, intakeShortcuts, shortcutLabel, shortcutOf, type KeyLike } from '../../../renderer/screens/intake/intakeKeys'

const key = (code: string, mods: Partial<KeyLike> = {}): KeyLike => ({ code, key: '', altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...mods })

describe('the intake shortcuts', () => {
  it('reads Alt+letter by physical key and Ctrl+Enter from either Enter key', () => {
    expect(shortcutOf(key('KeyS', { altKey: true, key: 'ß' }))).toBe('item')
    expect(shortcutOf(key('KeyR', { altKey: true }))).toBe('defer')
    expect(shortcutOf(key('Enter', { ctrlKey: true }))).toBe('accept')
    expect(shortcutOf(key('NumpadEnter', { ctrlKey: true }))).toBe('accept')
  })

  it('reads Ctrl+A as "every required material received", and shows it in the key map', () => {
    expect(shortcutOf(key('KeyA', { ctrlKey: true, key: 'a' }))).toBe('receiveAll')
    expect(shortcutLabel('receiveAll')).toBe('Ctrl+A')
    expect(zhIntake.keys.receiveAll).toMatch(/必交材料/)
    expect(enIntake.keys.receiveAll).toMatch(/\S/)
  })

  it('leaves plain keys, Alt+digits (the screen switcher) and other modifiers alone', () => {
    expect(shortcutOf(key('KeyS'))).toBeNull()
    expect(shortcutOf(key('Enter'))).toBeNull()
    expect(shortcutOf(key('Digit1', { altKey: true }))).toBeNull()
    expect(shortcutOf(key('KeyS', { altKey: true, shiftKey: true }))).toBeNull()
    expect(shortcutOf(key('KeyS', { altKey: true, ctrlKey: true }))).toBeNull()
  })

  it('gives every shortcut its own key and a label that names it', () => {
    const combos = intakeShortcuts.map((s) => `${s.alt}-${s.ctrl}-${s.code}`)
    expect(new Set(combos).size).toBe(combos.length)
    for (const s of intakeShortcuts) expect(s.label).toContain(s.code.replace(/^Key/, ''))
  })

  it('gives every titled section a title in both languages and a key that jumps to it', () => {
    for (const id of intakeSections) {
      expect(zhIntake.sections[id], id).toMatch(/\S/)
      expect(enIntake.sections[id], id).toMatch(/\S/)
      expect(shortcutLabel(id), id).toMatch(/\S/)
    }
    expect(Object.keys(zhIntake.sections).sort()).toEqual([...intakeSections].sort())
  })
})
