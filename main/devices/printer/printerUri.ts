import { PrinterError } from './printerError'

/** Where a printer is: a raw TCP port (9100), a device file (`/dev/usb/lp0`), or a serial port. */
export type PrinterAddress =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'file'; path: string }
  | { kind: 'serial'; path: string; baudRate: number }

/**
 * Parses `tcp://HOST:PORT` (port defaults to 9100), `serial:PATH[?baud=N]`
 * (9600 by default, what TSC and Xprinter ship with), or a device file path.
 */
export function parsePrinterUri(uri: string): PrinterAddress {
  const value = uri.trim()
  const tcp = /^tcp:\/\/(\[[^\]]+\]|[^\s:/]+)(?::(\d{1,5}))?\/?$/i.exec(value)
  if (tcp) {
    const port = tcp[2] === undefined ? 9100 : Number(tcp[2])
    if (port < 1 || port > 65535) throw new PrinterError('bad_uri', `打印机地址 ${uri} 的端口 ${port} 超出 1–65535`, uri)
    return { kind: 'tcp', host: tcp[1]!.replace(/^\[|\]$/g, ''), port }
  }
  const serial = /^serial:([^?\s]+)(?:\?baud=(\d+))?$/i.exec(value)
  if (serial) return { kind: 'serial', path: serial[1]!, baudRate: serial[2] ? Number(serial[2]) : 9600 }
  if (value.startsWith('/') || /^[A-Za-z]:\\/.test(value) || value.startsWith('\\\\')) return { kind: 'file', path: value }
  throw new PrinterError('bad_uri', `打印机地址 "${uri}" 无法识别：应为 tcp://主机:端口、serial:设备路径 或 设备文件路径（如 /dev/usb/lp0）`, uri)
}
