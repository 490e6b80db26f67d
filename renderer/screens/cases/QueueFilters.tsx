import { Button, DatePicker, Input, Select, Space, Tag, type InputRef } from 'antd'
import dayjs from 'dayjs'
import { memo, useEffect, useState, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../bridge/client'
import { stateColours } from './queueColumns'
import { emptyFilters, isFiltered, type CaseState, type QueueFilterState, type QueueLight, type QueueSort } from './queueModel'

// Every state has a colour (a checked Record): a new state shows up in the filter without anyone listing it here.
const caseStates = Object.keys(stateColours) as CaseState[]
const lights: readonly QueueLight[] = ['green', 'yellow', 'red', 'paused']
const sorts: readonly QueueSort[] = ['newest', 'oldest', 'deadline']
const SEARCH_DELAY_MS = 250

/**
 * The queue's filters: one search box for case number, name, phone or ID
 * number (main works out which it is), then state, item, light and the
 * acceptance date range. Enter and ↓ in the search hand over to the list.
 */
// Memoised: the queue re-renders on every arrow key, the filters need not.
export const QueueFilters = memo(function QueueFilters(props: {
  value: QueueFilterState
  onChange: (next: QueueFilterState) => void
  searchRef: RefObject<InputRef | null>
  onSearchEnter: (text: string) => void
  onSearchDown: () => void
}): React.JSX.Element {
  const { t } = useTranslation('cases')
  const { value, onChange } = props
  const [text, setText] = useState(value.text)
  const [itemOptions, setItemOptions] = useState<Array<{ value: string; label: string }>>([])

  // The filter follows the typing after a pause; a cleared filter (Clear) clears the box.
  useEffect(() => setText(value.text), [value.text])
  useEffect(() => {
    if (text === value.text) return
    const timer = window.setTimeout(() => onChange({ ...value, text }), SEARCH_DELAY_MS)
    return () => window.clearTimeout(timer)
  }, [text, value, onChange])

  const searchItems = (query: string): void => {
    call('catalog.search', { query, limit: 20 }).then(
      (items) => setItemOptions(items.map((i) => ({ value: i.code, label: `${i.name}（${i.code}）` }))),
      () => undefined,
    )
  }

  return (
    <Space wrap size="small" className="queue-filters" data-testid="queue-filters">
      <Input
        ref={props.searchRef}
        allowClear
        // Wide enough for the whole placeholder beside the Alt+S tag (the row still fits 1366 beside the menu).
        style={{ width: 320 }}
        value={text}
        placeholder={t('queue.search')}
        data-testid="queue-search"
        suffix={<Tag className="button-key">Alt+S</Tag>}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault()
            // Apply at once: the clerk pressed Enter, the pause is not needed.
            if (text !== value.text) onChange({ ...value, text })
            props.onSearchEnter(text)
          } else if (e.key === 'ArrowDown') {
            e.preventDefault()
            props.onSearchDown()
          } else if (e.key === 'Escape' && text !== '') {
            setText('')
          }
        }}
      />
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        style={{ width: 150 }}
        placeholder={t('queue.states')}
        data-testid="filter-states"
        value={value.states}
        options={caseStates.map((s) => ({ value: s, label: t(`states.${s}`) }))}
        onChange={(states: CaseState[]) => onChange({ ...value, states })}
      />
      <Select
        showSearch={{ filterOption: false, onSearch: searchItems }}
        allowClear
        style={{ width: 170 }}
        placeholder={t('queue.item')}
        data-testid="filter-item"
        value={value.itemCode ?? undefined}
        options={itemOptions}
        onFocus={() => itemOptions.length === 0 && searchItems('')}
        onChange={(itemCode: string | undefined) => onChange({ ...value, itemCode: itemCode ?? null })}
      />
      <Select
        allowClear
        style={{ width: 120 }}
        placeholder={t('queue.light')}
        data-testid="filter-light"
        value={value.light ?? undefined}
        options={lights.map((l) => ({ value: l, label: <LightOption light={l} label={t(`lights.${l}`)} /> }))}
        onChange={(light: QueueLight | undefined) => onChange({ ...value, light: light ?? null })}
      />
      <DatePicker.RangePicker
        style={{ width: 240 }}
        placeholder={[t('queue.dateFrom'), t('queue.dateTo')]}
        data-testid="filter-dates"
        allowEmpty={[true, true]}
        value={[value.acceptedFrom ? dayjs(value.acceptedFrom) : null, value.acceptedTo ? dayjs(value.acceptedTo) : null]}
        onChange={(range) =>
          onChange({ ...value, acceptedFrom: range?.[0] ? range[0].format('YYYY-MM-DD') : null, acceptedTo: range?.[1] ? range[1].format('YYYY-MM-DD') : null })
        }
      />
      <Select
        style={{ width: 110 }}
        data-testid="filter-sort"
        value={value.sort}
        options={sorts.map((s) => ({ value: s, label: t(`queue.sorts.${s}`) }))}
        onChange={(sort: QueueSort) => onChange({ ...value, sort })}
      />
      {isFiltered(value) ? (
        <Button onClick={() => onChange({ ...emptyFilters, sort: value.sort })} data-testid="filter-clear">
          {t('queue.clear')}
        </Button>
      ) : null}
    </Space>
  )
})

function LightOption({ light, label }: { light: QueueLight; label: string }): React.JSX.Element {
  return (
    <span className="deadline-light">
      <span className={`light-dot light-${light}`} aria-hidden /> {label}
    </span>
  )
}
