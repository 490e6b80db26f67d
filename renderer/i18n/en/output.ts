import type { output as zh } from '../zh-CN/output'

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> }

/** The output window (统一窗口出件): the card tap, who may collect, the certificate check, the signature, the receipt. */
export const output: Shape<typeof zh> = {
  keys: 'Tap ID card to find · Alt+S scan/type case number · Alt+I type collector · Enter confirm certificate number · Ctrl+Enter hand over · Alt+W name an agent · Esc next person',
  collector: {
    title: 'Collector',
    none: 'Ask the collector to tap their ID card on the reader, or press Alt+I to type name and ID number',
    fromCard: 'Card read',
    typed: 'Typed',
    name: 'Name',
    idNumber: 'ID number',
    find: 'Find',
    expired: 'The card expired on {{date}}: check a valid ID document',
    refusedCard: 'The card cannot be used: {{reason}}',
    found_one: '{{name}} has {{count}} case ready for collection',
    found_other: '{{name}} has {{count}} cases ready for collection',
    foundNone: '{{name}} has no case ready for collection (as applicant, handler or named agent). Scan a receipt or type a case number to look',
  },
  entry: {
    label: 'Scan the receipt barcode, or type the case number and press Enter',
    placeholder: 'Case number / receipt barcode',
    go: 'Open',
  },
  list: {
    title: 'Ready for collection',
    role: { applicant: 'in person', handler: 'handler', agent: 'agent' },
  },
  caseInfo: {
    applicant: 'Applicant',
    item: 'Item',
    acceptedAt: 'Accepted',
    state: 'State',
    certificate: 'Certificate recorded at approval',
    noCertificate: 'No certificate recorded at approval (its number is not checked)',
    agent: 'Named agent',
    agentNoLetter: 'no authorisation letter on file',
  },
  verdict: {
    allowed: 'May collect: {{role}}',
    refused: 'May not collect',
    mayCollect: 'Who may collect',
    nobody: 'Nobody is named who may collect this case',
    agentHint: 'Collecting for someone else: photograph the applicant’s authorisation letter and press Alt+W to name the agent',
    noCollector: 'Ask the collector to tap their ID card',
    role: { applicant: 'the applicant in person', handler: 'the enterprise’s handler', agent: 'the authorised agent' },
  },
  certificate: {
    label: 'Certificate number ({{type}})',
    labelNone: 'Certificate number (none recorded at approval; may stay empty)',
    hint: 'Check it against the certificate in hand and press Enter, or scan the number on the certificate',
    confirmed: 'Confirmed',
  },
  signature: {
    label: 'Collector’s signature',
    hint: 'Ask the collector to sign in the box',
    clear: 'Sign again',
    missing: 'The collector must sign',
  },
  collect: 'Hand over',
  collecting: 'Handing over…',
  done: {
    title: 'Collected: {{caseNo}}',
    subtitle: '{{role}} {{name}} · output receipt printed',
    next: 'Next person (Esc)',
  },
  agent: {
    open: 'Name an agent',
    title: 'Name the authorised agent · {{caseNo}}',
    intro: 'An agent needs the applicant’s authorisation letter. Photograph the letter with the document camera, check the agent’s ID card, then name them.',
    letter: 'Authorisation letter',
    name: 'Agent’s name',
    idNumber: 'Agent’s ID number',
    confirm: 'Name the agent',
    noLetter: 'Photograph the authorisation letter first',
    recorded: 'Agent {{name}} named',
  },
  noCase: 'Tap an ID card, scan a receipt or type a case number to pick the case to hand over',
}
