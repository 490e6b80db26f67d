import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CaseState } from '../../main/domain/caseMachine'
import type { IntakeForm } from '../../main/domain/intakeForm'
import type { QueueRequest } from '../../main/services/cases/queueQuery'
import { anIdNumber } from '../fixtures/registrationNumbers'
import { aPersonForm, ITEMS, openCaseWorld, type CaseWorld } from '../fixtures/caseWorld'

let w: CaseWorld
const names = ['王秀英', '王芳', '李强', '刘洋', '陈静', '张伟']
interface Made {
  caseNo: string
  name: string
  phone: string
  idNumber: string
  itemCode: string
  day: string
}
const made: Made[] = []

function formFor(i: number): { form: IntakeForm; made: Omit<Made, 'caseNo' | 'day'> } {
  const name = names[i % names.length]!
  const phone = `139${String(10000000 + i).slice(-8)}`
  const idNumber = anIdNumber({ region: '320303', birth: `198${i % 10}-0${(i % 9) + 1}-1${i % 10}`, seq: String(100 + i).slice(-3) })
  const itemCode = i % 3 === 0 ? ITEMS.long : ITEMS.quick
  const materials =
    itemCode === ITEMS.long
      ? [{ materialId: 'application', receivedCopies: 1 }, { materialId: 'id-card', receivedCopies: 1 }]
      : [{ materialId: 'application', receivedCopies: 1 }, { materialId: 'premises', receivedCopies: 2 }]
  return { form: aPersonForm({ applicant: { kind: 'person', name, idNumber, phone }, itemCode, materials }), made: { name, phone, idNumber, itemCode } }
}

beforeAll(() => {
  w = openCaseWorld()
  // 90 cases over the ten working days of 2–13 March 2026, nine a day at different hours; some then moved along.
  let i = 0
  for (let day = 2; day <= 13; day++) {
    const date = new Date(2026, 2, day, 9, 0)
    if (date.getDay() === 0 || date.getDay() === 6) continue
    for (let k = 0; k < 9; k++) {
      w.clock.set(new Date(2026, 2, day, 8 + k, 7 * k))
      const { form, made: m } = formFor(i++)
      const { caseNo } = w.services.intake.accept({ form })
      made.push({ ...m, caseNo, day: `2026-03-${String(day).padStart(2, '0')}` })
    }
  }
  w.clock.set(new Date(2026, 2, 13, 17, 0))
  for (const m of made.filter((_, idx) => idx % 4 === 0)) w.services.cases.transition({ caseNo: m.caseNo, action: 'startReview' })
  for (const m of made.filter((_, idx) => idx % 8 === 0)) w.services.cases.transition({ caseNo: m.caseNo, action: 'requestSupplement', note: '补正' })
  for (const m of made.filter((_, idx) => idx % 10 === 5)) w.services.cases.transition({ caseNo: m.caseNo, action: 'withdraw' })
})

afterAll(() => w.dispose())

/** Every page of a query, following nextCursor to the end. */
function allPages(request: QueueRequest): string[] {
  const out: string[] = []
  let after: string | null = null
  for (let guard = 0; guard < 100; guard++) {
    const page = w.services.cases.list({ ...request, after, limit: 7 })
    out.push(...page.rows.map((r) => r.caseNo))
    if (!page.nextCursor) return out
    after = page.nextCursor
  }
  throw new Error('paging did not end')
}

describe('the cases queue', () => {
  it('pages through every case exactly once in each sort order, matching the count', () => {
    for (const sort of ['newest', 'oldest', 'deadline'] as const) {
      const seen = allPages({ sort })
      expect(new Set(seen).size).toBe(made.length)
      expect(seen).toHaveLength(made.length)
    }
    const newest = allPages({ sort: 'newest' })
    expect(newest[0]).toBe(made.at(-1)!.caseNo)
    expect(w.services.cases.count({}).count).toBe(made.length)
  })

  it('sorts by deadline soonest first', () => {
    const rows = w.services.cases.list({ sort: 'deadline', limit: 200 }).rows
    const deadlines = rows.map((r) => r.deadline)
    expect(deadlines).toEqual([...deadlines].sort())
  })

  it('filters by state, item, and acceptance date range, and counts the same way', () => {
    const states: CaseState[] = ['needs_supplement', 'withdrawn']
    const byState = allPages({ filters: { states } })
    const expected = made.filter((_, idx) => idx % 8 === 0 || idx % 10 === 5).map((m) => m.caseNo)
    expect(new Set(byState)).toEqual(new Set(expected))
    expect(w.services.cases.count({ filters: { states } }).count).toBe(expected.length)

    expect(new Set(allPages({ filters: { itemCode: ITEMS.long } }))).toEqual(new Set(made.filter((m) => m.itemCode === ITEMS.long).map((m) => m.caseNo)))
    const range = allPages({ filters: { acceptedFrom: '2026-03-04', acceptedTo: '2026-03-05' } })
    expect(new Set(range)).toEqual(new Set(made.filter((m) => m.day >= '2026-03-04' && m.day <= '2026-03-05').map((m) => m.caseNo)))
  })

  it('filters by light on the day the queue is looked at', () => {
    const rows = w.services.cases.list({ limit: 200 }).rows
    for (const light of ['green', 'yellow', 'red'] as const) {
      const filtered = allPages({ filters: { light } })
      expect(new Set(filtered)).toEqual(new Set(rows.filter((r) => r.light === light).map((r) => r.caseNo)))
    }
    // The one-day items accepted before Thursday are overdue on Friday 03-13.
    expect(allPages({ filters: { light: 'red' } }).length).toBeGreaterThan(0)
    expect(allPages({ filters: { light: 'green' } }).length).toBeGreaterThan(0)
  })

  it('finds cases from one search box by case number, name, phone or ID number', () => {
    const target = made[17]!
    const search = (text: string): string[] => allPages({ filters: { text } })
    expect(search(target.caseNo)).toEqual([target.caseNo])
    expect(search(target.caseNo.slice(0, 14))).toHaveLength(made.filter((m) => m.day === target.day).length)
    expect(new Set(search(target.phone))).toEqual(new Set(made.filter((m) => m.phone === target.phone).map((m) => m.caseNo)))
    expect(new Set(search(target.idNumber))).toEqual(new Set(made.filter((m) => m.idNumber === target.idNumber).map((m) => m.caseNo)))
    expect(new Set(search('王'))).toEqual(new Set(made.filter((m) => m.name.startsWith('王')).map((m) => m.caseNo)))
    expect(new Set(search('王秀英'))).toEqual(new Set(made.filter((m) => m.name === '王秀英').map((m) => m.caseNo)))
    expect(search('欧阳')).toEqual([])
  })

  it('shows lists without a full ID number', () => {
    const rows = w.services.cases.list({ limit: 200 }).rows
    for (const r of rows) {
      expect(r.applicantId).toMatch(/^\d{4}\*{10}[\dX]{4}$/)
      expect(JSON.stringify(r)).not.toContain(made.find((m) => m.caseNo === r.caseNo)!.idNumber)
    }
  })

  it('refuses a cursor from another sort order', () => {
    const first = w.services.cases.list({ sort: 'newest', limit: 5 })
    expect(() => w.services.cases.list({ sort: 'deadline', after: first.nextCursor, limit: 5 })).toThrow(/排序方式已改变/)
    expect(() => w.services.cases.list({ after: 'garbage', limit: 5 })).toThrow(/游标无效/)
  })
})
