import { useEffect, useState } from 'react'
import { call, useEvent } from '../bridge/client'

export interface SessionView {
  operator: string | null
  signedInAt: string | null
}

/** The signed-in operator, pushed by `session.changed` so every window agrees. */
export function useSession(): SessionView {
  const [session, setSession] = useState<SessionView>({ operator: null, signedInAt: null })
  useEffect(() => {
    call('session.get', {}).then(setSession, () => undefined)
  }, [])
  useEvent('session.changed', setSession)
  return session
}
