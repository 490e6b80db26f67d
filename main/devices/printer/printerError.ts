/**
 * Why a printer did not take a job, as a reason the queue can act on and a
 * one-line Chinese message staff can act on. Every reason here means "the
 * printer, not the document": the job waits and is tried again.
 */
export type PrinterFailure =
  | 'bad_uri'
  | 'unreachable'
  | 'timeout'
  | 'disconnected'
  | 'not_found'
  | 'permission'
  | 'paper_out'
  | 'cover_open'
  | 'offline'
  | 'printer_error'

/**
 * A few words per failure for the status bar and the CLI; the full message
 * (with the printer's address) is in the job's history. A Record, so a new
 * failure kind without its words does not compile.
 */
export const printerFailureWords: Record<PrinterFailure, string> = {
  bad_uri: '打印机地址有误',
  unreachable: '连不上打印机',
  timeout: '打印机无响应',
  disconnected: '连接中断',
  not_found: '打印机未连接',
  permission: '无权访问打印机',
  paper_out: '缺纸',
  cover_open: '纸仓盖未关',
  offline: '打印机脱机',
  printer_error: '打印机故障',
}

export class PrinterError extends Error {
  /**
   * Set by the driver when the error came while or after bytes of the job
   * went out: part or all of it may be on paper, so the retry is labelled
   * 重发·可能重复. Left false when nothing was sent (refused, paper out).
   */
  mayHavePrinted = false

  constructor(
    readonly reason: PrinterFailure,
    message: string,
    readonly uri: string,
  ) {
    super(message)
    this.name = 'PrinterError'
  }
}

/** Maps a Node socket / file / serial error to a reason and a message naming the printer. */
export function printerErrorFrom(err: unknown, uri: string, doing: string): PrinterError {
  if (err instanceof PrinterError) return err
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : ''
  const detail = err instanceof Error ? err.message : String(err)
  switch (code) {
    case 'ECONNREFUSED':
      return new PrinterError('unreachable', `打印机 ${uri} 拒绝连接（未开机或端口不对）`, uri)
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new PrinterError('unreachable', `找不到打印机 ${uri}（网络不通或地址不对）`, uri)
    case 'ETIMEDOUT':
      return new PrinterError('timeout', `打印机 ${uri} ${doing}超时`, uri)
    case 'ECONNRESET':
    case 'EPIPE':
      return new PrinterError('disconnected', `打印机 ${uri} 在${doing}时断开了连接`, uri)
    case 'ENOENT':
    case 'ENODEV':
    case 'ENXIO':
      return new PrinterError('not_found', `打印机设备 ${uri} 不存在（USB 线是否拔掉？）`, uri)
    case 'EACCES':
    case 'EPERM':
      return new PrinterError('permission', `没有权限写打印机设备 ${uri}（当前用户需加入 lp 组）`, uri)
    default:
      return new PrinterError('disconnected', `打印机 ${uri} ${doing}失败：${detail}`, uri)
  }
}
