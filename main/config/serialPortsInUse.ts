/**
 * The serial paths the station config already gives to a device. Whatever
 * probes for its device (the ID card reader with no port configured, the
 * scanner with none) skips all of them: a SAM status frame written into a
 * receipt or label printer comes out as a strip of garbage.
 */
import { parsePrinterUri } from '../devices/printer/printerUri'
import type { StationConfig } from './stationConfig'

export function serialPortsInUse(devices: StationConfig['devices']): string[] {
  const paths: string[] = []
  if (devices.idcard.port) paths.push(devices.idcard.port)
  if (devices.scanner.port) paths.push(devices.scanner.port)
  for (const printer of [devices.receiptPrinter, devices.labelPrinter]) {
    if (!printer.uri) continue
    // The config already refused an address this parser cannot read.
    const address = parsePrinterUri(printer.uri)
    // A device-file printer (`/dev/ttyUSB0` written as a path) is as much off limits as `serial:`.
    if (address.kind !== 'tcp') paths.push(address.path)
  }
  return [...new Set(paths)]
}
