/**
 * The desk's lists — the open batch, shipments waiting for the carrier or a
 * label, the exceptions, and the outbox rows parked for a person — loaded by
 * command and loaded again whenever `dispatch.changed` or `outbox.changed`
 * says something moved (or the station host's event socket comes back). A
 * burst of pushes (a drain of many rows) makes one reload after the one in
 * flight, not one per push; only the latest answer is shown.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { CommandOutput } from '../../../main/contract'
import type { OutboxRowView } from '../../../main/contract/outbox'
import { call, useEvent, useResync } from '../../bridge/client'

export type DeskView = CommandOutput<'dispatch.desk'>

export interface DeskState {
  desk: DeskView | null
  parked: OutboxRowView[]
  error: string | null
  reload(): void
}

export function useDeskState(): DeskState {
  const [desk, setDesk] = useState<DeskView | null>(null)
  const [parked, setParked] = useState<OutboxRowView[]>([])
  const [error, setError] = useState<string | null>(null)
  const inFlight = useRef(false)
  const isDirty = useRef(false)
  const isMounted = useRef(true)

  const load = useCallback((): void => {
    if (inFlight.current) {
      isDirty.current = true
      return
    }
    inFlight.current = true
    isDirty.current = false
    Promise.all([call('dispatch.desk', {}), call('outbox.list', { state: 'parked' })]).then(
      ([nextDesk, nextParked]) => {
        if (!isMounted.current) return
        setDesk(nextDesk)
        setParked(nextParked)
        setError(null)
      },
      (err: unknown) => {
        if (isMounted.current) setError(err instanceof Error ? err.message : String(err))
      },
    ).finally(() => {
      inFlight.current = false
      if (isDirty.current && isMounted.current) load()
    })
  }, [])

  useEffect(() => {
    isMounted.current = true
    load()
    return () => {
      isMounted.current = false
    }
  }, [load])

  useEvent('dispatch.changed', load)
  useEvent('outbox.changed', load)
  useResync(load)

  return { desk, parked, error, reload: load }
}
