import { Empty, Form, Input, Spin, Typography } from 'antd'
import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../bridge/client'
import { IntakeSection } from './IntakeSection'
import { formatYuan, type CatalogItemView } from './intakeModel'
import { ItemSummary } from './ItemSummary'

const SEARCH_DELAY_MS = 150
const RESULT_LIMIT = 8

/**
 * Item search as a combobox: Chinese, pinyin or initials (`qysl`) go to
 * `catalog.search`; ↑/↓ move through the results, Enter picks and moves on
 * (the workspace's Enter flow takes over once the list is closed), Esc closes.
 * Focused and empty, it lists the items this window takes most often, none
 * highlighted: ↓ chooses one, a plain Enter still just moves on.
 */
export function ItemPicker(props: {
  item: CatalogItemView | null
  onPick: (item: CatalogItemView) => void
  error: string | undefined
  /** Which items the search offers, when not all (an agent station's: those bank branches may take). */
  scopeNote?: string | undefined
}): React.JSX.Element {
  const { t } = useTranslation('intake')
  const [query, setQuery] = useState('')
  const [results, setResults] = useState<CatalogItemView[]>([])
  // The query the shown results answer: Enter on results of an older query must not pick from them.
  const [resultsFor, setResultsFor] = useState<string | null>(null)
  const [active, setActive] = useState(0)
  const [isOpen, setOpen] = useState(false)
  const [isFocused, setFocused] = useState(false)
  const [isSearching, setSearching] = useState(false)
  const listRef = useRef<HTMLUListElement>(null)
  // Enter typed before the results came back: a fast clerk means "the first one".
  const pickFirstRef = useRef(false)
  const onPickRef = useRef(props.onPick)
  useEffect(() => {
    onPickRef.current = props.onPick
  })

  const pick = useCallback((item: CatalogItemView): void => {
    pickFirstRef.current = false
    setOpen(false)
    setQuery('')
    onPickRef.current(item)
  }, [])

  useEffect(() => {
    const text = query.trim()
    if (text === '') {
      setResults([])
      setResultsFor(null)
      setOpen(false)
      if (!isFocused) return
      // The most taken items first (main ranks an empty search by this station's history).
      let isCurrent = true
      call('catalog.search', { query: '', limit: RESULT_LIMIT }).then(
        (found) => {
          if (!isCurrent) return
          setResults(found)
          setResultsFor('')
          setActive(-1)
          setOpen(found.length > 0)
        },
        () => undefined,
      )
      return () => {
        isCurrent = false
      }
    }
    let isCurrent = true
    setSearching(true)
    const timer = window.setTimeout(() => {
      call('catalog.search', { query: text, limit: RESULT_LIMIT }).then(
        (found) => {
          if (!isCurrent) return
          const first = found[0]
          if (pickFirstRef.current && first) {
            pickFirstRef.current = false
            setSearching(false)
            pick(first)
            return
          }
          pickFirstRef.current = false
          setResults(found)
          setResultsFor(text)
          setActive(0)
          setOpen(true)
          setSearching(false)
        },
        () => {
          if (isCurrent) setSearching(false)
        },
      )
    }, SEARCH_DELAY_MS)
    return () => {
      isCurrent = false
      window.clearTimeout(timer)
    }
  }, [query, pick, isFocused])

  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' })
  }, [active])


  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>): void => {
    const text = query.trim()
    // Typed ahead of the answer (the list still shows an older query's results, or none): Enter means "the first match".
    if (text !== '' && (!isOpen || resultsFor !== text)) {
      if (e.key === 'Enter' && !e.ctrlKey) {
        e.preventDefault()
        const first = results[0]
        // The list closed with Esc on this very query's results: nothing more is coming, pick now.
        if (resultsFor === text && first) pick(first)
        else pickFirstRef.current = true
      } else if (e.key === 'Escape' && isOpen) {
        e.preventDefault()
        setOpen(false)
      }
      return
    }
    if (!isOpen) return
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      const step = e.key === 'ArrowDown' ? 1 : -1
      // From "none highlighted" (-1), ↓ goes to the first and ↑ to the last.
      setActive((i) => (results.length === 0 ? 0 : i < 0 ? (step === 1 ? 0 : results.length - 1) : (i + step + results.length) % results.length))
    } else if (e.key === 'Enter' && !e.ctrlKey) {
      const chosen = results[active]
      if (!chosen) return
      // Handled here: the checklist this opens is not on the page yet for the Enter flow to move to.
      e.preventDefault()
      pick(chosen)
    } else if (e.key === 'Escape') {
      e.preventDefault()
      setOpen(false)
    }
  }

  const listId = 'item-search-results'
  return (
    <IntakeSection id="item">
      <Form layout="vertical" component="div">
        <Form.Item style={{ marginBottom: 8 }} validateStatus={props.error ? 'error' : undefined} help={props.error ? <span data-testid="help-itemCode">{props.error}</span> : props.scopeNote ? <span data-testid="item-scope">{`${props.scopeNote} · ${t('item.pickHint')}`}</span> : t('item.pickHint')}>
          <div className="item-search">
            <Input
              data-flow=""
              data-field="itemCode"
              data-testid="item-search"
              role="combobox"
              aria-expanded={isOpen}
              aria-controls={listId}
              aria-activedescendant={isOpen && results[active] ? `item-option-${results[active].code}` : undefined}
              value={query}
              suffix={isSearching ? <Spin size="small" /> : <span />}
              placeholder={props.item ? `${props.item.name} — ${t('item.change')}` : t('placeholders.itemSearch')}
              autoComplete="off"
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={onKeyDown}
              onBlur={() => {
                setOpen(false)
                setFocused(false)
              }}
              onFocus={() => {
                setOpen(results.length > 0)
                setFocused(true)
              }}
            />
            {isOpen ? (
              <ul className="item-results" id={listId} role="listbox" ref={listRef} data-testid="item-results" data-frequent={resultsFor === '' ? '' : undefined}>
                {resultsFor === '' ? (
                  <li className="item-result-heading" role="presentation">
                    <Typography.Text type="secondary">{t('item.frequent')}</Typography.Text>
                  </li>
                ) : null}
                {results.length === 0 ? (
                  <li className="item-result-empty">
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('item.noMatch')} />
                  </li>
                ) : (
                  results.map((item, i) => (
                    <li
                      key={item.code}
                      id={`item-option-${item.code}`}
                      role="option"
                      aria-selected={i === active}
                      data-index={i}
                      className={i === active ? 'item-result item-result-active' : 'item-result'}
                      // mousedown, not click: the input's blur would close the list first
                      onMouseDown={(e) => {
                        e.preventDefault()
                        pick(item)
                      }}
                      onMouseEnter={() => setActive(i)}
                    >
                      <Typography.Text strong>{item.name}</Typography.Text>
                      <Typography.Text type="secondary">
                        {[
                          item.code,
                          item.departmentName,
                          item.promisedDays === 0 ? t('item.instant') : t('item.days', { count: item.promisedDays }),
                          item.fee ? formatYuan(item.fee.amountCents) : t('item.free'),
                          item.delivery.map((d) => t(`delivery.${d}`)).join(' / '),
                        ].join(' · ')}
                      </Typography.Text>
                    </li>
                  ))
                )}
              </ul>
            ) : null}
          </div>
        </Form.Item>
      </Form>
      {props.item ? <ItemSummary item={props.item} /> : null}
    </IntakeSection>
  )
}
