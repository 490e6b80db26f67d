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

/** What a review decision recorded beside its note: the materials 补正 asked for, a refusal's legal basis, the certificate. */
function decisionLines(e: Entry): Array<{ key: 'missing' | 'legalBasis' | 'certificate'; text: string }> {
  const d = e.details ?? {}
  const lines: Array<{ key: 'missing' | 'legalBasis' | 'certificate'; text: string }> = []
  if (Array.isArray(d.missingMaterials) && d.missingMaterials.length > 0) {
    lines.push({ key: 'missing', text: (d.missingMaterials as Array<{ name?: unknown }>).map((m) => String(m.name ?? '')).join('、') })
  }
  if (typeof d.legalBasis === 'string') lines.push({ key: 'legalBasis', text: d.legalBasis })
  const c = d.certificate as { type?: unknown; number?: unknown } | undefined
  if (c && typeof c.number === 'string') lines.push({ key: 'certificate', text: `${String(c.type ?? '')} ${c.number}` })
  return lines
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
              {decisionLines(e).map((line) => (
                <div key={line.key} className="timeline-note" data-testid={`timeline-${line.key}`}>
                  {t(`page.decision.${line.key}`, { text: line.text })}
                </div>
              ))}
            </div>
          ),
        }))}
      />
    </Card>
  )
}
