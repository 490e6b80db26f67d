import { describe, expect, it } from 'vitest'
import { readerCandidatePaths } from '../../../main/devices/idcard/samPort'
import { pickScannerPort } from '../../../main/devices/scanner/scannerPorts'

describe('ports probed for an ID card reader', () => {
  it('never includes the port the scanner driver would pick on its own', () => {
    const ports = [
      { path: '/dev/ttyACM0', manufacturer: 'Honeywell Imaging & Mobility', vendorId: '0c2e' },
      { path: '/dev/ttyACM1', manufacturer: 'Barcode Scanner CDC' },
      { path: '/dev/ttyUSB0', manufacturer: 'wch.cn', vendorId: '1a86' },
      { path: '/dev/ttyUSB1', manufacturer: 'Prolific Technology Inc.', vendorId: '067b' },
    ]
    const candidates = readerCandidatePaths(ports)
    expect(candidates).toEqual(['/dev/ttyUSB0', '/dev/ttyUSB1'])
    expect(candidates).not.toContain(pickScannerPort(ports)?.path)
  })
})
