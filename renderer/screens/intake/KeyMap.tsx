import { Card, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { intakeShortcuts } from './intakeKeys'

/** The keys, always in view: the counter learns them from the screen, not from a manual. */
export function KeyMap({ isAgent = false }: { isAgent?: boolean }): React.JSX.Element {
  const { t } = useTranslation('intake')
  const rows: Array<[string, string]> = [
    ['Enter', t('keys.enter')],
    ['Shift+Enter', t('keys.back')],
    ['Esc', t('keys.esc')],
    ['↑↓ ←→', t('keys.arrows')],
    ['Space', t('keys.space')],
    ...intakeShortcuts.filter((s) => isAgent || s.agentOnly !== true).map((s): [string, string] => [s.label, t(`keys.${s.id}`)]),
  ]
  return (
    <Card size="small" title={t('keys.title')} data-testid="key-map">
      <dl className="key-map">
        {rows.map(([keys, what]) => (
          <div key={keys} className="key-map-row">
            <dt>
              <Typography.Text keyboard>{keys}</Typography.Text>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </Card>
  )
}
