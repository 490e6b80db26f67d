import { describe, expect, it } from 'vitest'
import { clockOf, lightOf, warnDateOf } from '../../../main/domain/caseClock'
import { caseStates } from '../../../main/domain/caseMachine'
import { DEFAULT_CASE_NUMBER_FORMAT } from '../../../main/domain/caseNumber'
import { addDays } from '../../../main/domain/plainDate'
import { classifyScanText } from '../../../main/domain/scanText'
import { computeDeadline, deadlineLight } from '../../../main/domain/workingDays'
import { shippedCalendar } from '../../fixtures/calendarBuilder'
import { aUscc } from '../../fixtures/registrationNumbers'

describe('the promise clock of a case', () => {
  it('runs until the result exists, pauses for 补正, and stops once decided or closed', () => {
    const clocks = Object.fromEntries(caseStates.map((s) => [s, clockOf(s)]))
    expect(clocks).toEqual({
      accepted: 'running',
      in_review: 'running',
      approved: 'running',
      needs_supplement: 'paused',
      rejected: 'stopped',
      ready: 'stopped',
      collected: 'stopped',
      shipping: 'stopped',
      handed_over: 'stopped',
      delivered: 'stopped',
      withdrawn: 'stopped',
    })
  })

  it('stores the day a case turns yellow so that the stored light always equals the working-day rule', () => {
    const calendar = shippedCalendar()
    // Across the National Day week and 调休 Saturday 2026-10-10, for short and long promises.
    for (const promisedDays of [0, 1, 3, 5, 10, 20]) {
      for (let accepted = '2026-09-21'; accepted <= '2026-10-12'; accepted = addDays(accepted, 1)) {
        const deadline = computeDeadline({ calendar, acceptedDate: accepted, promisedDays })
        const warnDate = warnDateOf({ calendar, acceptedDate: accepted, deadline, totalDays: promisedDays })
        expect(warnDate >= accepted).toBe(true)
        for (let today = accepted; today <= addDays(deadline, 3); today = addDays(today, 1)) {
          const rule = deadlineLight({ today, deadline, totalDays: promisedDays, calendar })
          expect({ promisedDays, accepted, today, light: lightOf({ clock: 'running', today, deadline, warnDate }) }).toEqual({ promisedDays, accepted, today, light: rule })
        }
      }
    }
  })

  it('shows no light while paused or stopped', () => {
    expect(lightOf({ clock: 'paused', today: '2026-12-01', deadline: '2026-11-01', warnDate: '2026-10-30' })).toBeNull()
    expect(lightOf({ clock: 'stopped', today: '2026-12-01', deadline: '2026-11-01', warnDate: '2026-10-30' })).toBeNull()
  })
})

describe('what a scanned code is', () => {
  it.each([
    ['320300202611260010042', { kind: 'case', caseNo: '320300202611260010042' }],
    [' sf1000000000011\r\n', { kind: 'waybill', carrier: 'sf', waybillNo: 'SF1000000000011' }],
    ['SF100000000001', { kind: 'waybill', carrier: 'sf', waybillNo: 'SF100000000001' }],
    ['SF10000000000112', { kind: 'unknown', text: 'SF10000000000112' }],
    ['EE123456785CN', { kind: 'waybill', carrier: 'ems', waybillNo: 'EE123456785CN' }],
    ['1151238971060', { kind: 'waybill', carrier: 'ems', waybillNo: '1151238971060' }],
    [aUscc('91320300MA1XYW12B'), { kind: 'uscc', uscc: aUscc('91320300MA1XYW12B') }],
    ['https://example.com/x', { kind: 'unknown', text: 'https://example.com/x' }],
    ['32030020261126001004', { kind: 'unknown', text: '32030020261126001004' }],
  ])('reads %j', (text, expected) => {
    expect(classifyScanText(text, DEFAULT_CASE_NUMBER_FORMAT)).toEqual(expected)
  })
})
