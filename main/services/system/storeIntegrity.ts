/**
 * The database light and what follows a failed integrity check.
 *
 * The full check runs once per start, in the background, after the window is
 * up (the entry points call `checkInBackground`). While it runs the light is
 * busy; then green, or red with the problems written to the log.
 *
 * Damage found: writes are refused from then on, reads go on. Accepting into
 * a file known to be damaged risks both spreading the damage and losing the
 * new cases when the hall restores yesterday's backup, which is the fix; a
 * counter that looks cases up but sends new intakes to another window loses
 * nothing. (Refusing the whole start, as before, also lost the look-ups.)
 * Intakes accepted in the seconds before the verdict are in the damaged file:
 * the failure's log lines say when the check started, for whoever restores.
 *
 * A check that could not run at all (no worker, file locked) says nothing
 * about the file: a yellow light and a log line, writes allowed.
 */
import { checkIntegrityInBackground, IntegrityCheckError, type BackgroundIntegrityCheck, type IntegrityVerdict } from '../../store/integrityCheck'
import { BUSY_TIMEOUT_MS } from '../../store/database'
import type { Store } from '../../store/store'
import type { DeviceStatusBoard } from './deviceStatusBoard'

export type IntegrityOutcome = { state: 'ok' } | { state: 'damaged'; problems: string[] } | { state: 'unchecked'; reason: string }

export interface StoreIntegrityDeps {
  store: Store
  devices: DeviceStatusBoard
  /** Where the details go (the station's log); defaults to stderr. */
  log?: (line: string) => void
  /** Tests hand in a check of their own; the app runs the real one on the store's file. */
  runCheck?: (file: string) => BackgroundIntegrityCheck
}

const SHOWN_PROBLEMS = 3

export class StoreIntegrityService {
  private running: { check: BackgroundIntegrityCheck; outcome: Promise<IntegrityOutcome> } | undefined
  private readonly log: (line: string) => void
  private stopping = false

  constructor(private readonly deps: StoreIntegrityDeps) {
    this.log = deps.log ?? ((line) => console.error(line))
    deps.devices.report('database', { state: 'ok', message: '已打开，完整性检查尚未开始', reason: 'opened', isEmulated: false })
  }

  /** Starts the check once per start; later calls return the same outcome. Never rejects. */
  checkInBackground(): Promise<IntegrityOutcome> {
    if (this.running) return this.running.outcome
    const { store, devices } = this.deps
    const startedAt = new Date().toISOString()
    devices.report('database', { state: 'busy', message: '正在后台检查数据库完整性（可正常办件）', reason: 'checking' })
    const check = (this.deps.runCheck ?? ((file) => checkIntegrityInBackground(file, BUSY_TIMEOUT_MS)))(store.file)
    const outcome = check.verdict.then(
      (verdict) => this.judge(verdict, startedAt),
      (err: unknown) => this.couldNotCheck(err),
    )
    this.running = { check, outcome }
    return outcome
  }

  /** The app is closing: a running check is stopped (it reads only; nothing is left half done). */
  async stop(): Promise<void> {
    this.stopping = true
    await this.running?.check.cancel()
  }

  private judge(verdict: IntegrityVerdict, startedAt: string): IntegrityOutcome {
    const { store, devices } = this.deps
    if (verdict.ok) {
      this.log(`[store] 数据库完整性检查通过：${store.file}`)
      devices.report('database', { state: 'ok', message: '数据库完整性检查通过', reason: 'checked' })
      return { state: 'ok' }
    }
    const shown = verdict.problems.slice(0, SHOWN_PROBLEMS).join('；')
    const reason = `数据库 ${store.file} 完整性检查未通过（${verdict.problems.length} 处问题，例如：${shown}）：本机已停止写入，可以查询但不能受理或修改办件。请改到其他窗口受理，并联系管理员从备份恢复`
    if (store.isOpen) store.refuseWrites(reason)
    this.log(`[store] ${reason}`)
    this.log(`[store] 检查自 ${startedAt} 开始；此后、结论之前受理的办件写在已损坏的文件中，恢复备份后请逐件核对。全部问题：`)
    for (const problem of verdict.problems) this.log(`[store]   ${problem}`)
    devices.report('database', { state: 'error', message: '数据库已损坏：已停止写入，请从备份恢复', reason: 'integrity_failed' })
    return { state: 'damaged', problems: verdict.problems }
  }

  private couldNotCheck(err: unknown): IntegrityOutcome {
    const reason = err instanceof IntegrityCheckError ? err.message : `完整性检查失败：${err instanceof Error ? err.message : String(err)}`
    this.log(`[store] ${reason}`)
    if (!this.stopping) this.deps.devices.report('database', { state: 'warning', message: '未能完成数据库完整性检查（见日志）', reason: 'check_failed' })
    return { state: 'unchecked', reason }
  }
}
