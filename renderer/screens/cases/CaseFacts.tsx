import { Card, Descriptions, Table, Tag, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { localDateTime } from '../../localTime'
import { DaysLeftText, DeadlineLight } from './DeadlineLight'
import { ProvisionalTag } from './ProvisionalDeadline'
import type { CaseDetail } from './queueModel'

type MaterialRow = CaseDetail['materials'][number]

const yuan = (cents: number): string => `¥${(cents / 100).toFixed(2)}`

/**
 * Everything recorded about the case. The applicant's ID number appears in
 * full here and nowhere else (lists mask it): the case page is where the
 * clerk checks it against the person.
 */
export function CaseFacts({ detail: d }: { detail: CaseDetail }): React.JSX.Element {
  const { t } = useTranslation('cases')
  const a = d.applicant
  return (
    <>
      <Card size="small">
        <Descriptions
          size="small"
          column={3}
          items={[
            { key: 'item', label: t('page.item'), span: 2, children: `${d.itemName}（${d.itemCode}）` },
            { key: 'department', label: t('page.department'), children: d.department },
            { key: 'acceptedAt', label: t('page.acceptedAt'), children: localDateTime(d.acceptedAt) },
            { key: 'by', label: t('page.acceptedBy'), children: `${d.operator} / ${d.stationId}` },
            { key: 'days', label: t('page.promisedDays'), children: t('page.days', { count: d.promisedDays }) },
            {
              key: 'deadline',
              label: t('page.deadline'),
              span: 3,
              children: (
                <span className="deadline-cell" data-testid="case-deadline">
                  <DeadlineLight row={d} /> {d.deadline} <DaysLeftText row={d} />
                  <ProvisionalTag provisional={d.deadlineProvisional} inline />
                  {d.pausedSince ? <Tag color="orange">{t('page.pausedSince', { date: d.pausedSince })}</Tag> : null}
                  {d.pausedDays > 0 ? <Tag>{t('page.pausedDays', { count: d.pausedDays })}</Tag> : null}
                </span>
              ),
            },
            // 证照: the one recorded at 准予 (the output window checks it), else the one the item will issue.
            ...(d.certificate || d.certificateType
              ? [
                  {
                    key: 'certificate',
                    label: t('page.certificate'),
                    span: 3,
                    children: (
                      <span data-testid="case-certificate">
                        {d.certificate ? t('page.certificateRecorded', d.certificate) : t('page.certificatePending', { type: d.certificateType })}
                      </span>
                    ),
                  },
                ]
              : []),
            // 代办: which branch took it, its clerk, and the authorisation they checked and photographed.
            ...(d.agent
              ? [
                  { key: 'agentBranch', label: t('agent.branch'), children: <span data-testid="case-agent-branch">{`${d.agent.branchName}（${d.agent.branchCode}）`}</span> },
                  { key: 'agentClerk', label: t('agent.clerk'), children: d.agent.agentName },
                  { key: 'authorisation', label: t('agent.authorisation'), children: t('agent.authorisationOk', { hash: d.agent.authorisationSha256.slice(0, 12) }) },
                ]
              : []),
          ]}
        />
      </Card>
      <Card size="small" title={`${t('page.applicant')} · ${t(`page.kind.${a.kind}`)}`}>
        <Descriptions
          size="small"
          column={2}
          items={[
            { key: 'name', label: t('page.name'), children: <span data-testid="case-applicant-name">{a.name}</span> },
            a.idNumber
              ? { key: 'id', label: t('page.idNumber'), children: <Typography.Text copyable data-testid="case-id-number">{a.idNumber}</Typography.Text> }
              : null,
            a.uscc ? { key: 'uscc', label: t('page.uscc'), children: <Typography.Text copyable>{a.uscc}</Typography.Text> } : null,
            { key: 'phone', label: t('page.phone'), children: a.phone },
            a.handlerName ? { key: 'handler', label: t('page.handler'), children: `${a.handlerName}${a.handlerIdNumber ? `（${a.handlerIdNumber}）` : ''}` } : null,
            a.address ? { key: 'address', label: t('page.address'), span: 2, children: a.address } : null,
            { key: 'fee', label: t('page.fee'), children: d.fee ? `${yuan(d.fee.cents)} ${d.fee.name} · ${t('page.receiptNo', { receiptNo: d.fee.receiptNo })}` : t('page.free') },
            {
              key: 'delivery',
              label: t('page.delivery'),
              children: d.express
                ? `${t('page.deliveries.express')}：${d.express.recipient} ${d.express.phone} ${d.express.province}${d.express.city}${d.express.district}${d.express.address}`
                : t(`page.deliveries.${d.delivery}`),
            },
            d.note ? { key: 'note', label: t('page.note'), span: 2, children: d.note } : null,
          ].filter((i) => i !== null)}
        />
      </Card>
      <Card size="small" title={t('page.materials')}>
        <Table<MaterialRow>
          size="small"
          pagination={false}
          rowKey="materialId"
          dataSource={d.materials}
          columns={[
            {
              key: 'name',
              title: t('page.material.name'),
              render: (_, m) => (
                <>
                  {m.name} <Tag color={m.required ? 'red' : 'default'}>{m.required ? t('page.material.required') : t('page.material.optional')}</Tag>
                </>
              ),
            },
            { key: 'form', title: t('page.material.form'), width: 120, render: (_, m) => t(`page.material.forms.${m.form}`) },
            { key: 'copies', title: t('page.material.copies'), width: 80, render: (_, m) => `${m.receivedCopies} / ${m.copies}` },
            {
              key: 'status',
              title: t('page.material.status'),
              width: 90,
              render: (_, m) => <Tag color={m.status === 'received' ? 'green' : m.status === 'deferred' ? 'orange' : 'default'}>{t(`page.material.statuses.${m.status}`)}</Tag>,
            },
            { key: 'promise', title: t('page.material.promiseDate'), width: 110, render: (_, m) => m.promiseDate ?? '' },
            { key: 'supplied', title: t('page.material.suppliedAt'), width: 150, render: (_, m) => (m.suppliedAt ? localDateTime(m.suppliedAt) : '') },
          ]}
        />
      </Card>
    </>
  )
}
