/**
 * What the clerk typed or the courier drew at the desk, kept for the
 * window's lifetime: leaving for another screen (Alt+2 to look a case up)
 * and coming back finds the half-typed number, the courier's name and the
 * signature as they were.
 */
import { useCallback, useState } from 'react'
import type { PointGroup } from 'signature_pad'
import { emptyCourier, type CourierDraft } from './courierForm'

interface DeskDraft {
  entry: string
  courier: CourierDraft
  strokes: PointGroup[]
}

const draft: DeskDraft = { entry: '', courier: emptyCourier, strokes: [] }

/** One part of the desk's draft as component state that outlives the screen. */
export function useDeskDraft<K extends keyof DeskDraft>(key: K): [DeskDraft[K], (value: DeskDraft[K]) => void] {
  const [value, setValue] = useState<DeskDraft[K]>(() => draft[key])
  const set = useCallback(
    (next: DeskDraft[K]) => {
      draft[key] = next
      setValue(next)
    },
    [key],
  )
  return [value, set]
}
