/**
 * The handover done: the case number big, who took it (masked), and the
 * output receipt (出件回执) as printed — shown here rather than in the print
 * host's dialog, which would cover the next person's card tap.
 */
import { Button, Result, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import { maskIdNumber, maskName } from '../../../main/domain/masking'
import { PrintPreview } from '../../components/PrintPreview'
import { RatingOffer } from '../ratings/RatingOffer'
import type { Collected } from './useOutputDesk'

export function CollectedResult({ collected, onNext }: { collected: Collected; onNext(): void }): React.JSX.Element {
  const { t } = useTranslation('output')
  const { detail, collector, role } = collected
  return (
    <div className="output-result" data-testid="output-result" data-case-no={detail.caseNo} data-state={detail.state}>
      <Result
        status="success"
        title={<span data-testid="output-result-title">{t('done.title', { caseNo: detail.caseNo })}</span>}
        subTitle={t('done.subtitle', { role: t(`verdict.role.${role}`), name: `${maskName(collector.name)}（${maskIdNumber(collector.idNumber)}）` })}
        extra={
          // Focus here: Enter (or Esc anywhere) clears the window for the next person.
          <>
            <Button type="primary" autoFocus onClick={onNext} data-testid="output-next">
              {t('done.next')} <Tag className="button-key">Esc</Tag>
            </Button>
            {/* 一次一评: the output visit is rated here, as the intake's is after acceptance. */}
            <RatingOffer caseNo={detail.caseNo} visit="output" />
          </>
        }
      />
      <PrintPreview source={{ kind: 'outputReceipt', caseNo: detail.caseNo }} actions={false} />
    </div>
  )
}
