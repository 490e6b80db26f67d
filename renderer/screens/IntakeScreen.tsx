import { Alert, Button } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ScreenFrame } from '../components/ScreenFrame'
import { SignInDialog } from '../components/SignInDialog'
import { useSession } from '../hooks/useSession'
import { IntakeWorkspace } from './intake/IntakeWorkspace'

/**
 * 受理: drafts and cases belong to the signed-in operator, so the form opens
 * only once someone is signed in — and starts over (with that operator's own
 * draft) when the operator changes. Until the session is known it offers
 * nothing, so a signed-in clerk never sees "sign in first" flash by.
 */
export function IntakeScreen(): React.JSX.Element {
  const { t } = useTranslation()
  const { t: ti } = useTranslation('intake')
  const { value: session, phase } = useSession()
  const [isSigningIn, setSigningIn] = useState(false)
  return (
    <ScreenFrame title={t('screens.intake')} testId="intake">
      {session.operator ? (
        <IntakeWorkspace key={session.operator} />
      ) : phase === 'loading' ? null : (
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
      )}
    </ScreenFrame>
  )
}
