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
 */
export function ItemPicker(props: { item: CatalogItemView | null; onPick: (item: CatalogItemView) => void; error: string | undefined }): React.JSX.Element {
  const { t } = useTranslation('intake')
  const [query, setQuery] = useState('')
  const [results, setResults] = useState<CatalogItemView[]>([])
  const [active, setActive] = useState(0)
  const [isOpen, setOpen] = useState(false)
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
      setOpen(false)
      return
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
  }, [query, pick])

  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' })
  }, [active])


  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>): void => {
    if (!isOpen) {
      if (e.key === 'Enter' && !e.ctrlKey && query.trim() !== '') {
        e.preventDefault()
        pickFirstRef.current = true
      }
      return
    }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      const step = e.key === 'ArrowDown' ? 1 : -1
      setActive((i) => (results.length === 0 ? 0 : (i + step + results.length) % results.length))
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
        <Form.Item style={{ marginBottom: 8 }} validateStatus={props.error ? 'error' : undefined} help={props.error ? <span data-testid="help-itemCode">{props.error}</span> : t('item.pickHint')}>
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
              onBlur={() => setOpen(false)}
              onFocus={() => setOpen(results.length > 0)}
            />
            {isOpen ? (
              <ul className="item-results" id={listId} role="listbox" ref={listRef} data-testid="item-results">
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
