import { useEffect, useState } from 'react'
import { returnFocusWhenFree } from './dialogFocus'

/**
 * Gives focus back when a dialog closes (dialogFocus.ts says where): as soon
 * as `open` turns false, not after the closing animation, so the next key
 * already reaches the page.
 */
export function useFocusReturn(open: boolean): void {
  // The trigger is read while rendering the opening: by the time any effect runs,
  // a field with autoFocus inside the dialog has taken focus already.
  const [opening, setOpening] = useState(() => ({ isOpen: open, trigger: open ? document.activeElement : null }))
  if (opening.isOpen !== open) setOpening({ isOpen: open, trigger: open ? document.activeElement : opening.trigger })
  const { trigger } = opening

  useEffect(() => {
    if (!open) return
    // The cleanup runs when `open` turns false (or the dialog's owner goes away while it is open).
    return () => returnFocusWhenFree(document, trigger, (run) => requestAnimationFrame(run))
  }, [open, trigger])
}
