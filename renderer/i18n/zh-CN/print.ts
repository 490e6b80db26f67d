/** Printing: the preview of receipts, labels and A4 sheets, and the print job list. */
export const print = {
  previewTitle: '打印预览',
  loading: '正在排版…',
  failed: '无法预览：{{reason}}',
  zoom: { fit: '适合宽度', actual: '实际大小' },
  target: { receipt: '80 mm 小票', label: '100×150 mm 面单', a4: 'A4' },
  print: '打印',
  reprint: '补打',
  exportPdf: '导出 PDF',
  pdfSaved: 'PDF 已保存：{{path}}',
  queued: '已加入打印队列（作业 #{{id}}）',
  screenPreview: '屏幕预览',
  previewOnly: '屏幕预览：未连接打印机，未出纸',
}
