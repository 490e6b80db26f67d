/**
 * The collector's results waiting at the window, oldest first, each with the
 * role they collect it in; the one in hand is marked. A click (or Enter on a
 * focused row) takes another one in hand.
 */
import { Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { FoundCase } from './useOutputDesk'

export function FoundList(props: { rows: FoundCase[]; selected: string | null; collectorName: string; onSelect(row: FoundCase): void }): React.JSX.Element {
  const { t } = useTranslation('output')
  return (
    <div className="output-found" data-testid="output-found" data-count={props.rows.length}>
      <Typography.Text strong>{t('collector.found', { name: props.collectorName, count: props.rows.length })}</Typography.Text>
      <ul className="output-found-list">
        {props.rows.map((row) => {
          const isSelected = row.caseNo === props.selected
          return (
            <li key={row.caseNo}>
              <button
                type="button"
                className={isSelected ? 'output-found-row output-found-row-selected' : 'output-found-row'}
                aria-pressed={isSelected}
                data-testid="output-found-row"
                data-case-no={row.caseNo}
                onClick={() => props.onSelect(row)}
              >
                <span className="output-found-no">{row.caseNo}</span>
                <span>{row.itemName}</span>
                <Tag>{t(`list.role.${row.role}`)}</Tag>
              </button>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
