import { Alert, Button } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ScreenFrame } from '../components/ScreenFrame'
import { SignInDialog } from '../components/SignInDialog'
import { useSession } from '../hooks/useSession'
import { useStationInfo } from '../hooks/useStationInfo'
import { IntakeWorkspace } from './intake/IntakeWorkspace'

/** 受理. On a bank branch's station the intake is the agent intake (代办), here as on the 代办 screen. */
export function IntakeScreen(): React.JSX.Element {
  const { t } = useTranslation()
  const { value: info } = useStationInfo()
  return (
    <ScreenFrame title={t('screens.intake')} testId="intake">
      {info ? <SignedInIntake isAgent={info.agent !== null} /> : null}
    </ScreenFrame>
  )
}

/**
 * Drafts and cases belong to the signed-in operator, so the form opens only
 * once someone is signed in. Until the session is known it offers nothing,
 * so a signed-in clerk never sees "sign in first" flash by.
 *
 * A session that ended by itself (idle time, or a supervisor's change) keeps
 * the form as it is under the sign-in dialog: signing in again carries on
 * where the typing stopped. When someone else signs in then, the form is
 * theirs to carry on (the colleague taking over the window serves the same
 * applicant; the draft moves to their name at its next save). Only a
 * deliberate sign-out closes the form; the next one to sign in opens their
 * own draft.
 */
export function SignedInIntake({ isAgent }: { isAgent: boolean }): React.JSX.Element | null {
  const { t } = useTranslation()
  const { t: ti } = useTranslation('intake')
  const { value: session, phase, ended } = useSession()
  const [isSigningIn, setSigningIn] = useState(false)
  const [isKept, setKept] = useState(false)
  // Derived from the session as it changes (React's "adjust state while rendering"): kept from the first sign-in to a deliberate sign-out.
  const shouldKeep = session.operator !== null ? true : ended === null && phase === 'loaded' ? false : isKept
  if (shouldKeep !== isKept) setKept(shouldKeep)
  if (shouldKeep) return <IntakeWorkspace isAgent={isAgent} />
  if (phase === 'loading') return null
  return (
    <>
      <Alert
        type="info"
        showIcon
        title={ti('signInFirst')}
        action={
          <Button type="primary" autoFocus onClick={() => setSigningIn(true)} data-testid="intake-sign-in">
            {t('signIn')}
          </Button>
        }
      />
      <SignInDialog open={isSigningIn} onClose={() => setSigningIn(false)} />
    </>
  )
}
