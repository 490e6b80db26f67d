import { call } from '../bridge/client'
import { sharedCommandStateHook } from './useCommandState'

export interface SessionView {
  operator: string | null
  signedInAt: string | null
}

/**
 * The signed-in operator, pushed by `session.changed` so every window agrees.
 * One load and one subscription for the window: the top bar and the screens
 * read the same state. `phase` is 'loading' until session.get has answered
 * (do not offer to sign in before then).
 */
export const useSession = sharedCommandStateHook<SessionView, 'session.changed'>({
  initial: { operator: null, signedInAt: null },
  load: () => call('session.get', {}),
  push: { event: 'session.changed', apply: (_current, session) => session },
})
