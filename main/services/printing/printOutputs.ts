/**
 * Where the queue sends a document: a real printer through its driver, or
 * nowhere (preview mode — the demo hall, no printer configured — where a job
 * completes as an on-screen preview). Built from the station config.
 */
import type { StationConfig } from '../../config/stationConfig'
import { PrinterDriver, type PrinterDriverOptions } from '../../devices/printer/printerDriver'
import type { PrinterStatus } from '../../devices/printer/printerStatus'
import type { LabelDocument, ReceiptDocument } from '../../domain/print/printDocument'
import type { BuildOptions } from '../../domain/print/printKinds'
import type { PrinterRole } from '../../store/printJobsRepository'

export interface PrintOutput {
  readonly mode: 'preview' | 'printer'
  /** How documents must be built for this output (receipt columns; a label printer in ESC/POS takes receipt-form labels). */
  readonly buildOptions: BuildOptions
  /** Human name for messages and the device light. */
  readonly description: string
  /** Resolves when the printer took every byte; throws PrinterError when it cannot now. */
  print(doc: ReceiptDocument | LabelDocument): Promise<void>
  /** The printer's own status where it reports one; null when it does not (or in preview). */
  status(): Promise<PrinterStatus | null>
}

export class PreviewOutput implements PrintOutput {
  readonly mode = 'preview'
  readonly description = '屏幕预览（未接打印机）'
  constructor(readonly buildOptions: BuildOptions) {}
  print(): Promise<void> {
    return Promise.resolve()
  }
  status(): Promise<PrinterStatus | null> {
    return Promise.resolve(null)
  }
}

export class PrinterOutput implements PrintOutput {
  readonly mode = 'printer'
  readonly description: string
  private readonly driver: PrinterDriver

  constructor(
    uri: string,
    protocol: 'escpos' | 'tspl',
    readonly buildOptions: BuildOptions,
    options: PrinterDriverOptions = {},
  ) {
    this.driver = new PrinterDriver(uri, protocol, options)
    this.description = `${protocol === 'escpos' ? 'ESC/POS' : 'TSPL'} ${uri}`
  }

  async print(doc: ReceiptDocument | LabelDocument): Promise<void> {
    await this.driver.print(doc)
  }

  status(): Promise<PrinterStatus | null> {
    return this.driver.status()
  }
}

/** The two outputs a station has, from `devices.receiptPrinter` and `devices.labelPrinter`. */
export function outputsFromConfig(config: StationConfig, driverOptions: PrinterDriverOptions = {}): Record<PrinterRole, PrintOutput> {
  const receiptColumns = config.devices.receiptPrinter.widthMm === 58 ? 32 : 48
  const r = config.devices.receiptPrinter
  const l = config.devices.labelPrinter
  const receipt: PrintOutput =
    r.mode === 'escpos' && r.uri ? new PrinterOutput(r.uri, 'escpos', { receiptColumns }, driverOptions) : new PreviewOutput({ receiptColumns })
  let label: PrintOutput
  if (l.mode === 'tspl' && l.uri) label = new PrinterOutput(l.uri, 'tspl', { labelAs: 'label' }, { ...driverOptions, tspl: { sendCodepage936: l.sendCodepage936 } })
  else if (l.mode === 'escpos' && l.uri) label = new PrinterOutput(l.uri, 'escpos', { labelAs: 'receipt', receiptColumns: 48 }, driverOptions)
  else label = new PreviewOutput({ labelAs: 'label' })
  return { receipt, label }
}
