/**
 * The queue's active row, marked on the DOM row itself (a div: antd's
 * virtual body has no <tr>). Through React it would mean re-rendering the virtual table (antd walks every loaded row:
 * ~0.1 s per arrow key with 10,000 rows loaded) or rewriting a style sheet
 * (a full style recalculation); a class on one row costs nothing. Rows come
 * and go as the list scrolls, so a MutationObserver puts the mark back.
 */
import { useEffect, type RefObject } from 'react'

const ACTIVE = 'queue-row-active'

export function useActiveRow(listRef: RefObject<HTMLElement | null>, caseNo: string | null): void {
  useEffect(() => {
    const root = listRef.current
    if (!root) return
    const mark = (): void => {
      for (const el of root.querySelectorAll(`.${ACTIVE}`)) if (el.getAttribute('data-case-no') !== caseNo) el.classList.remove(ACTIVE)
      if (caseNo) root.querySelector(`[data-case-no="${CSS.escape(caseNo)}"]`)?.classList.add(ACTIVE)
    }
    mark()
    const observer = new MutationObserver(mark)
    observer.observe(root, { childList: true, subtree: true })
    return () => observer.disconnect()
  }, [listRef, caseNo])
}

/** Whether the row is wholly inside the table's scrolling body: then it needs no scrolling to. */
export function isRowInView(listRef: RefObject<HTMLElement | null>, caseNo: string): boolean {
  const root = listRef.current
  const row = root?.querySelector(`[data-case-no="${CSS.escape(caseNo)}"]`)
  const body = root?.querySelector('.ant-table-tbody-virtual-holder, .ant-table-body')
  if (!row || !body) return false
  const r = row.getBoundingClientRect()
  const b = body.getBoundingClientRect()
  return r.top >= b.top && r.bottom <= b.bottom
}
