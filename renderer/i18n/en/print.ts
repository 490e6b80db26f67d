import type { print as zh } from '../zh-CN/print'

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> }

/** Printing: the preview of receipts, labels and A4 sheets, and the print job list. */
export const print: Shape<typeof zh> = {
  previewTitle: 'Print preview',
  loading: 'Laying out…',
  failed: 'Cannot preview: {{reason}}',
  zoom: { fit: 'Fit width', actual: 'Actual size' },
  target: { receipt: '80 mm receipt', label: '100×150 mm label', a4: 'A4' },
  print: 'Print',
  reprint: 'Reprint',
  exportPdf: 'Export PDF',
  pdfSaved: 'PDF saved: {{path}}',
  queued: 'Queued for printing (job #{{id}})',
  screenPreview: 'Screen preview',
  previewOnly: 'Screen preview: no printer connected, nothing printed',
}
