import { Card, Timeline, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { localDateTime } from '../../localTime'
import type { CaseDetail } from './queueModel'

type Entry = CaseDetail['timeline'][number]

const colourOf = (e: Entry): string => {
  if (e.toState === 'rejected' || e.toState === 'withdrawn') return 'red'
  if (e.toState === 'needs_supplement') return 'orange'
  if (e.action === 'accept') return 'blue'
  return 'green'
}

/** Every step with who, where and when — the case's story as the audit chain has it. */
export function CaseTimeline({ timeline }: { timeline: CaseDetail['timeline'] }): React.JSX.Element {
  const { t } = useTranslation('cases')
  return (
    <Card size="small" title={t('page.timeline')}>
      <Timeline
        data-testid="case-timeline"
        items={timeline.map((e, i) => ({
          key: `${e.at}-${i}`,
          color: colourOf(e),
          content: (
            <div className="timeline-entry" data-testid="timeline-entry" data-action={e.action}>
              <Typography.Text strong>{t(`actions.${e.action}`, { defaultValue: e.actionLabel })}</Typography.Text>
              {e.fromState !== e.toState ? <Typography.Text> → {t(`states.${e.toState}`)}</Typography.Text> : null}
              <div>
                <Typography.Text type="secondary">
                  {localDateTime(e.at)} · {e.operator} · {e.stationId}
                </Typography.Text>
              </div>
              {e.note ? <div className="timeline-note">{e.note}</div> : null}
            </div>
          ),
        }))}
      />
    </Card>
  )
}
