import { useLayoutEffect, type RefObject } from 'react'

function scrollParentOf(el: HTMLElement): HTMLElement | null {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const { overflowY } = getComputedStyle(p)
    if (overflowY === 'auto' || overflowY === 'scroll') return p
  }
  return null
}

/**
 * Caps a sticky column at the height of the area it sticks in (the app's
 * scrolling content, less its padding), so it scrolls on its own instead of
 * reaching below the window: what sits at its top — delivery — stays on
 * screen however far the page is scrolled, and focus still brings Accept into view.
 * Follows the area's size: the window, and a top bar that wraps or grows.
 */
export function useFitScrollport(ref: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const el = ref.current
    const port = el ? scrollParentOf(el) : null
    if (!el || !port) return
    const fit = (): void => {
      const style = getComputedStyle(port)
      const height = port.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom)
      el.style.maxHeight = `${Math.max(240, Math.floor(height))}px`
    }
    fit()
    const observer = new ResizeObserver(fit)
    observer.observe(port)
    return () => observer.disconnect()
  }, [ref])
}
