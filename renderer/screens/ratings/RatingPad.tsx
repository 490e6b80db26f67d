import { Alert, Button, Checkbox, Input, Tag, Typography } from 'antd'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CommandOutput } from '../../../main/contract'
import type { RatingReason } from '../../../main/domain/ratings'
import { ratingReasons } from '../../../main/domain/ratings'
import { call } from '../../bridge/client'
import { draftProblem, emptyDraft, gradeForKey, padGrades, reasonForKey, stepAfterGrade, toggleReason, type PadStep, type RatingDraft } from './ratingPadModel'
import './ratings.css'

export type OfferView = NonNullable<CommandOutput<'ratings.pending'>['offer']>
type Submitted = CommandOutput<'ratings.submit'>

const isTextField = (target: EventTarget | null): boolean => target instanceof HTMLElement && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA') && (target as HTMLInputElement).type !== 'checkbox'

/**
 * The applicant's side of 好差评: five big grades (keys 1–5), then for a
 * 差评 its reasons (keys 1–4, the words, anonymous or not) and Enter. The
 * same pad is the second display's panel and the clerk's same-screen overlay.
 */
export function RatingPad(props: {
  offer: OfferView
  /** The overlay: closes it (Enter on the thanks, Esc before a grade). The panel has none: it waits for the next offer. */
  onDone?: () => void
  /** Called as the rating is sent, before the answer. */
  onSending?: () => void
}): React.JSX.Element {
  const { t } = useTranslation('ratings')
  const { offer, onDone, onSending } = props
  const [step, setStep] = useState<PadStep>('grade')
  const [draft, setDraft] = useState<RatingDraft>(emptyDraft)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<Submitted | null>(null)
  const rootRef = useRef<HTMLDivElement | null>(null)

  // Each step starts with the keyboard on the pad, not on whatever the clerk's page had.
  useEffect(() => {
    rootRef.current?.focus({ preventScroll: true })
  }, [step])

  const submit = useCallback(
    async (next: RatingDraft) => {
      const problem = draftProblem(next)
      if (problem) {
        setError(problem.message)
        return
      }
      setBusy(true)
      setError(null)
      onSending?.()
      try {
        const answer = await call('ratings.submit', {
          caseNo: offer.caseNo,
          visit: offer.visit,
          grade: next.grade!,
          ...(next.reasons.length > 0 ? { reasons: next.reasons } : {}),
          ...(next.text.trim() !== '' ? { text: next.text.trim() } : {}),
          ...(next.anonymous ? { anonymous: true } : {}),
        })
        setResult(answer)
        setStep('thanks')
      } catch (err) {
        setError(err instanceof Error ? err.message : String(err))
      } finally {
        setBusy(false)
      }
    },
    [offer, onSending],
  )

  const choose = useCallback(
    (grade: NonNullable<RatingDraft['grade']>) => {
      const next = { ...emptyDraft, grade }
      setDraft(next)
      setError(null)
      if (stepAfterGrade(grade) === 'reasons') setStep('reasons')
      else void submit(next)
    },
    [submit],
  )

  const toggle = useCallback((reason: RatingReason) => {
    setDraft((d) => toggleReason(d, reason))
    setError(null)
  }, [])

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.altKey || e.ctrlKey || e.metaKey || busy) return
      if (step === 'grade') {
        const grade = gradeForKey(e.key)
        if (grade !== null) {
          e.preventDefault()
          choose(grade)
        } else if (e.key === 'Escape' && onDone) {
          e.preventDefault()
          onDone()
        }
      } else if (step === 'reasons') {
        if (e.key === 'Enter') {
          // Also on a focused reason button: Enter sends, it never toggles a reason by accident.
          e.preventDefault()
          void submit(draft)
        } else if (e.key === 'Escape') {
          e.preventDefault()
          setStep('grade')
          setError(null)
        } else if (!isTextField(e.target)) {
          const reason = reasonForKey(e.key)
          if (reason !== null) {
            e.preventDefault()
            toggle(reason)
          }
        }
      } else if ((e.key === 'Enter' || e.key === 'Escape') && onDone) {
        e.preventDefault()
        onDone()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [step, draft, busy, choose, submit, toggle, onDone])

  const visit = t(`visits.${offer.visit}`)
  return (
    <div className="rating-pad" ref={rootRef} tabIndex={-1} data-testid="rating-pad" data-step={step} data-case-no={offer.caseNo}>
      <div className="rating-pad-head">
        <Typography.Title level={2}>{step === 'thanks' ? t('pad.thanks') : `${t('pad.welcome')} ${offer.applicantName}`}</Typography.Title>
        {step !== 'thanks' ? (
          <Typography.Paragraph className="rating-pad-facts">
            {t('pad.question', { visit })} · {t('pad.item', { item: offer.itemName })}
            {offer.staff ? ` · ${t('pad.staff', { staff: offer.staff })}` : ''}
          </Typography.Paragraph>
        ) : null}
      </div>
      {step === 'grade' ? (
        <>
          <div className="rating-grades" role="group" aria-label={t('pad.question', { visit })}>
            {padGrades.map((grade) => (
              <button key={grade} type="button" className={`rating-grade rating-grade-${grade}`} onClick={() => choose(grade)} disabled={busy} data-testid={`rate-${grade}`}>
                <span className="rating-grade-stars" aria-hidden>
                  {'★'.repeat(grade)}
                </span>
                <span className="rating-grade-label">{t(`grades.${grade}`)}</span>
                <Tag className="button-key">{grade}</Tag>
              </button>
            ))}
          </div>
          <Typography.Text type="secondary">{t('pad.keys')}</Typography.Text>
        </>
      ) : null}
      {step === 'reasons' && draft.grade !== null ? (
        <div className="rating-reasons" data-testid="rating-reasons">
          <Typography.Title level={4}>
            {t(`grades.${draft.grade}`)} — {t('pad.reasonsTitle')}
          </Typography.Title>
          <div className="rating-reason-buttons">
            {ratingReasons.map((reason, i) => {
              const on = draft.reasons.includes(reason)
              return (
                <Button key={reason} size="large" type={on ? 'primary' : 'default'} aria-pressed={on} onClick={() => toggle(reason)} data-testid={`reason-${reason}`}>
                  {t(`reasons.${reason}`)} <Tag className="button-key">{i + 1}</Tag>
                </Button>
              )
            })}
          </div>
          <Input
            size="large"
            placeholder={t('pad.text')}
            maxLength={300}
            value={draft.text}
            onChange={(e) => {
              setDraft((d) => ({ ...d, text: e.target.value }))
              setError(null)
            }}
            data-testid="rating-text"
          />
          <Checkbox checked={draft.anonymous} onChange={(e) => setDraft((d) => ({ ...d, anonymous: e.target.checked }))} data-testid="rating-anonymous">
            {t('pad.anonymous')}
          </Checkbox>
          <div className="rating-reason-actions">
            <Button size="large" onClick={() => setStep('grade')}>
              {t('pad.back')} <Tag className="button-key">Esc</Tag>
            </Button>
            <Button size="large" type="primary" loading={busy} onClick={() => void submit(draft)} data-testid="rating-submit">
              {t('pad.submit')} <Tag className="button-key">Enter</Tag>
            </Button>
          </div>
          <Typography.Text type="secondary">{t('pad.reasonsKeys')}</Typography.Text>
        </div>
      ) : null}
      {step === 'thanks' && result ? (
        <div className="rating-thanks" data-testid="rating-thanks" data-grade={result.grade}>
          <Typography.Title level={3}>{t(`grades.${result.grade}`)}</Typography.Title>
          {result.followUp ? (
            <Typography.Paragraph>{t('pad.thanksNegative', { date: result.followUp.dueDate, signed: result.signed ? t('pad.thanksSigned') : '' })}</Typography.Paragraph>
          ) : null}
          {onDone ? (
            <Button size="large" type="primary" onClick={onDone} data-testid="rating-done">
              {t('pad.close')} <Tag className="button-key">Enter</Tag>
            </Button>
          ) : null}
        </div>
      ) : null}
      {error ? <Alert type="error" showIcon title={error} data-testid="rating-error" style={{ marginTop: 16 }} /> : null}
    </div>
  )
}
