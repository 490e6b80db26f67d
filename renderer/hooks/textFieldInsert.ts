/**
 * Putting held keystrokes back into the field they were typed in. The wedge
 * detector swallows keys while a scan is possible; when it turns out to be a
 * person typing, those characters are inserted here — once, at the caret, as
 * an `input` event so React's onChange sees them like typed text.
 */

/** Inputs whose caret we can drive with setRangeText (number, email, date do not support it). */
const caretInputTypes = new Set(['text', 'search', 'url', 'tel', 'password', ''])

export type TextField = HTMLInputElement | HTMLTextAreaElement

/** The text field a key event is typed into, or null (button, body, select, contenteditable…). */
export function textFieldOf(target: EventTarget | null): TextField | null {
  if (target instanceof HTMLTextAreaElement) return target.readOnly || target.disabled ? null : target
  if (target instanceof HTMLInputElement && caretInputTypes.has(target.type)) return target.readOnly || target.disabled ? null : target
  return null
}

export function insertIntoField(field: TextField, text: string): void {
  if (!text || !field.isConnected) return
  const start = field.selectionStart ?? field.value.length
  const end = field.selectionEnd ?? start
  // setRangeText ignores maxlength; a typed key would not, so neither do we.
  const room = field.maxLength >= 0 ? field.maxLength - (field.value.length - (end - start)) : text.length
  const insert = text.slice(0, Math.max(0, room))
  if (!insert) return
  // setRangeText bypasses React's value tracker, so the input event below reads as a real change.
  field.setRangeText(insert, start, end, 'end')
  field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: insert }))
}
