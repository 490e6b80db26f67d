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
 * once someone is signed in — and starts over (with that operator's own
 * draft) when the operator changes. Until the session is known it offers
 * nothing, so a signed-in clerk never sees "sign in first" flash by.
 */
export function SignedInIntake({ isAgent }: { isAgent: boolean }): React.JSX.Element | null {
  const { t } = useTranslation()
  const { t: ti } = useTranslation('intake')
  const { value: session, phase } = useSession()
  const [isSigningIn, setSigningIn] = useState(false)
  if (session.operator) return <IntakeWorkspace key={session.operator} isAgent={isAgent} />
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
