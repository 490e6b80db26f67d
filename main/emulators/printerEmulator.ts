/**
 * A network printer on raw TCP (port 9100 by default): one connection is one
 * job, like the real thing. It answers real-time status requests (ESC/POS
 * `DLE EOT n`, TSC `ESC ! ?`) from its state, decodes each job with the same
 * pure decoders the tests use, and can be told to go offline (stops
 * listening, drops connections) or run out of paper (says so, and prints
 * nothing it is sent). Optionally writes a `.txt` dump and `.png` per job.
 */
import { EventEmitter } from 'node:events'
import { mkdir, writeFile } from 'node:fs/promises'
import { createServer, type Server, type Socket } from 'node:net'
import { join } from 'node:path'
import { escposStatusByte, READY_STATUS, tsplStatusByte, type PrinterStatus } from '../devices/printer/printerStatus'
import { decodePrinterJob, type DecodedJob } from '../devices/printer/printerJobDecode'
import { renderJobPngs } from './printerJobRender'

export interface PrinterEmulatorOptions {
  port?: number
  host?: string
  /** Folder for per-job `.txt` dumps (and `.png` renderings when renderPng). */
  outDir?: string
  renderPng?: boolean
  /** Receipt columns for decoding (48 = 80 mm). */
  columns?: number
  log?: (line: string) => void
}

export interface CapturedJob extends DecodedJob {
  seq: number
  receivedAt: string
  bytes: Buffer
  txtPath?: string
  pngPaths: string[]
}

export class PrinterEmulator extends EventEmitter {
  readonly jobs: CapturedJob[] = []
  /** Jobs that arrived while out of paper: received, not printed. */
  refusedJobs = 0
  private server: Server | null = null
  private readonly sockets = new Set<Socket>()
  private boundPort = 0
  private status: PrinterStatus = { ...READY_STATUS }
  private seq = 0
  private pending: Promise<unknown> = Promise.resolve()

  constructor(private readonly options: PrinterEmulatorOptions = {}) {
    super()
  }

  get port(): number {
    return this.boundPort
  }

  get isOnline(): boolean {
    return this.server !== null
  }

  get isPaperOut(): boolean {
    return this.status.isPaperOut
  }

  async start(): Promise<number> {
    if (this.options.outDir) await mkdir(this.options.outDir, { recursive: true })
    await this.listen(this.options.port ?? 9100)
    return this.boundPort
  }

  /** Offline: like a printer switched off — connections drop, new ones are refused. */
  async setOffline(isOffline: boolean): Promise<void> {
    this.status.isOnline = !isOffline
    if (isOffline && this.server) {
      const server = this.server
      this.server = null
      for (const socket of this.sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      this.log('offline')
    } else if (!isOffline && !this.server) {
      await this.listen(this.boundPort)
      this.log('online')
    }
  }

  setPaperOut(isPaperOut: boolean): void {
    this.status.isPaperOut = isPaperOut
    this.log(isPaperOut ? 'paper out' : 'paper in')
  }

  /** Resolves once `count` jobs have been printed in total. */
  waitForJobs(count: number, timeoutMs = 10_000): Promise<CapturedJob[]> {
    if (this.jobs.length >= count) return Promise.resolve(this.jobs.slice(0, count))
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('job', onJob)
        reject(new Error(`打印机模拟器 ${timeoutMs} ms 内只收到 ${this.jobs.length} 个作业，期望 ${count} 个`))
      }, timeoutMs)
      const onJob = (): void => {
        if (this.jobs.length < count) return
        clearTimeout(timer)
        this.off('job', onJob)
        resolve(this.jobs.slice(0, count))
      }
      this.on('job', onJob)
    })
  }

  /** Waits until every job's files are written. */
  async idle(): Promise<void> {
    await this.pending
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    const server = this.server
    this.server = null
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
    await this.pending
  }

  private listen(port: number): Promise<void> {
    const server = createServer((socket) => this.accept(socket))
    return new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, this.options.host ?? '127.0.0.1', () => {
        server.off('error', reject)
        const address = server.address()
        this.boundPort = typeof address === 'object' && address ? address.port : port
        this.server = server
        resolve()
      })
    })
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket)
    const chunks: Buffer[] = []
    let carry = Buffer.alloc(0)
    let hasJobData = false
    socket.on('data', (chunk: Buffer) => {
      // Real-time commands are answered as they arrive, even mid-job; a command split across chunks waits for its tail.
      const data = Buffer.concat([carry, chunk])
      let start = 0
      let i = 0
      for (; i < data.length; i++) {
        const isDleEot = data[i] === 0x10 && data[i + 1] === 0x04
        const isTscStatus = data[i] === 0x1b && data[i + 1] === 0x21 && data[i + 2] === 0x3f && !hasJobData
        if (!isDleEot && !isTscStatus) {
          const isPartial = (data[i] === 0x10 || data[i] === 0x1b) && i >= data.length - 2
          if (isPartial) break
          continue
        }
        if (i + 2 >= data.length) break
        if (i > start) {
          chunks.push(data.subarray(start, i))
          hasJobData = true
        }
        socket.write(Buffer.from([isDleEot ? escposStatusByte(data[i + 2]!, this.status) : tsplStatusByte(this.status)]))
        i += 2
        start = i + 1
      }
      if (i > start) {
        chunks.push(data.subarray(start, i))
        hasJobData = true
      }
      carry = Buffer.from(data.subarray(i))
    })
    socket.on('error', () => undefined)
    socket.on('close', () => {
      this.sockets.delete(socket)
      const bytes = Buffer.concat([...chunks, carry])
      if (bytes.length === 0) return
      if (this.status.isPaperOut || !this.status.isOnline) {
        this.refusedJobs++
        this.log(`refused a ${bytes.length}-byte job: ${this.status.isPaperOut ? 'out of paper' : 'offline'}`)
        this.emit('refused', bytes)
        return
      }
      this.capture(bytes)
    })
  }

  private capture(bytes: Buffer): void {
    const decoded = decodePrinterJob(bytes, this.options.columns ?? 48)
    const job: CapturedJob = { ...decoded, seq: ++this.seq, receivedAt: new Date().toISOString(), bytes, pngPaths: [] }
    this.jobs.push(job)
    this.log(`job ${job.seq}: ${job.protocol}, ${bytes.length} bytes, barcodes [${job.barcodes.join(', ')}], QR [${job.qrCodes.join(', ')}]`)
    this.emit('job', job)
    if (this.options.outDir) this.pending = this.pending.then(() => this.writeFiles(job, this.options.outDir!))
  }

  private async writeFiles(job: CapturedJob, dir: string): Promise<void> {
    const base = join(dir, `job-${String(job.seq).padStart(4, '0')}-${job.protocol}`)
    job.txtPath = `${base}.txt`
    await writeFile(job.txtPath, `${job.text}\n`, 'utf8')
    if (!this.options.renderPng) return
    try {
      const pngs = await renderJobPngs(job)
      for (const [n, png] of pngs.entries()) {
        const path = pngs.length === 1 ? `${base}.png` : `${base}-${n + 1}.png`
        await writeFile(path, png)
        job.pngPaths.push(path)
      }
    } catch (err) {
      this.log(`job ${job.seq}: PNG not rendered — ${err instanceof Error ? err.message : String(err)}`)
    }
    this.emit('files', job)
  }

  private log(line: string): void {
    this.options.log?.(`[printer :${this.boundPort}] ${line}`)
  }
}
