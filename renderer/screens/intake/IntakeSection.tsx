import { Card, Space, Tag } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { shortcutLabel, type IntakeSectionId } from './intakeKeys'

/**
 * A titled section of the intake form: `data-section` (what the Enter/Esc flow
 * and the section shortcuts look up), its title and its shortcut, all from the
 * one id.
 */
export function IntakeSection(props: { id: IntakeSectionId; extra?: ReactNode; children: ReactNode }): React.JSX.Element {
  const { t } = useTranslation('intake')
  return (
    <Card
      size="small"
      data-section={props.id}
      title={
        <Space>
          <span>{t(`sections.${props.id}`)}</span>
          <Tag>{shortcutLabel(props.id)}</Tag>
        </Space>
      }
      extra={props.extra}
    >
      {props.children}
    </Card>
  )
}
