/**
 * Bytes to a printer and status bytes back, over TCP 9100, a device file or
 * a serial port — with a deadline on every step. A printer that vanished
 * answers with a PrinterError naming it within seconds, never a hang.
 * (node-thermal-printer's own transports are not used: its file interface
 * keeps retrying for minutes after it rejects with a bare string, and its
 * TCP interface cannot ask for status on the connection it prints on.)
 */
import { constants as fsConstants } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { Socket } from 'node:net'
import { SerialPort } from 'serialport'
import { PrinterError, printerErrorFrom } from './printerError'
import { parsePrinterUri, type PrinterAddress } from './printerUri'

export interface ConnectionTimeouts {
  /** Reaching the printer (TCP connect, opening the port). */
  connectMs: number
  /** Handing one job to it. */
  writeMs: number
}

export const DEFAULT_TIMEOUTS: ConnectionTimeouts = { connectMs: 3000, writeMs: 15000 }

export interface PrinterConnection {
  readonly uri: string
  /** True where the link can carry answers back (TCP, serial); device files are written only. */
  readonly canAnswer: boolean
  write(bytes: Buffer): Promise<void>
  /** Sends a status request; the first `length` bytes that come back, or null when nothing came in time. */
  query(request: Buffer, length: number, timeoutMs: number): Promise<Buffer | null>
  close(): Promise<void>
}

function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => PrinterError, cleanup?: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup?.()
      reject(onTimeout())
    }, ms)
    work.then(
      (v) => {
        clearTimeout(timer)
        resolve(v)
      },
      (e: unknown) => {
        clearTimeout(timer)
        reject(e)
      },
    )
  })
}

/** Collects what the printer sends back so a query can take its answer. */
class AnswerBuffer {
  private received = Buffer.alloc(0)
  private waiter: (() => void) | null = null

  push(chunk: Buffer): void {
    this.received = Buffer.concat([this.received, chunk])
    this.waiter?.()
  }

  async take(length: number, timeoutMs: number): Promise<Buffer | null> {
    const deadline = Date.now() + timeoutMs
    while (this.received.length < length) {
      const left = deadline - Date.now()
      if (left <= 0) break
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        this.waiter = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      this.waiter = null
    }
    if (this.received.length === 0) return null
    const answer = this.received.subarray(0, length)
    this.received = this.received.subarray(answer.length)
    return answer
  }

  clear(): void {
    this.received = Buffer.alloc(0)
  }
}

async function openTcp(uri: string, a: { host: string; port: number }, t: ConnectionTimeouts): Promise<PrinterConnection> {
  const socket = new Socket()
  const answers = new AnswerBuffer()
  let failure: PrinterError | null = null
  // A write resolves once the OS has the bytes, not the printer: a link that
  // then ends in an error (the printer reset it unread) means the job may be lost.
  let hadLinkError = false
  let isClosed = false
  socket.on('data', (chunk: Buffer) => answers.push(chunk))
  socket.on('error', (err) => {
    failure = printerErrorFrom(err, uri, '通信')
    hadLinkError = true
  })
  socket.on('close', (hadError: boolean) => {
    isClosed = true
    if (hadError) hadLinkError = true
    failure ??= new PrinterError('disconnected', `打印机 ${uri} 断开了连接`, uri)
  })
  await withDeadline(
    new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve)
      socket.once('error', (err) => reject(printerErrorFrom(err, uri, '连接')))
      socket.connect(a.port, a.host)
    }),
    t.connectMs,
    () => new PrinterError('timeout', `${Math.round(t.connectMs / 1000)} 秒内连不上打印机 ${uri}`, uri),
    () => socket.destroy(),
  )
  socket.setNoDelay(true)
  return {
    uri,
    canAnswer: true,
    write: (bytes) => {
      if (failure) return Promise.reject(failure)
      return withDeadline(
        new Promise<void>((resolve, reject) => socket.write(bytes, (err) => (err ? reject(failure ?? printerErrorFrom(err, uri, '发送')) : resolve()))),
        t.writeMs,
        () => new PrinterError('timeout', `打印机 ${uri} ${Math.round(t.writeMs / 1000)} 秒内没有收下作业（卡纸或脱机？）`, uri),
        () => socket.destroy(),
      )
    },
    query: async (request, length, timeoutMs) => {
      if (failure) throw failure
      answers.clear()
      socket.write(request)
      return answers.take(length, timeoutMs)
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        const settle = () =>
          hadLinkError ? reject(new PrinterError('disconnected', `打印机 ${uri} 没有收完作业就断开了连接（可能没有打印或只打印了一部分）`, uri)) : resolve()
        if (isClosed) return settle()
        // end() sends FIN after the queued bytes: the printer sees the whole job, then the end of it.
        const timer = setTimeout(() => {
          socket.destroy()
          resolve()
        }, 2000)
        socket.once('close', () => {
          clearTimeout(timer)
          settle()
        })
        // Already destroyed (a reset whose 'close' is still to come): only wait for it.
        if (!socket.destroyed) socket.end()
      }),
  }
}

async function openFile(uri: string, path: string, t: ConnectionTimeouts): Promise<PrinterConnection> {
  // No O_CREAT: a missing /dev/usb/lp0 must be an error, not a new regular file.
  let handle: FileHandle | undefined
  const opening = open(path, fsConstants.O_WRONLY | fsConstants.O_APPEND)
  handle = await withDeadline(opening.catch((err: unknown) => Promise.reject(printerErrorFrom(err, uri, '打开'))), t.connectMs, () => {
    // A late open still has to be closed.
    void opening.then((h) => h.close()).catch(() => undefined)
    return new PrinterError('timeout', `打开打印机设备 ${uri} 超时`, uri)
  })
  return {
    uri,
    canAnswer: false,
    write: async (bytes) => {
      if (!handle) throw new PrinterError('disconnected', `打印机设备 ${uri} 已关闭`, uri)
      const h = handle
      await withDeadline(
        h.write(bytes).then(() => undefined, (err: unknown) => Promise.reject(printerErrorFrom(err, uri, '写入'))),
        t.writeMs,
        () => new PrinterError('timeout', `打印机设备 ${uri} ${Math.round(t.writeMs / 1000)} 秒内没有写完（打印机是否脱机？）`, uri),
      )
    },
    // Reading a USB printer file blocks a worker thread until the printer speaks; status is not asked there.
    query: () => Promise.resolve(null),
    close: async () => {
      const h = handle
      handle = undefined
      await h?.close().catch(() => undefined)
    },
  }
}

async function openSerial(uri: string, a: { path: string; baudRate: number }, t: ConnectionTimeouts): Promise<PrinterConnection> {
  const port = new SerialPort({ path: a.path, baudRate: a.baudRate, autoOpen: false })
  const answers = new AnswerBuffer()
  port.on('data', (chunk: Buffer) => answers.push(chunk))
  port.on('error', () => undefined) // surfaced through the failing call instead
  await withDeadline(
    new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(printerErrorFrom(err, uri, '打开串口')) : resolve()))),
    t.connectMs,
    () => new PrinterError('timeout', `打开串口打印机 ${uri} 超时`, uri),
  )
  return {
    uri,
    canAnswer: true,
    write: (bytes) =>
      withDeadline(
        new Promise<void>((resolve, reject) => {
          port.write(bytes, (err) => {
            if (err) return reject(printerErrorFrom(err, uri, '写串口'))
            port.drain((e) => (e ? reject(printerErrorFrom(e, uri, '写串口')) : resolve()))
          })
        }),
        t.writeMs,
        () => new PrinterError('timeout', `串口打印机 ${uri} ${Math.round(t.writeMs / 1000)} 秒内没有收下作业（流控阻塞？）`, uri),
      ),
    query: async (request, length, timeoutMs) => {
      answers.clear()
      port.write(request)
      return answers.take(length, timeoutMs)
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (!port.isOpen) return resolve()
        port.close(() => resolve())
      }),
  }
}

export async function openPrinterConnection(uri: string, timeouts: Partial<ConnectionTimeouts> = {}): Promise<PrinterConnection> {
  const t = { ...DEFAULT_TIMEOUTS, ...timeouts }
  const address: PrinterAddress = parsePrinterUri(uri)
  switch (address.kind) {
    case 'tcp':
      return openTcp(uri, address, t)
    case 'file':
      return openFile(uri, address.path, t)
    case 'serial':
      return openSerial(uri, address, t)
  }
}
