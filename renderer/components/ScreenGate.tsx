import { Alert } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ScreenId } from '../hooks/useRoute'
import { useSession } from '../hooks/useSession'
import { screenRoles } from '../screens/screenAccess'
import { ScreenFrame } from './ScreenFrame'

/**
 * A screen the signed-in operator's role has no use for says so, and who may
 * use it, in place of its work (e.g. a window clerk on 审核, anyone but a
 * supervisor on 设置). Signed out, the screen shows as it is: it asks for the
 * sign-in itself, or keeps what was typed under the sign-in dialog.
 */
export function ScreenGate({ screen, children }: { screen: ScreenId; children: ReactNode }): React.JSX.Element {
  const { t } = useTranslation()
  const { value: session } = useSession()
  const allowed = screenRoles(screen)
  if (session.role === null || allowed.includes(session.role)) return <>{children}</>
  return (
    <ScreenFrame title={t(`screens.${screen}`)} testId={screen}>
      <Alert
        type="warning"
        showIcon
        data-testid="screen-forbidden"
        title={t('screenForbidden.title', { roles: allowed.map((r) => t(`role.${r}`)).join(t('screenForbidden.separator')) })}
        description={t('screenForbidden.description', { operator: session.operator, role: t(`role.${session.role}`) })}
      />
    </ScreenFrame>
  )
}
