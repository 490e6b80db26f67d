/**
 * Which serial port is a barcode scanner, when none is configured.
 *
 * A scanner in serial mode answers no command we could probe with (it only
 * talks when it reads a code), so the only evidence is the USB descriptor.
 * The rule:
 *   1. a port whose USB vendor id belongs to a barcode-scanner maker, or whose
 *      manufacturer string names one (or says "scanner"/"barcode"), is a
 *      candidate;
 *   2. generic USB-serial bridges (CH340, PL2303, FTDI, CP210x) are NOT
 *      candidates: ID card readers and printers use the same chips, and
 *      grabbing the ID reader's port would break intake;
 *   3. ports in `exclude` (the ID reader's configured port) never are;
 *   4. of several candidates, the first by path wins (stable across restarts).
 * No candidate → no port: configure `devices.scanner.port` explicitly.
 */

/** The fields of serialport's PortInfo the rule reads. */
export interface PortDescription {
  path: string
  manufacturer?: string | undefined
  vendorId?: string | undefined
  productId?: string | undefined
}

/** USB vendor ids of barcode-scanner makers (lower-case hex, as serialport reports them on Linux). */
export const scannerVendorIds: ReadonlyMap<string, string> = new Map([
  ['0c2e', 'Honeywell / Hand Held Products / Metrologic'],
  ['05e0', 'Zebra / Symbol'],
  ['05f9', 'Datalogic'],
  ['1eab', 'Newland 新大陆'],
  ['065a', 'Opticon'],
])

const scannerMakerPattern = /honeywell|hand ?held|metrologic|zebra|symbol|datalogic|newland|新大陆|opticon|scanner|barcode|扫描|扫码/i

export function isLikelyScanner(port: PortDescription): boolean {
  const vendor = port.vendorId?.toLowerCase()
  if (vendor !== undefined && scannerVendorIds.has(vendor)) return true
  return port.manufacturer !== undefined && scannerMakerPattern.test(port.manufacturer)
}

export function pickScannerPort(ports: readonly PortDescription[], exclude: readonly string[] = []): PortDescription | undefined {
  return ports
    .filter((p) => !exclude.includes(p.path) && isLikelyScanner(p))
    .sort((a, b) => a.path.localeCompare(b.path))[0]
}
