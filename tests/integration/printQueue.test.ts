/**
 * The print queue on the real store, through the app's commands, to the
 * printer emulator: jobs wait for a printer that is away, print once and in
 * order when it is back, and survive a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { PrintJobView } from '../../main/contract/printing'
import { createApp, type App } from '../../main/app'
import { parseStationConfig, type StationConfigInput } from '../../main/config/stationConfig'
import { databaseFile, openDatabase } from '../../main/store/database'
import { PrintJobsRepository } from '../../main/store/printJobsRepository'
import { PrinterEmulator } from '../../main/emulators/printerEmulator'
import { EventBus } from '../../main/services/eventBus'
import { buildCaseServices } from '../../main/services/cases/caseServices'
import { systemClock } from '../../main/services/cases/hallClock'
import { buildPrintService, type PrintingOptions } from '../../main/services/printing/printingSetup'
import { DeviceStatusBoard } from '../../main/services/system/deviceStatusBoard'
import { SessionService } from '../../main/services/system/session'
import { FileKeyProvider } from '../../main/store/keyProviders'
import { openStore } from '../../main/store/store'
import { anAcceptanceReceipt, aWaybill, CASE_NO, FULL_ID } from '../fixtures/printDocuments'

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function printerEmulator(): Promise<{ emulator: PrinterEmulator; uri: string }> {
  const emulator = new PrinterEmulator({ port: 0 })
  const port = await emulator.start()
  cleanups.push(() => emulator.stop())
  return { emulator, uri: `tcp://127.0.0.1:${port}` }
}

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-print-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

async function station(dir: string, devices: StationConfigInput['devices'] = {}, printing: PrintingOptions = {}): Promise<App> {
  const config = parseStationConfig({ devices: { idcard: { mode: 'off' }, ...devices } }, dir)
  const app = await createApp(config, {
    printing: { backoff: { baseMs: 30, capMs: 150 }, statusPollMs: 0, driver: { timeouts: { connectMs: 1000 }, statusTimeoutMs: 300 }, ...printing },
  })
  let closed = false
  const close = app.close.bind(app)
  app.close = async () => {
    if (closed) return
    closed = true
    await close()
  }
  cleanups.push(() => app.close())
  app.services.session.actAs('op07')
  return app
}

const printers = (uri: string): StationConfigInput['devices'] => ({ receiptPrinter: { mode: 'escpos', uri }, labelPrinter: { mode: 'tspl', uri } })

async function call<T>(app: App, name: string, input: unknown): Promise<T> {
  const result = await app.dispatcher.invoke(name, input, { transport: 'test' })
  if (!result.ok) throw new Error(`${result.error.code} ${result.error.field ?? ''} ${result.error.message}`)
  return result.value as T
}

async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`等待超时：${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

const jobs = (app: App, caseNo?: string) => call<Array<PrintJobView & { history: Array<{ state: string; note: string | null }> }>>(app, 'print.jobs', caseNo ? { caseNo } : {})
const receipt = (caseNo: string) => anAcceptanceReceipt({ caseNo, progressQueryUrl: `https://q.example.invalid/${caseNo}` })

describe('the print queue', () => {
  it('prints receipts and labels on their own printers, receipts in the order they were queued', async () => {
    const { emulator, uri } = await printerEmulator()
    const app = await station(dataDir(), printers(uri))
    const seen: string[] = []
    app.services.events.on('print.job', (job) => seen.push(`${job.id}:${job.state}`))
    for (const no of ['0001', '0002', '0003']) await call(app, 'print.submit', { kind: 'acceptanceReceipt', data: receipt(`32030020261126001${no}`) })
    await call(app, 'print.submit', { kind: 'waybillLabel', data: aWaybill() })
    const printed = await emulator.waitForJobs(4)
    const receipts = printed.filter((j) => j.protocol === 'escpos').map((j) => j.barcodes[0])
    expect(receipts).toEqual(['320300202611260010001', '320300202611260010002', '320300202611260010003'])
    expect(printed.filter((j) => j.protocol === 'tspl')).toHaveLength(1)
    await until('all done', async () => (await jobs(app)).every((j) => j.state === 'done'))
    expect(seen.filter((s) => s.startsWith('1:'))).toEqual(['1:queued', '1:printing', '1:done'])
    expect(app.services.devices.get('receiptPrinter')).toMatchObject({ state: 'ok', reason: 'ready' })
  })

  it('keeps a job waiting while the printer is off, then prints it once when it is back', async () => {
    const { emulator, uri } = await printerEmulator()
    await emulator.setOffline(true)
    const app = await station(dataDir(), printers(uri))
    const job = await call<PrintJobView>(app, 'print.submit', { kind: 'acceptanceReceipt', data: receipt(CASE_NO) })
    const waiting = await until('two failed attempts', async () => (await jobs(app)).find((j) => j.id === job.id && j.attempts >= 2 && j.state === 'queued'))
    expect(waiting.lastErrorReason).toBe('unreachable')
    expect(app.services.devices.get('receiptPrinter')).toMatchObject({ state: 'error', message: '连不上打印机' })

    await emulator.setOffline(false)
    await emulator.waitForJobs(1)
    await until('done', async () => (await jobs(app))[0]?.state === 'done')
    await new Promise((r) => setTimeout(r, 400))
    expect(emulator.jobs).toHaveLength(1)
    expect(app.services.devices.get('receiptPrinter')).toMatchObject({ state: 'ok' })
  })

  it('holds everything behind a printer out of paper and prints it all in order after paper-in', async () => {
    const { emulator, uri } = await printerEmulator()
    emulator.setPaperOut(true)
    const app = await station(dataDir(), printers(uri))
    for (const no of ['0001', '0002']) await call(app, 'print.submit', { kind: 'acceptanceReceipt', data: receipt(`32030020261126001${no}`) })
    await until('paper-out seen', async () => (await jobs(app)).some((j) => j.lastErrorReason === 'paper_out'))
    expect(app.services.devices.get('receiptPrinter')).toMatchObject({ state: 'error', reason: 'paper_out', message: '缺纸' })
    expect(emulator.jobs).toHaveLength(0)

    emulator.setPaperOut(false)
    const printed = await emulator.waitForJobs(2)
    expect(printed.map((j) => j.barcodes[0])).toEqual(['320300202611260010001', '320300202611260010002'])
    // Both done (final): nothing more will be sent, so two pages are all there will be.
    await until('both done', async () => (await jobs(app)).every((j) => j.state === 'done'))
    expect(emulator.jobs).toHaveLength(2)
  })

  it('sends a waiting job as soon as the status poll sees the printer ready again, not at the end of its backoff', async () => {
    const { emulator, uri } = await printerEmulator()
    emulator.setPaperOut(true)
    const app = await station(dataDir(), printers(uri), { backoff: { baseMs: 60_000, capMs: 60_000 }, statusPollMs: 100 })
    await call(app, 'print.submit', { kind: 'acceptanceReceipt', data: receipt(CASE_NO) })
    await until('paper-out seen', async () => (await jobs(app)).some((j) => j.lastErrorReason === 'paper_out'))
    emulator.setPaperOut(false)
    // Its backoff runs a minute; a wait far shorter than that can only end by the status poll's wake-up.
    await emulator.waitForJobs(1, 20_000)
  })

  it('loses nothing across a restart while the printer is off', async () => {
    const { emulator, uri } = await printerEmulator()
    await emulator.setOffline(true)
    const dir = dataDir()
    const first = await station(dir, printers(uri))
    for (const no of ['0001', '0002']) await call(first, 'print.submit', { kind: 'acceptanceReceipt', data: receipt(`32030020261126001${no}`) })
    await until('first attempt failed', async () => (await jobs(first)).some((j) => j.attempts > 0))
    await first.close()

    await emulator.setOffline(false)
    const second = await station(dir, printers(uri))
    const printed = await emulator.waitForJobs(2)
    expect(printed.map((j) => j.barcodes[0])).toEqual(['320300202611260010001', '320300202611260010002'])
    await until('both done', async () => (await jobs(second)).every((j) => j.state === 'done'))
    await new Promise((r) => setTimeout(r, 300))
    expect(emulator.jobs).toHaveLength(2)
  })

  it('prints a job cut off mid-send again after the restart, marked as a possible duplicate', async () => {
    const { emulator, uri } = await printerEmulator()
    await emulator.setOffline(true)
    const dir = dataDir()
    const first = await station(dir, printers(uri))
    const job = await call<PrintJobView>(first, 'print.submit', { kind: 'acceptanceReceipt', data: receipt(CASE_NO) })
    await until('attempted', async () => (await jobs(first))[0]!.attempts > 0)
    await first.close()
    // What a power cut leaves on disk between "marked printing" and "marked done".
    const { db } = openDatabase(databaseFile(dir))
    new PrintJobsRepository(db).markPrinting(job.id, new Date().toISOString())
    db.close()

    await emulator.setOffline(false)
    const second = await station(dir, printers(uri))
    const [printed] = await emulator.waitForJobs(1)
    expect(printed!.lines).toContain('【重发·可能重复】')
    const [after] = await until('done', async () => {
      const list = await jobs(second)
      return list[0]?.state === 'done' && list
    })
    expect(after).toMatchObject({ id: job.id, isPossibleDuplicate: true })
    // Before the cut: one or more tries on the offline printer (how many depends on the machine's speed); then the restart's resend.
    const states = after!.history.map((h) => h.state)
    expect(states[0]).toBe('queued')
    expect(states.slice(-3)).toEqual(['requeued', 'printing', 'done'])
    expect(new Set(states.slice(1, -3))).toEqual(new Set(['printing', 'waiting']))
    // Done is final: the worker sends it no more, so the one page printed is all there will be.
    expect(emulator.jobs).toHaveLength(1)
  })

  it('reprints from a case’s history as 补打 #1 and #2, on the audit chain', async () => {
    const { emulator, uri } = await printerEmulator()
    const dir = dataDir()
    const app = await station(dir, printers(uri))
    const original = await call<PrintJobView>(app, 'print.submit', { kind: 'acceptanceReceipt', data: receipt(CASE_NO) })
    await emulator.waitForJobs(1)
    const again = await call<PrintJobView>(app, 'print.reprint', { jobId: original.id })
    const third = await call<PrintJobView>(app, 'print.reprint', { jobId: again.id })
    expect([again.reprintOf, again.reprintNo, third.reprintOf, third.reprintNo]).toEqual([original.id, 1, original.id, 2])
    const printed = await emulator.waitForJobs(3)
    expect(printed[1]!.lines).toContain('【补打 #1】')
    expect(printed[2]!.lines).toContain('【补打 #2】')
    expect(printed[0]!.lines.join('')).not.toContain('补打')
    expect((await jobs(app, CASE_NO)).map((j) => j.reprintNo)).toEqual([2, 1, null])
    await app.close()
    const { db } = openDatabase(databaseFile(dir))
    const audited = db.prepare("SELECT case_no AS caseNo, operator FROM audit_log WHERE action = 'print.reprint'").all()
    db.close()
    expect(audited).toEqual([
      { caseNo: CASE_NO, operator: 'op07' },
      { caseNo: CASE_NO, operator: 'op07' },
    ])
  })

  it('queues one job for a retried submit with the same idempotency key', async () => {
    const { emulator, uri } = await printerEmulator()
    const app = await station(dataDir(), printers(uri))
    const a = await call<PrintJobView>(app, 'print.submit', { kind: 'acceptanceReceipt', data: receipt(CASE_NO), idempotencyKey: 'accept-draft-42' })
    const b = await call<PrintJobView>(app, 'print.submit', { kind: 'acceptanceReceipt', data: receipt(CASE_NO), idempotencyKey: 'accept-draft-42' })
    expect(b.id).toBe(a.id)
    await emulator.waitForJobs(1)
    await new Promise((r) => setTimeout(r, 300))
    expect(emulator.jobs).toHaveLength(1)
  })

  it('keeps no full ID number in the queue', async () => {
    const dir = dataDir()
    const app = await station(dir)
    await call(app, 'print.submit', { kind: 'acceptanceReceipt', data: receipt(CASE_NO) })
    await app.close()
    const { db } = openDatabase(databaseFile(dir))
    const data = db.prepare('SELECT data FROM print_jobs').pluck().get() as string
    db.close()
    expect(data).not.toContain(FULL_ID)
    expect(data).toContain('3203**********1234')
  })
})

describe('a job queued by another service', () => {
  it('commits with the change that caused it, or vanishes with its rollback', async () => {
    const { emulator, uri } = await printerEmulator()
    const dir = dataDir()
    const config = parseStationConfig({ devices: { idcard: { mode: 'off' }, ...printers(uri) } }, dir)
    const store = openStore({ dataDir: dir, keyProvider: new FileKeyProvider(dir) })
    const events = new EventBus()
    const session = new SessionService({ events })
    const { cases } = buildCaseServices({ store, events, session, clock: systemClock, dataDir: dir, stationId: config.stationId, regionCode: config.regionCode })
    const printing = buildPrintService(
      { config, store, events, devices: new DeviceStatusBoard(events), session, clock: systemClock, cases },
      { statusPollMs: 0, backoff: { baseMs: 30, capMs: 150 } },
    )
    await printing.start()
    cleanups.push(async () => {
      await printing.stop()
      store.close()
    })
    const announced: number[] = []
    events.on('print.job', (job) => announced.push(job.id))
    const enqueue = (caseNo: string) =>
      printing.enqueue({ kind: 'acceptanceReceipt', data: receipt(caseNo), operator: 'op07', stationId: '001' })

    expect(() =>
      store.transaction(() => {
        enqueue('320300202611260010001')
        throw new Error('the case could not be saved')
      }),
    ).toThrow('the case could not be saved')
    store.transaction(() => enqueue('320300202611260010002'))

    const [printed] = await emulator.waitForJobs(1)
    expect(printed!.barcodes).toEqual(['320300202611260010002'])
    await new Promise((r) => setTimeout(r, 300))
    expect(emulator.jobs).toHaveLength(1)
    expect(printing.jobs({ limit: 10 }).map((j) => j.caseNo)).toEqual(['320300202611260010002'])
    expect(new Set(announced)).toEqual(new Set([printing.jobs({ limit: 10 })[0]!.id]))
  })
})

describe('preview mode (no printer configured)', () => {
  it('completes a job as an on-screen preview that shows the same layout', async () => {
    const app = await station(dataDir())
    // Nothing connected: the lights say preview, not the green of a ready printer.
    expect(app.services.devices.get('receiptPrinter')).toMatchObject({ state: 'preview', reason: 'preview', message: '未连接打印机，回执在屏幕上预览' })
    expect(app.services.devices.get('labelPrinter')).toMatchObject({ state: 'preview', reason: 'preview' })
    const job = await call<PrintJobView>(app, 'print.submit', { kind: 'acceptanceReceipt', data: receipt(CASE_NO) })
    await until('done', async () => (await jobs(app))[0]?.state === 'done')
    expect((await jobs(app))[0]).toMatchObject({ output: 'preview' })
    expect((await jobs(app))[0]!.history.at(-1)?.note).toContain('屏幕预览')
    // A job that went through does not turn the light green either.
    expect(app.services.devices.get('receiptPrinter')).toMatchObject({ state: 'preview' })
    const preview = await call<{ html: string; target: string; widthPx: number }>(app, 'print.preview', { jobId: job.id })
    expect(preview).toMatchObject({ target: 'receipt', widthPx: 576 })
    expect(preview.html).toContain('受理回执')
    expect(preview.html).toContain('<svg')
  })

  it('previews a case’s receipt by case number from its last print', async () => {
    const app = await station(dataDir())
    await call(app, 'print.submit', { kind: 'acceptanceReceipt', data: receipt(CASE_NO) })
    const preview = await call<{ title: string }>(app, 'print.preview', { kind: 'acceptanceReceipt', caseNo: CASE_NO })
    expect(preview.title).toBe(`受理回执 ${CASE_NO}`)
  })

  it('names the bad field when the data does not fit the document', async () => {
    const app = await station(dataDir())
    const bad = { ...anAcceptanceReceipt(), applicant: { name: '', idNumber: FULL_ID } }
    const result = await app.dispatcher.invoke('print.preview', { kind: 'acceptanceReceipt', data: bad }, { transport: 'test' })
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', field: 'data.applicant.name' } })
  })
})
