import { Button, Tag } from 'antd'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PrintPreview } from '../../components/PrintPreview'

/**
 * The acceptance receipt (受理回执) offered with the result: Alt+P shows it
 * exactly as it prints (printing area's preview), with its print actions.
 * Shown on request only: most applicants take the receipt, some decline paper.
 */
export function ReceiptOffer({ caseNo }: { caseNo: string }): React.JSX.Element {
  const { t } = useTranslation('intake')
  const [isShown, setShown] = useState(false)

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.altKey && !e.ctrlKey && e.code === 'KeyP') {
        e.preventDefault()
        setShown((shown) => !shown)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  return (
    <div data-testid="receipt-offer">
      <Button onClick={() => setShown((shown) => !shown)} data-testid="receipt-show">
        {t('result.printReceipt')} <Tag className="button-key">Alt+P</Tag>
      </Button>
      {isShown ? (
        <div style={{ marginTop: 8 }}>
          <PrintPreview source={{ kind: 'acceptanceReceipt', caseNo }} />
        </div>
      ) : null}
    </div>
  )
}
