/**
 * Demo data for the demo hall, the benchmarks and the reports: N cases spread
 * over the catalog, the states and the last 90 days, made through the same
 * intake and case services the counter uses (so numbering, deadlines and the
 * audit chain are real). Steps run in time order across all cases, batched
 * into transactions so 100,000 cases take a minute, not an hour of fsyncs.
 */
import { AppError } from '../../domain/errors'
import { caseStates, type CaseAction } from '../../domain/caseMachine'
import type { IntakeForm } from '../../domain/intakeForm'
import { addDays, plainDateOf, type PlainDate } from '../../domain/plainDate'
import type { CaseServices } from './caseServices'
import type { CatalogItemView } from './catalogService'
import { districtsOf, enterpriseName, idNumber, mobile, personName, pick, seededRandom, streetAddress, uscc, type DemoDistrict, type Random } from './demoPeople'
import type { SettableClock } from './hallClock'
import type { SessionService } from '../system/session'
import type { RefusalKind } from '../../domain/reviewDecisions'

export interface SeedOptions {
  cases: number
  days?: number
  seed?: number
  now?: Date
  regionCode: string
  /**
   * Exactly this many of the cases end `ready` with express delivery and a
   * recipient in the hall's real districts (what the courier desk's "ship all
   * ready" and the dispatch CLI take); the others never end there. Left out:
   * whatever the random stories leave.
   */
  readyExpress?: number
  onProgress?: (done: number, total: number) => void
}

export interface SeedReport {
  accepted: number
  transitions: number
  skipped: number
  byState: Record<string, number>
  /** Cases left `ready` with express delivery by `readyExpress`. */
  readyExpress: number
}

interface Step {
  at: number
  caseIndex: number
  action: CaseAction | 'accept'
  note?: string
  /** The step that leaves a `readyExpress` case ready. */
  isReadyExpress?: boolean
}

const OPERATORS = ['A001', 'A002', 'A003', 'B001', 'B002']
const SUPPLEMENT_NOTES = ['申请书签字不全，请补签', '经营场所证明未加盖产权单位公章', '身份证复印件不清晰，请重新提供', '章程缺少股东签字页']
const REJECT_NOTES = ['经营范围涉及前置审批，未取得许可', '申请材料与事实不符', '不属于本机关受理范围']
/** Each demo refusal's kind and legal basis (a refusal needs both: the notice prints them). */
const REFUSALS: Readonly<Record<string, { refusal: RefusalKind; legalBasis: string }>> = {
  '经营范围涉及前置审批，未取得许可': { refusal: 'notPermitted', legalBasis: '《中华人民共和国行政许可法》第三十八条第二款' },
  '申请材料与事实不符': { refusal: 'notPermitted', legalBasis: '《中华人民共和国行政许可法》第三十八条第二款' },
  '不属于本机关受理范围': { refusal: 'notAccepted', legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第（二）项' },
}
const BATCH = 2000
const HOUR = 3_600_000

export class DemoSeeder {
  private readonly random: Random
  private readonly districts: DemoDistrict[]

  constructor(
    private readonly services: CaseServices,
    private readonly session: SessionService,
    private readonly clock: SettableClock,
    private readonly options: SeedOptions,
  ) {
    this.random = seededRandom(options.seed ?? 20261126)
    this.districts = districtsOf(options.regionCode)
  }

  run(): SeedReport {
    const now = (this.options.now ?? new Date()).getTime()
    const days = this.workingDays(this.options.days ?? 90, now)
    if (days.length === 0) throw new AppError('CALENDAR_MISSING', '最近的日期不在已加载的节假日日历内，无法生成演示数据')
    const items = this.services.catalog.items()
    const steps: Step[] = []
    const forms: IntakeForm[] = []
    const readyExpress = this.options.readyExpress
    if (readyExpress !== undefined && !(Number.isInteger(readyExpress) && readyExpress >= 0 && readyExpress <= this.options.cases)) {
      throw new AppError('BAD_INPUT', `待出件的快递办件数应为 0–${this.options.cases} 之间的整数（不超过办件总数），收到 ${readyExpress}`, 'readyExpress')
    }
    // The last K cases are the ready express ones: the rest of a seeded run draws as before.
    const firstReady = this.options.cases - (readyExpress ?? 0)
    for (let i = 0; i < this.options.cases; i++) {
      const day = pick(this.random, days)
      const at = this.timeOn(day, now)
      const isReady = i >= firstReady
      const item = isReady ? this.expressItemFor(day, items) : this.itemFor(day, items)
      const form = this.formFor(item, day, isReady)
      forms.push(form)
      steps.push({ at, caseIndex: i, action: 'accept' })
      if (isReady) this.planReady(i, at, now, steps)
      else this.planLifecycle(i, at, item, form.delivery?.method === 'express', now, steps, readyExpress !== undefined)
    }
    steps.sort((a, b) => a.at - b.at || a.caseIndex - b.caseIndex)

    const caseNos: Array<string | undefined> = []
    const report: SeedReport = { accepted: 0, transitions: 0, skipped: 0, byState: {}, readyExpress: 0 }
    for (let start = 0; start < steps.length; start += BATCH) {
      // A batch is one transaction; its case.changed events go out when it commits, a failed step's never.
      this.services.changes.transaction(() => {
        for (const step of steps.slice(start, start + BATCH)) this.runStep(step, forms, caseNos, report)
      })
      this.options.onProgress?.(Math.min(start + BATCH, steps.length), steps.length)
    }
    for (const state of caseStates) {
      const count = this.services.cases.count({ filters: { states: [state] } }).count
      if (count > 0) report.byState[state] = count
    }
    return report
  }

  /** What a decision needs besides its note: the certificate where the item issues one, a refusal's legal basis. */
  private decisionOf(step: Step, form: IntakeForm, caseNo: string): { certificate?: { type: string; number: string }; refusal?: RefusalKind; legalBasis?: string } {
    if (step.action === 'approve') {
      const type = form.itemCode === undefined ? undefined : this.services.catalog.item(form.itemCode).certificate?.type
      // Derived from the case number, not drawn: the random stream (and so every seeded story) stays as it was.
      return type ? { certificate: { type, number: `DEMO-${caseNo}` } } : {}
    }
    if (step.action === 'reject') return REFUSALS[step.note ?? ''] ?? { refusal: 'notPermitted', legalBasis: '《中华人民共和国行政许可法》第三十八条第二款' }
    return {}
  }

  private runStep(step: Step, forms: IntakeForm[], caseNos: Array<string | undefined>, report: SeedReport): void {
    this.clock.set(new Date(step.at))
    this.session.actAs(pick(this.random, OPERATORS))
    try {
      if (step.action === 'accept') {
        caseNos[step.caseIndex] = this.services.intake.accept({ form: forms[step.caseIndex]! }).caseNo
        report.accepted++
        return
      }
      const caseNo = caseNos[step.caseIndex]
      if (caseNo === undefined) return
      this.services.cases.apply({ caseNo, action: step.action, ...(step.note ? { note: step.note } : {}), ...this.decisionOf(step, forms[step.caseIndex]!, caseNo) })
      report.transitions++
      if (step.isReadyExpress) report.readyExpress++
    } catch (err) {
      // A step the rules refuse (a deadline reaching a year without a calendar) ends that case's story here.
      if (!(err instanceof AppError)) throw err
      report.skipped++
      if (step.action === 'accept') caseNos[step.caseIndex] = undefined
    }
  }

  /** Working days of the last `count` calendar days up to today (inclusive), within the loaded calendar. */
  private workingDays(count: number, now: number): PlainDate[] {
    const calendar = this.services.calendar.calendar()
    const today = plainDateOf(new Date(now))
    const out: PlainDate[] = []
    for (let d = addDays(today, -count); d <= today; d = addDays(d, 1)) {
      try {
        if (calendar.isWorkingDay(d)) out.push(d)
      } catch {
        // a day outside the loaded years: not a day anyone could have worked on here
      }
    }
    return out
  }

  /** 08:30–17:30 that day; never later than now. */
  private timeOn(day: PlainDate, now: number): number {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number]
    const minutes = 8 * 60 + 30 + Math.floor(this.random() * 9 * 60)
    return Math.min(new Date(y, m - 1, d, 0, minutes).getTime(), now - 1000)
  }

  /** An item whose deadline the loaded calendar counts exactly from that day: demo cases keep exact deadlines (a long item late in the year would get a provisional one). */
  private itemFor(day: PlainDate, items: readonly CatalogItemView[]): CatalogItemView {
    for (let attempt = 0; attempt < 20; attempt++) {
      const item = pick(this.random, items)
      try {
        this.services.calendar.deadline(day, item.promisedDays)
        return item
      } catch {
        // try another item
      }
    }
    return items.reduce((a, b) => (a.promisedDays <= b.promisedDays ? a : b))
  }

  /** As `itemFor`, among the items that may be delivered by express. */
  private expressItemFor(day: PlainDate, items: readonly CatalogItemView[]): CatalogItemView {
    const express = items.filter((item) => item.delivery.includes('express'))
    if (express.length === 0) throw new AppError('BAD_INPUT', '事项目录中没有可快递送达的事项，无法生成待出件的快递办件', 'readyExpress')
    return this.itemFor(day, express)
  }

  private enterpriseOf(item: CatalogItemView, district: DemoDistrict, handler: { name: string; idNumber: string; phone: string }, address: string): IntakeForm['applicant'] {
    const name = enterpriseName(this.random, district)
    // Drawn either way, so the rest of a seeded run stays the same; an enterprise being set up (设立登记) has no code yet.
    const code = uscc(this.random, district)
    return {
      kind: 'enterprise',
      name,
      ...(item.establishment ? {} : { uscc: code }),
      phone: handler.phone,
      address,
      handlerName: handler.name,
      handlerIdNumber: handler.idNumber,
      source: 'card',
    }
  }

  private formFor(item: CatalogItemView, day: PlainDate, isExpress = false): IntakeForm {
    const r = this.random
    const district = pick(r, this.districts)
    const home = streetAddress(r, district)
    const person = { name: personName(r), idNumber: idNumber(r, district), phone: mobile(r) }
    const isEnterprise = item.department === 'SCJG' && r() < 0.6
    const applicant: IntakeForm['applicant'] = isEnterprise
      ? this.enterpriseOf(item, district, person, home.full)
      : { kind: 'person', ...person, address: home.full, source: r() < 0.85 ? 'card' : 'typed' }
    const deferOne = r() < 0.08
    let deferred = false
    const promise = this.nextWorkingDay(addDays(day, 3))
    const materials = item.materials.map((m) => {
      if (m.required && deferOne && !deferred && promise !== undefined) {
        deferred = true
        return { materialId: m.id, receivedCopies: 0, deferred: true, promiseDate: promise }
      }
      return { materialId: m.id, receivedCopies: m.required || r() < 0.5 ? m.copies : 0 }
    })
    const express = isExpress || (item.delivery.includes('express') && (r() < 0.3 || !item.delivery.includes('window')))
    const form: IntakeForm = { applicant, itemCode: item.code, materials, delivery: { method: express ? 'express' : 'window' } }
    if (express) form.delivery = { method: 'express', recipient: person.name, phone: person.phone, province: district.province, city: district.city, district: district.name, address: home.street }
    if (item.fee) form.fee = { receiptNo: `FS${day.replaceAll('-', '')}${String(Math.floor(r() * 1e6)).padStart(6, '0')}` }
    return form
  }

  private nextWorkingDay(from: PlainDate): PlainDate | undefined {
    const calendar = this.services.calendar.calendar()
    for (let d = from, i = 0; i < 15; i++, d = addDays(d, 1)) {
      try {
        if (calendar.isWorkingDay(d)) return d
      } catch {
        return undefined
      }
    }
    return undefined
  }

  /** A `readyExpress` case: reviewed, approved and produced between its acceptance and now, so it waits at the courier desk. */
  private planReady(caseIndex: number, acceptedAt: number, now: number, steps: Step[]): void {
    const actions = ['startReview', 'approve', 'produce'] as const
    actions.forEach((action, n) => {
      const at = acceptedAt + Math.floor(((now - acceptedAt) * (n + 1)) / (actions.length + 1))
      steps.push({ at, caseIndex, action, ...(action === 'produce' ? { isReadyExpress: true } : {}) })
    })
  }

  /**
   * The case's story after acceptance, each step a little later, cut off at
   * now. `keepReadyExact`: an express case cut off at `ready` is collected at
   * the window instead, so only the `readyExpress` cases wait for the courier.
   */
  private planLifecycle(caseIndex: number, acceptedAt: number, item: CatalogItemView, isExpress: boolean, now: number, steps: Step[], keepReadyExact = false): void {
    const r = this.random
    const span = Math.max(1, item.promisedDays) * 24 * HOUR
    let at = acceptedAt
    const push = (action: Step['action'], gap: number, note?: string): boolean => {
      at += gap
      if (at >= now) return false
      steps.push({ at, caseIndex, action, ...(note ? { note } : {}) })
      return true
    }
    const soon = (): number => HOUR * (1 + r() * 6)
    const within = (): number => span * (0.2 + r() * 0.9)
    if (r() < 0.03) {
      push('withdraw', soon() + within())
      return
    }
    if (!push('startReview', soon())) return
    const decision = r()
    if (decision < 0.1) {
      if (!push('requestSupplement', within() * 0.5, pick(r, SUPPLEMENT_NOTES))) return
      if (r() < 0.25) return
      if (!push('supply', 24 * HOUR * (1 + r() * 6))) return
    }
    if (decision > 0.95) {
      push('reject', within(), pick(r, REJECT_NOTES))
      return
    }
    if (!push('approve', within())) return
    if (!push('produce', soon() + 24 * HOUR * r())) return
    const producedAt = at
    // With an exact count of ready express cases, one cut off at ready was collected at the window meanwhile.
    const collectedMeanwhile = (): void => {
      if (isExpress && keepReadyExact) steps.push({ at: producedAt + Math.floor((now - producedAt) / 2), caseIndex, action: 'collect' })
    }
    // Now and then an express applicant turns up at the window after all.
    if (!isExpress || r() < 0.05) {
      if (!push('collect', 24 * HOUR * (1 + r() * 10))) collectedMeanwhile()
      return
    }
    if (!push('ship', soon())) {
      collectedMeanwhile()
      return
    }
    if (!push('handOver', soon())) return
    push('deliver', 24 * HOUR * (1 + r() * 2))
  }
}
