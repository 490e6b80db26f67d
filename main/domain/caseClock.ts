/**
 * How a case's promise clock (承诺时限) stands in each state, and the SLA light
 * read from two stored dates. The queue filters lights in SQL, so the day a
 * case turns yellow is computed once (with the holiday calendar) and stored,
 * instead of asking the calendar for every row of a 100,000-row queue.
 */
import { caseStates, isClockStopped, type CaseState } from './caseMachine'
import { addDays, type PlainDate } from './plainDate'
import { deadlineLight, type DeadlineLight, type WorkingDayCalendar } from './workingDays'

/** running: counts toward the deadline; paused: 补正, waiting for the applicant; stopped: decided or closed. */
export type CaseClock = 'running' | 'paused' | 'stopped'

/**
 * The promise covers the hall's work up to the result: a refusal, or the
 * certificate produced (`ready`). Pickup and delivery time are the applicant's
 * and the courier's, not the hall's.
 */
export const runningStates: readonly CaseState[] = ['accepted', 'in_review', 'approved']
const running: ReadonlySet<CaseState> = new Set(runningStates)

/** The states whose clock is `paused` (补正). */
export const pausedStates: readonly CaseState[] = caseStates.filter(isClockStopped)

export function clockOf(state: CaseState): CaseClock {
  if (isClockStopped(state)) return 'paused'
  return running.has(state) ? 'running' : 'stopped'
}

/**
 * The first day the light shows yellow, by asking `deadlineLight` itself day by
 * day backwards from the deadline, so the stored date can never disagree with
 * the rule. Never earlier than the day of acceptance.
 */
export function warnDateOf(input: {
  calendar: WorkingDayCalendar
  acceptedDate: PlainDate
  deadline: PlainDate
  totalDays: number
}): PlainDate {
  const { calendar, acceptedDate, deadline, totalDays } = input
  let firstYellow = deadline
  for (let day = addDays(deadline, -1); day >= acceptedDate; day = addDays(day, -1)) {
    if (deadlineLight({ today: day, deadline, totalDays, calendar }) !== 'yellow') break
    firstYellow = day
  }
  return firstYellow
}

/** The light a running case shows today; null while paused or stopped (no clock to show). */
export function lightOf(input: { clock: CaseClock; today: PlainDate; deadline: PlainDate; warnDate: PlainDate }): DeadlineLight | null {
  if (input.clock !== 'running') return null
  if (input.today > input.deadline) return 'red'
  return input.today >= input.warnDate ? 'yellow' : 'green'
}
