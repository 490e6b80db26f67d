import { describe, expect, it } from 'vitest'
import { serialPortsInUse } from '../../../main/config/serialPortsInUse'
import { parseStationConfig, type StationConfigInput } from '../../../main/config/stationConfig'

const devicesOf = (devices: StationConfigInput['devices']) => parseStationConfig({ devices }, '/data').devices

describe('serial ports in use', () => {
  it('lists the scanner port and every serial printer, so a probing reader skips them', () => {
    const devices = devicesOf({
      idcard: { mode: 'serial' },
      scanner: { mode: 'serial', port: '/dev/ttyACM0' },
      receiptPrinter: { mode: 'escpos', uri: 'serial:/dev/ttyUSB1?baud=19200' },
      labelPrinter: { mode: 'tspl', uri: 'serial:/dev/ttyUSB2' },
    })
    expect(serialPortsInUse(devices)).toEqual(['/dev/ttyACM0', '/dev/ttyUSB1', '/dev/ttyUSB2'])
  })

  it('lists the reader port for a probing scanner, and a printer given as a device file', () => {
    const devices = devicesOf({
      idcard: { mode: 'serial', port: '/dev/ttyUSB0' },
      scanner: { mode: 'serial' },
      receiptPrinter: { mode: 'escpos', uri: '/dev/ttyS1' },
    })
    expect(serialPortsInUse(devices)).toEqual(['/dev/ttyUSB0', '/dev/ttyS1'])
  })

  it('leaves out network printers and names a shared path once', () => {
    const devices = devicesOf({
      scanner: { mode: 'serial', port: '/dev/ttyUSB3' },
      receiptPrinter: { mode: 'escpos', uri: 'tcp://127.0.0.1:9100' },
      labelPrinter: { mode: 'tspl', uri: 'serial:/dev/ttyUSB3' },
    })
    expect(serialPortsInUse(devices)).toEqual(['/dev/ttyUSB3'])
  })

  it('is empty for the demo hall', () => {
    expect(serialPortsInUse(devicesOf({}))).toEqual([])
  })
})
