import { describe, expect, it } from 'vitest'
import { MAX_SCAN_BYTES, ScanFramer, terminatorBytes } from '../../../main/devices/scanner/scanFraming'
import { pickScannerPort } from '../../../main/devices/scanner/scannerPorts'

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8')

describe('scan framer', () => {
  it('completes a scan only when its suffix arrives, however the bytes are split', () => {
    const framer = new ScanFramer('CR')
    expect(framer.push(bytes('3203002'))).toEqual([])
    expect(framer.push(bytes('0261126'))).toEqual([])
    expect(framer.hasPending).toBe(true)
    expect(framer.push(bytes('001\r'))).toEqual(['32030020261126001'])
    expect(framer.hasPending).toBe(false)
  })

  it('yields one clean scan per code when the scanner sends CR LF but the station expects CR', () => {
    const framer = new ScanFramer('CR')
    expect(framer.push(bytes('AAA111\r\nBBB222\r\n'))).toEqual(['AAA111', 'BBB222'])
    // The LF left over between codes is line noise, not the start of the next code.
    expect(framer.push(bytes('CCC333\r'))).toEqual(['CCC333'])
  })

  it('leaves nothing waiting after a CR LF scan when the station expects CR', () => {
    const framer = new ScanFramer('CR')
    expect(framer.push(bytes('AAA111\r\n'))).toEqual(['AAA111'])
    expect(framer.hasPending).toBe(false)
    expect(framer.push(bytes('\t\n'))).toEqual([])
    expect(framer.hasPending).toBe(false)
  })

  it('splits on LF for CRLF and drops the CR and empty lines', () => {
    const framer = new ScanFramer('CRLF')
    expect(framer.push(bytes('\r\nSF1234567890\r\n\r\nYT0001\r\n'))).toEqual(['SF1234567890', 'YT0001'])
  })

  it('ends a scan on Tab when the scanner is set to Tab', () => {
    const framer = new ScanFramer('TAB')
    expect(framer.push(bytes('91320300MA1XYZ1234\tNEXT'))).toEqual(['91320300MA1XYZ1234'])
    expect(framer.discard()).toBe('NEXT')
  })

  it('with no suffix keeps everything until the line goes idle', () => {
    const framer = new ScanFramer('NONE')
    expect(framer.push(bytes('ABC\r123'))).toEqual([])
    expect(framer.flushIdle()).toEqual(['ABC\r123'])
    expect(framer.flushIdle()).toEqual([])
  })

  it('decodes UTF-8 so Chinese in a QR code survives serial mode', () => {
    const framer = new ScanFramer('LF')
    const text = '一窗通 32030020261126001'
    const encoded = bytes(`${text}\n`)
    // Split inside a multi-byte character.
    expect(framer.push(encoded.subarray(0, 2))).toEqual([])
    expect(framer.push(encoded.subarray(2))).toEqual([text])
  })

  it('drops a runaway line up to its suffix instead of buffering without end, and counts it', () => {
    const framer = new ScanFramer('CR')
    expect(framer.push(Buffer.alloc(MAX_SCAN_BYTES + 10, 0x41))).toEqual([])
    expect(framer.takeRunawayCount()).toBe(1)
    expect(framer.takeRunawayCount()).toBe(0)
    // The tail after the cut is part of the same runaway line, not a scan.
    expect(framer.push(bytes('\r'))).toEqual([])
    expect(framer.push(bytes('32030020261126001\r'))).toEqual(['32030020261126001'])
    expect(framer.takeRunawayCount()).toBe(0)
  })

  it('with no suffix drops a runaway line up to the next idle gap', () => {
    const framer = new ScanFramer('NONE')
    framer.push(Buffer.alloc(MAX_SCAN_BYTES + 10, 0x41))
    expect(framer.takeRunawayCount()).toBe(1)
    expect(framer.hasPending).toBe(true)
    expect(framer.flushIdle()).toEqual([])
    framer.push(bytes('ABC123'))
    expect(framer.flushIdle()).toEqual(['ABC123'])
  })

  it('writes the suffix bytes each terminator stands for', () => {
    expect([...terminatorBytes('CRLF')]).toEqual([13, 10])
    expect([...terminatorBytes('TAB')]).toEqual([9])
    expect(terminatorBytes('NONE').length).toBe(0)
  })
})

describe('scanner port probing rule', () => {
  it('picks a port from a scanner maker and never a generic USB-serial bridge', () => {
    const ports = [
      { path: '/dev/ttyUSB0', manufacturer: 'wch.cn', vendorId: '1a86' },
      { path: '/dev/ttyACM1', manufacturer: 'Honeywell Imaging & Mobility', vendorId: '0c2e' },
      { path: '/dev/ttyUSB1', manufacturer: 'Prolific Technology Inc.', vendorId: '067b' },
    ]
    expect(pickScannerPort(ports)?.path).toBe('/dev/ttyACM1')
    expect(pickScannerPort(ports.filter((p) => p.vendorId !== '0c2e'))).toBeUndefined()
  })

  it('recognises a maker by name, skips excluded ports and prefers the first path', () => {
    const ports = [
      { path: '/dev/ttyACM2', manufacturer: 'Newland Auto-ID' },
      { path: '/dev/ttyACM0', manufacturer: 'Barcode Scanner CDC' },
    ]
    expect(pickScannerPort(ports)?.path).toBe('/dev/ttyACM0')
    expect(pickScannerPort(ports, ['/dev/ttyACM0'])?.path).toBe('/dev/ttyACM2')
  })
})
