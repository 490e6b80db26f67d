import { useLayoutEffect, useState, type RefObject } from 'react'

/** Room to spare after the names come back, so showing them never leaves the bar exactly full (and hiding them again). */
const SPARE_PX = 24

/**
 * Whether the device lights' names fit in the top bar beside everything else
 * there, in this language, with these notices, at this width. The bar's
 * spacer (`.top-bar-end`, the only part that grows) holds the room left over:
 * names shown and no room left, they go (the station's name or a notice would
 * be squeezed); names hidden and room for all of them and a little more, they
 * come back. Hidden names keep their width (DeviceLights lays them out unseen),
 * so the room they need is known before they show.
 */
export function useRoomForLightNames(barRef: RefObject<HTMLElement | null>): boolean {
  const [hasRoom, setHasRoom] = useState(false)

  useLayoutEffect(() => {
    const bar = barRef.current
    if (!bar) return
    const check = (): void => {
      const spacer = bar.querySelector('.top-bar-end')
      if (!spacer) return
      const free = spacer.getBoundingClientRect().width
      let needed = 0
      for (const name of bar.querySelectorAll<HTMLElement>('.device-light-name')) needed += name.getBoundingClientRect().width + parseFloat(getComputedStyle(name).marginInlineStart)
      setHasRoom((had) => (had ? free >= 1 : free >= needed + SPARE_PX))
    }
    check()
    // The room changes with the window, and with anything in the bar growing or shrinking (a notice, the operator, the language).
    const observer = new ResizeObserver(check)
    observer.observe(bar)
    for (const part of bar.children) observer.observe(part)
    // Parts come and go (a notice, the sign-in button): watch the new ones too.
    const mutations = new MutationObserver(() => {
      for (const part of bar.children) observer.observe(part)
      check()
    })
    mutations.observe(bar, { childList: true })
    return () => {
      observer.disconnect()
      mutations.disconnect()
    }
  }, [barRef])

  return hasRoom
}
