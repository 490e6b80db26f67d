/**
 * The printer driver: one document, one connection. Asks the printer's
 * real-time status first where it answers (ESC/POS `DLE EOT`, TSC `ESC ! ?`),
 * refuses to send into a printer that says it is out of paper, open or
 * offline, then writes the job and closes. "Printed" means the printer took
 * every byte — over raw 9100 nothing more is knowable (specs/dispatch.md §B5).
 */
import type { LabelDocument, ReceiptDocument } from '../../domain/print/printDocument'
import { escposReceiptBytes } from './escposWriter'
import { openPrinterConnection, type ConnectionTimeouts } from './printerConnection'
import { PrinterError } from './printerError'
import {
  ESCPOS_STATUS_ANSWER_LENGTH,
  ESCPOS_STATUS_QUERY,
  parseEscposStatus,
  parseTsplStatus,
  statusProblem,
  TSPL_STATUS_ANSWER_LENGTH,
  TSPL_STATUS_QUERY,
  type PrinterStatus,
} from './printerStatus'
import { tsplLabelBytes, type TsplOptions } from './tsplWriter'

export type PrinterProtocol = 'escpos' | 'tspl'

export interface PrinterDriverOptions {
  timeouts?: Partial<ConnectionTimeouts>
  /** How long to wait for a status answer before deciding this printer does not give one. */
  statusTimeoutMs?: number
  tspl?: TsplOptions
}

export interface PrintResult {
  bytes: number
  /** The status read before sending, or null when the printer (or its link) does not answer. */
  status: PrinterStatus | null
}

function flagMayHavePrinted<T>(err: T): T {
  if (err instanceof PrinterError) err.mayHavePrinted = true
  return err
}

export class PrinterDriver {
  constructor(
    readonly uri: string,
    readonly protocol: PrinterProtocol,
    private readonly options: PrinterDriverOptions = {},
  ) {}

  /** The document as this printer's bytes. A label printer in ESC/POS mode takes the receipt-form label. */
  encode(doc: ReceiptDocument | LabelDocument): Buffer {
    if (this.protocol === 'escpos') {
      if (doc.format !== 'receipt') throw new RangeError('ESC/POS 打印机只能打印小票格式的文档（面单请用小票版式）')
      return escposReceiptBytes(doc)
    }
    if (doc.format !== 'label') throw new RangeError('TSPL 标签打印机只能打印标签格式的文档')
    return tsplLabelBytes(doc, this.options.tspl)
  }

  async print(doc: ReceiptDocument | LabelDocument): Promise<PrintResult> {
    return this.send(this.encode(doc))
  }

  /**
   * Sends prepared bytes after the status check; throws PrinterError when the
   * printer cannot take them now — with `mayHavePrinted` set once the write
   * has begun (a timeout or reset then may leave part of the job on paper).
   */
  async send(bytes: Buffer): Promise<PrintResult> {
    const connection = await openPrinterConnection(this.uri, this.options.timeouts)
    let isSending = false
    let status: PrinterStatus | null
    try {
      status = connection.canAnswer ? await this.readStatus(connection) : null
      const problem = status ? statusProblem(status) : null
      if (problem) throw new PrinterError(problem.reason, `打印机 ${this.uri} ${problem.message}`, this.uri)
      isSending = true
      await connection.write(bytes)
    } catch (err) {
      // The first error is the one that says why; a close after it adds nothing.
      await connection.close().catch(() => undefined)
      throw isSending ? flagMayHavePrinted(err) : err
    }
    // Closing is part of sending: a printer that resets the link now may have dropped all or part of the job.
    try {
      await connection.close()
    } catch (err) {
      throw flagMayHavePrinted(err)
    }
    return { bytes: bytes.length, status }
  }

  /** Opens, asks, closes: for the device light. Null when the printer does not report status. */
  async status(): Promise<PrinterStatus | null> {
    const connection = await openPrinterConnection(this.uri, this.options.timeouts)
    try {
      return connection.canAnswer ? await this.readStatus(connection) : null
    } finally {
      // Nothing was sent: how the link ends does not change the answer.
      await connection.close().catch(() => undefined)
    }
  }

  private async readStatus(connection: Awaited<ReturnType<typeof openPrinterConnection>>): Promise<PrinterStatus | null> {
    const timeout = this.options.statusTimeoutMs ?? 800
    if (this.protocol === 'escpos') {
      const answer = await connection.query(ESCPOS_STATUS_QUERY, ESCPOS_STATUS_ANSWER_LENGTH, timeout)
      return answer ? parseEscposStatus(answer) : null
    }
    const answer = await connection.query(TSPL_STATUS_QUERY, TSPL_STATUS_ANSWER_LENGTH, timeout)
    return answer ? parseTsplStatus(answer) : null
  }
}
