import { Typography } from 'antd'
import type { ReactNode } from 'react'
import { FOCUS_HOME_ATTRIBUTE } from '../hooks/dialogFocus'

/**
 * The common frame of a screen: its title (a heading for screen readers and
 * tests) and body. The frame takes focus (not by Tab) when a dialog closes and
 * the element that had focus before is gone, so the screen's keys still work.
 */
export function ScreenFrame({
  title,
  heading,
  testId,
  children,
}: {
  title: string
  /** What the heading shows when it is more than the title's words (a case's number and item); `title` stays its name. */
  heading?: ReactNode
  testId: string
  children?: ReactNode
}): React.JSX.Element {
  const focusHome = { [FOCUS_HOME_ATTRIBUTE]: '' }
  return (
    <section className="screen" data-testid={`screen-${testId}`} aria-label={title} tabIndex={-1} {...focusHome}>
      <Typography.Title level={4} className="screen-title">
        {heading ?? title}
      </Typography.Title>
      {children}
    </section>
  )
}
