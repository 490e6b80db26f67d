/**
 * Key events with a scanner's timing, for the wedge tests. Playwright's
 * keyboard.type awaits each key, so on a busy 2-core machine its "burst"
 * arrives 50–300 ms apart — a person, not a scanner. A real scanner's keys
 * carry the time the OS saw them; here every key goes to Chromium in one
 * pipelined batch over CDP with an explicit timestamp, `gapMs` apart, so the
 * page sees the gaps a scanner (or a typist) would produce.
 */
import type { Page } from '@playwright/test'

interface KeyDescription {
  key: string
  code: string
  windowsVirtualKeyCode: number
  text?: string
}

function describeKey(key: string): KeyDescription {
  if (key === 'Enter') return { key, code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' }
  if (key === 'Tab') return { key, code: 'Tab', windowsVirtualKeyCode: 9 }
  if (/^[0-9]$/.test(key)) return { key, code: `Digit${key}`, windowsVirtualKeyCode: key.charCodeAt(0), text: key }
  if (/^[A-Za-z]$/.test(key)) return { key, code: `Key${key.toUpperCase()}`, windowsVirtualKeyCode: key.toUpperCase().charCodeAt(0), text: key }
  if (key === '-') return { key, code: 'Minus', windowsVirtualKeyCode: 189, text: key }
  throw new Error(`keyBursts: no key description for ${JSON.stringify(key)}`)
}

/** Sends `text` then the terminator, each keydown `gapMs` after the previous one in the page's clock. */
export async function sendKeyBurst(page: Page, text: string, options: { gapMs: number; terminator?: 'Enter' | 'Tab' | null }): Promise<void> {
  const keys = [...text, ...(options.terminator === null ? [] : [options.terminator ?? 'Enter'])]
  const cdp = await page.context().newCDPSession(page)
  try {
    const start = Date.now() / 1000
    const sent: Array<Promise<unknown>> = []
    keys.forEach((key, i) => {
      const at = start + (i * options.gapMs) / 1000
      const description = describeKey(key)
      sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', timestamp: at, ...description, ...(description.text ? { unmodifiedText: description.text } : {}) }))
      sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', timestamp: at + 0.001, key: description.key, code: description.code, windowsVirtualKeyCode: description.windowsVirtualKeyCode }))
    })
    await Promise.all(sent)
  } finally {
    await cdp.detach()
  }
}
