/**
 * What the simulated carrier and platform share on demand (httpSimFaults.ts,
 * httpSimControl.ts): a fault rule fires on the nth request it matches, as
 * many times as it says, the first due rule first; the control plane reads
 * its JSON input, names the field a bad one gets wrong, and refuses a fault
 * rule that does not parse.
 */
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { addFaultRules, controlRequest, isReply } from '../../../main/emulators/httpSimControl'
import { describeWireFault, httpFaultSchema, resetFaultSchema, ruleCount, SimFaultBook } from '../../../main/emulators/httpSimFaults'

const ruleSchema = z.object({
  match: z.object({ path: z.string().optional(), caseNo: z.string().optional(), ...ruleCount }).default({}),
  fault: z.discriminatedUnion('kind', [httpFaultSchema, resetFaultSchema]),
})
const aBook = (): SimFaultBook<{ path: string; caseNo?: string }, z.infer<typeof ruleSchema>['fault']> => new SimFaultBook((raw) => ruleSchema.parse(raw))
const http503 = { kind: 'http', status: 503, commit: 'after' } as const
const reset = { kind: 'reset', commit: 'before' } as const

const body = (reply: { body: Buffer }): unknown => JSON.parse(reply.body.toString('utf8'))

describe('fault rules of a simulated server', () => {
  it('fires a rule only on requests whose every named field matches, on the nth of them, as many times as it says', () => {
    const book = aBook()
    book.add([{ match: { path: '/events', caseNo: 'C1', nth: 2, times: 2 }, fault: http503 }])
    expect(book.take({ path: '/events', caseNo: 'C1' })).toBeNull()
    expect(book.take({ path: '/events', caseNo: 'C2' })).toBeNull()
    expect(book.take({ path: '/notices', caseNo: 'C1' })).toBeNull()
    expect(book.take({ path: '/events', caseNo: 'C1' })).toEqual(http503)
    expect(book.pending).toBe(1)
    expect(book.take({ path: '/events', caseNo: 'C1' })).toEqual(http503)
    expect(book.pending).toBe(0)
    expect(book.take({ path: '/events', caseNo: 'C1' })).toBeNull()
  })

  it('fires the first due rule first, once by default, and forever with times -1', () => {
    const book = aBook()
    book.add([{ fault: reset }, { match: { times: -1 }, fault: http503 }])
    expect(book.take({ path: '/any' })).toEqual(reset)
    for (let i = 0; i < 5; i++) expect(book.take({ path: '/any' })).toEqual(http503)
    expect(book.pending).toBe(1)
    book.clear()
    expect(book.take({ path: '/any' })).toBeNull()
  })

  it('names the faults both servers know the same way in the calls log', () => {
    expect(describeWireFault(http503)).toBe('http 503 after')
    expect(describeWireFault(reset)).toBe('reset before')
    expect(describeWireFault({ kind: 'delay', ms: 1500, commit: 'before' })).toBe('delay 1500ms before')
  })
})

describe('the control plane of a simulated server', () => {
  const url = (path: string): URL => new URL(`http://sim/__sim${path}`)

  it('reads the route and the JSON input, and refuses a body that is not JSON with a 400', () => {
    const request = controlRequest('POST', url('/faults'), Buffer.from(' {"rules": []} '))
    expect(isReply(request)).toBe(false)
    expect(request).toMatchObject({ route: 'POST /faults', input: { rules: [] } })
    expect(controlRequest('POST', url('/reset'), Buffer.alloc(0))).toMatchObject({ input: {} })
    expect(controlRequest('DELETE', url('/faults'), Buffer.from('not json'))).toMatchObject({ route: 'DELETE /faults', input: {} })
    const refused = controlRequest('POST', url('/faults'), Buffer.from('{"rules": ['))
    expect(isReply(refused) && refused.status).toBe(400)
    expect(body(refused as { body: Buffer })).toEqual({ error: '请求体不是有效的 JSON' })
  })

  it('names the field a checked input gets wrong', () => {
    const request = controlRequest('POST', url('/clock'), Buffer.from('{"advanceMs": "soon"}'))
    if (isReply(request)) throw new Error('the body is JSON')
    const checked = request.checked(z.object({ advanceMs: z.number() }))
    expect(isReply(checked)).toBe(true)
    expect(body(checked as { body: Buffer })).toEqual({ error: expect.stringMatching(/^advanceMs：/) })
  })

  it('appends fault rules and says how many wait, and refuses a rule that does not parse in the server’s words', () => {
    const book = aBook()
    expect(body(addFaultRules(book, { rules: [{ fault: reset }] }, () => 'never'))).toEqual({ pending: 1 })
    const notArray = addFaultRules(book, { rules: 'all' }, () => 'never')
    expect([notArray.status, body(notArray)]).toEqual([400, { error: 'rules 应为数组' }])
    const bad = addFaultRules(book, { rules: [{ fault: { kind: 'http', status: 418, commit: 'after' } }] }, () => '故障规则无效')
    expect([bad.status, body(bad)]).toEqual([400, { error: '故障规则无效' }])
  })
})
