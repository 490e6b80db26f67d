import { describe, expect, it } from 'vitest'
import { PrinterError } from '../../../main/devices/printer/printerError'
import { parsePrinterUri } from '../../../main/devices/printer/printerUri'

describe('printer addresses', () => {
  it('reads a network printer, port 9100 when none is given', () => {
    expect(parsePrinterUri('tcp://192.168.1.50:9100')).toEqual({ kind: 'tcp', host: '192.168.1.50', port: 9100 })
    expect(parsePrinterUri('tcp://printer.local')).toEqual({ kind: 'tcp', host: 'printer.local', port: 9100 })
  })

  it('reads a USB device file and a serial port with its speed', () => {
    expect(parsePrinterUri('/dev/usb/lp0')).toEqual({ kind: 'file', path: '/dev/usb/lp0' })
    expect(parsePrinterUri('serial:/dev/ttyUSB0')).toEqual({ kind: 'serial', path: '/dev/ttyUSB0', baudRate: 9600 })
    expect(parsePrinterUri('serial:/dev/ttyS1?baud=115200')).toEqual({ kind: 'serial', path: '/dev/ttyS1', baudRate: 115200 })
  })

  it('names what is wrong with an address it cannot use', () => {
    expect(() => parsePrinterUri('printer:auto')).toThrow(PrinterError)
    expect(() => parsePrinterUri('tcp://host:70000')).toThrow(/端口 70000/)
  })
})
