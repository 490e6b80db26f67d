import { Empty, Typography } from 'antd'
import type { ReactNode } from 'react'

/** The common frame of a screen: its title (a heading for screen readers and tests) and body. */
export function ScreenFrame({ title, testId, children }: { title: string; testId: string; children?: ReactNode }): React.JSX.Element {
  return (
    <section className="screen" data-testid={`screen-${testId}`} aria-label={title}>
      <Typography.Title level={4} className="screen-title">
        {title}
      </Typography.Title>
      {children}
    </section>
  )
}

export function ComingLater({ text }: { text: string }): React.JSX.Element {
  return <Empty description={text} />
}
