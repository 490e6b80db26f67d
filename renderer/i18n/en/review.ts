import type { review as zh } from '../zh-CN/review'

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> }

export const review: Shape<typeof zh> = {
  department: 'Department',
  pickDepartment: 'This station has no review department (department in station.json): pick the department to review',
  count: '{{count}} to handle',
  counting: 'Counting…',
  empty: 'Nothing waiting for review in this department',
  loading: 'Loading…',
  keysHint: '↑↓ select · Enter open the case · the keys on the buttons act · Alt+P reprint the notice',
  current: 'Current case',
  none: 'Pick a case in the list below',
  certificate: 'Certificate',
  certificateNone: 'This item issues no certificate',
  certificateDue: 'To record on approval: {{type}}',
  certificateRecorded: '{{type}} {{number}} (issued {{issuedOn}})',
  printNotice: 'Reprint notice',
  approve: {
    title: 'Approve · record the certificate · {{caseNo}}',
    type: 'Certificate type',
    number: 'Certificate number',
    issuedOn: 'Issued on (YYYY-MM-DD, empty = today)',
  },
  reject: {
    title: 'Refuse · {{caseNo}}',
    kind: 'Decision',
    kinds: { notPermitted: 'Permit refused', notAccepted: 'Application not accepted' },
    reason: 'Reason (printed on the notice)',
    legalBasis: 'Legal basis',
    legalBasisPlaceholder: 'e.g. Administrative Licensing Law, art. 38 (2)',
    remedies: 'The notice tells the applicant: administrative reconsideration within 60 days, or a lawsuit within 6 months',
  },
  supplement: {
    title: 'Supplement · one-time notice · {{caseNo}}',
    materials: 'Materials to supply (toggle with digit keys)',
    text: 'Anything else to supply or correct',
    dueDate: 'Supply by (optional, YYYY-MM-DD)',
    clock: 'The clock stops until the materials are supplied',
  },
  dialog: {
    confirm: 'OK',
    cancel: 'Cancel',
    keys: 'Ctrl+Enter OK · Esc cancel',
  },
  notice: {
    title: 'Notice',
    printing: 'Making the PDF…',
    printed: 'PDF saved: {{path}}',
    failed: 'PDF failed: {{reason}} (press “Print again” to retry)',
    again: 'Print again',
    done: 'Done',
  },
}
