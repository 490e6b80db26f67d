/**
 * The top of the output window: who is at the counter (from their card, or
 * typed with Alt+I when the reader is out — Enter looks their cases up) and
 * the field a receipt is scanned or a case number typed into (Alt+S).
 */
import { Button, Flex, Form, Input, Tag, Typography, type InputRef } from 'antd'
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { maskIdNumber } from '../../../main/domain/masking'
import { typedCollector, type Collector } from './outputDesk'

export interface CollectorBarHandle {
  focusEntry(): void
  focusTyped(): void
}

export interface CollectorBarProps {
  collector: Collector | null
  onTyped(collector: Collector): void
  onCaseNo(caseNo: string): void
  isBusy: boolean
  entryError: string | null
  idError: string | null
}

export const CollectorBar = forwardRef<CollectorBarHandle, CollectorBarProps>(function CollectorBar(props, ref) {
  const { t } = useTranslation('output')
  const [entry, setEntry] = useState('')
  const [name, setName] = useState('')
  const [idNumber, setIdNumber] = useState('')
  const [isTyping, setTyping] = useState(false)
  const [typedProblem, setTypedProblem] = useState(false)
  const entryRef = useRef<InputRef | null>(null)
  const nameRef = useRef<InputRef | null>(null)

  useImperativeHandle(ref, () => ({
    focusEntry: () => entryRef.current?.focus({ cursor: 'all' }),
    focusTyped: () => {
      setTyping(true)
      // Shown on this render; focused on the next frame, once it is there.
      requestAnimationFrame(() => nameRef.current?.focus({ cursor: 'all' }))
    },
  }))

  // A card tapped while typing wins: the card is the better proof of who is there.
  useEffect(() => {
    if (props.collector?.source === 'card') setTyping(false)
  }, [props.collector])

  const submitTyped = (): void => {
    const who = typedCollector(name, idNumber)
    setTypedProblem(who === null)
    if (who) props.onTyped(who)
  }

  const { collector } = props
  return (
    <Flex gap={16} wrap align="start" className="output-bar">
      <div className="output-collector" data-testid="output-collector" data-source={collector?.source ?? 'none'}>
        <Typography.Text type="secondary">{t('collector.title')}</Typography.Text>
        {collector && !isTyping ? (
          <div className="output-collector-name">
            <span data-testid="output-collector-name">{collector.name}</span> <Typography.Text type="secondary">{maskIdNumber(collector.idNumber)}</Typography.Text>{' '}
            <Tag color={collector.source === 'card' ? 'blue' : 'default'}>{t(collector.source === 'card' ? 'collector.fromCard' : 'collector.typed')}</Tag>
          </div>
        ) : isTyping ? (
          <Form layout="inline" onSubmitCapture={(e) => e.preventDefault()}>
            <Form.Item validateStatus={typedProblem ? 'error' : undefined}>
              <Input ref={nameRef} placeholder={t('collector.name')} value={name} maxLength={50} autoComplete="off" style={{ width: 120 }} data-testid="output-typed-name" onChange={(e) => setName(e.target.value)} />
            </Form.Item>
            <Form.Item validateStatus={typedProblem || props.idError ? 'error' : undefined} help={props.idError ?? undefined}>
              <Input
                placeholder={t('collector.idNumber')}
                value={idNumber}
                maxLength={32}
                autoComplete="off"
                style={{ width: 220 }}
                data-testid="output-typed-id"
                onChange={(e) => setIdNumber(e.target.value)}
                onPressEnter={(e) => {
                  e.preventDefault()
                  submitTyped()
                }}
              />
            </Form.Item>
            <Button onClick={submitTyped} loading={props.isBusy}>
              {t('collector.find')}
            </Button>
          </Form>
        ) : (
          <div className="output-collector-none">{t('collector.none')}</div>
        )}
      </div>
      <div className="output-entry">
        <label htmlFor="output-entry" className="output-entry-label">
          {t('entry.label')} <Tag className="button-key">Alt+S</Tag>
        </label>
        <Form.Item validateStatus={props.entryError ? 'error' : undefined} help={props.entryError ?? undefined} style={{ marginBottom: 0 }}>
          <Input
            id="output-entry"
            ref={entryRef}
            autoFocus
            autoComplete="off"
            maxLength={40}
            value={entry}
            placeholder={t('entry.placeholder')}
            data-testid="output-entry"
            onChange={(e) => setEntry(e.target.value)}
            onPressEnter={(e) => {
              e.preventDefault()
              const caseNo = entry.trim()
              if (caseNo !== '') props.onCaseNo(caseNo)
            }}
          />
        </Form.Item>
      </div>
    </Flex>
  )
})
