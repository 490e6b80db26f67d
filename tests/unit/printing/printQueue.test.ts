/**
 * The queue's rules with a scripted printer (the real store, in memory):
 * what waits, what fails for good, in which order, how long the backoff is.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { PrinterError } from '../../../main/devices/printer/printerError'
import type { LabelDocument, ReceiptDocument } from '../../../main/domain/print/printDocument'
import { maskIdNumber } from '../../../main/domain/masking'
import { PrintQueue } from '../../../main/services/printing/printQueue'
import type { PrintOutput } from '../../../main/services/printing/printOutputs'
import { openDatabase } from '../../../main/store/database'
import { PrintJobsRepository, type PrintJobRecord } from '../../../main/store/printJobsRepository'
import { anAcceptanceReceipt, aWaybill } from '../../fixtures/printDocuments'

/** A printer that does what the test says, one answer per attempt. */
class ScriptedPrinter implements PrintOutput {
  readonly mode = 'printer'
  readonly buildOptions = {}
  readonly description = 'scripted'
  readonly printed: Array<ReceiptDocument | LabelDocument> = []
  answers: Array<'ok' | PrinterError | Error> = []
  print(doc: ReceiptDocument | LabelDocument): Promise<void> {
    const answer = this.answers.shift() ?? 'ok'
    if (answer !== 'ok') return Promise.reject(answer)
    this.printed.push(doc)
    return Promise.resolve()
  }
  status() {
    return Promise.resolve(null)
  }
}

const opened: Array<{ queue: PrintQueue; close(): void }> = []
afterEach(async () => {
  for (const o of opened.splice(0)) {
    await o.queue.stop()
    o.close()
  }
})

function setUp(random = () => 0.5) {
  const { db } = openDatabase(':memory:')
  const repo = new PrintJobsRepository(db)
  const receipt = new ScriptedPrinter()
  const label = new ScriptedPrinter()
  const changes: PrintJobRecord[] = []
  const queue = new PrintQueue(
    {
      repo,
      outputs: { receipt, label },
      onJobChanged: (job) => changes.push(job),
      onPrinterResult: () => undefined,
      now: () => new Date().toISOString(),
      backoff: { baseMs: 20, capMs: 80 },
      random,
    },
    maskIdNumber,
  )
  opened.push({ queue, close: () => db.close() })
  return { repo, receipt, label, queue, changes }
}

async function until(probe: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 5))
  }
}

const job = (caseNo: string) => ({ kind: 'acceptanceReceipt' as const, data: anAcceptanceReceipt({ caseNo }), operator: 'op07', stationId: '001' })
const unavailable = () => new PrinterError('unreachable', '打印机 tcp://x 拒绝连接', 'tcp://x')
/** What the driver throws when the printer reset the link after the write began. */
const cutOffMidJob = () => {
  const error = new PrinterError('disconnected', '打印机 tcp://x 没有收完作业就断开了连接', 'tcp://x')
  error.mayHavePrinted = true
  return error
}
const markLines = (doc: ReceiptDocument | LabelDocument) =>
  doc.format === 'receipt' ? doc.blocks.flatMap((b) => (b.type === 'text' && /^【(补打|重发)/.test(b.text) ? [b.text] : [])) : []

describe('the print queue', () => {
  it('retries the head job while the printer is away and keeps the jobs behind it waiting', async () => {
    const { repo, receipt, queue } = setUp()
    receipt.answers = [unavailable(), unavailable()]
    queue.enqueue(job('320300202611260010001'))
    queue.enqueue(job('320300202611260010002'))
    queue.start()
    await until(() => receipt.printed.length === 2)
    const titles = receipt.printed.map((d) => d.title)
    expect(titles).toEqual(['受理回执 320300202611260010001', '受理回执 320300202611260010002'])
    expect(repo.get(1)).toMatchObject({ state: 'done', attempts: 3, lastErrorReason: null, lastError: null })
    expect(repo.events(1).filter((e) => e.state === 'waiting').map((e) => e.note)).toEqual([unavailable().message, unavailable().message])
    expect(repo.get(2)).toMatchObject({ state: 'done', attempts: 1 })
  })

  it('marks the retry 重发·可能重复 when the printer failed after bytes of the job went out', async () => {
    const { repo, receipt, queue } = setUp()
    receipt.answers = [cutOffMidJob()]
    queue.enqueue(job('320300202611260010001'))
    queue.start()
    await until(() => receipt.printed.length === 1)
    expect(markLines(receipt.printed[0]!)).toEqual(['【重发·可能重复】'])
    expect(repo.get(1)).toMatchObject({ state: 'done', isPossibleDuplicate: true })
  })

  it('retries without the 重发 mark when nothing was sent (connection refused)', async () => {
    const { repo, receipt, queue } = setUp()
    receipt.answers = [unavailable()]
    queue.enqueue(job('320300202611260010001'))
    queue.start()
    await until(() => receipt.printed.length === 1)
    expect(repo.get(1)).toMatchObject({ state: 'done', attempts: 2, isPossibleDuplicate: false })
    expect(markLines(receipt.printed[0]!)).toEqual([])
  })

  it('fails a job for good when its document cannot be encoded, and moves on', async () => {
    const { repo, receipt, queue } = setUp()
    receipt.answers = [new RangeError('条码内容过长')]
    queue.enqueue(job('320300202611260010001'))
    queue.enqueue(job('320300202611260010002'))
    queue.start()
    await until(() => receipt.printed.length === 1)
    expect(repo.get(1)).toMatchObject({ state: 'failed', lastErrorReason: 'encode', lastError: '条码内容过长' })
    expect(repo.get(2)?.state).toBe('done')
  })

  it('fails a stored job whose data no longer fits its document', async () => {
    const { repo, receipt, queue } = setUp()
    repo.insert({ printer: 'receipt', kind: 'acceptanceReceipt', title: 'x', caseNo: null, data: '{"caseNo":"1"}', operator: 'op07', stationId: '001', at: new Date().toISOString() })
    queue.start()
    await until(() => repo.get(1)?.state === 'failed')
    expect(repo.get(1)?.lastErrorReason).toBe('bad_data')
    expect(receipt.printed).toHaveLength(0)
  })

  it('refuses bad data at enqueue with the field named, and A4 documents altogether', () => {
    const { queue } = setUp()
    expect(() => queue.enqueue({ ...job('320300202611260010001'), data: { ...anAcceptanceReceipt(), evaluationUrl: '扫码' } })).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT', field: 'data.evaluationUrl' }),
    )
    expect(() => queue.enqueue({ ...job('320300202611260010001'), kind: 'materialsChecklist' })).toThrow(expect.objectContaining({ field: 'kind' }))
  })

  it('sends labels to the label printer without waiting for a stuck receipt printer', async () => {
    const { receipt, label, queue } = setUp()
    receipt.answers = Array.from({ length: 1000 }, unavailable)
    queue.enqueue(job('320300202611260010001'))
    queue.enqueue({ kind: 'waybillLabel', data: aWaybill(), operator: 'op07', stationId: '001' })
    queue.start()
    await until(() => label.printed.length === 1)
    expect(receipt.printed).toHaveLength(0)
  })

  it('backs off exponentially up to the cap, with jitter between half and all of it', () => {
    const delays = (random: number) => {
      const { queue } = setUp(() => random)
      const delayFor = (queue as unknown as { delayFor(n: number): number }).delayFor.bind(queue)
      return [1, 2, 3, 4, 10].map(delayFor)
    }
    expect(delays(0)).toEqual([10, 20, 40, 40, 40])
    expect(delays(1)).toEqual([20, 40, 80, 80, 80])
  })

  it('announces a job only once the caller’s transaction is over', async () => {
    const { changes, queue } = setUp()
    queue.start()
    queue.enqueue(job('320300202611260010001'))
    expect(changes).toHaveLength(0)
    await until(() => changes.some((c) => c.state === 'done'))
    expect(changes.map((c) => c.state)).toEqual(['queued', 'printing', 'done'])
  })
})
