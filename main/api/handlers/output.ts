/** Output window (统一窗口出件) handlers: one line each, the output service does the work. */
import type { Handler } from '../dispatcher'

export const outputFindByCard: Handler<'output.findByCard'> = (input, { services }) => services.output.findByCard(input.idNumber)
export const outputCase: Handler<'output.case'> = (input, { services }) => services.output.caseView(input.caseNo)
export const outputVerifyCollector: Handler<'output.verifyCollector'> = (input, { services }) => services.output.verifyCollector(input)
export const outputRecordAgent: Handler<'output.recordAgent'> = (input, { services }) => services.output.recordAgent(input)
// A case another station knows: the hall's version is claimed first (services/hall/hallGate.ts).
export const outputCollect: Handler<'output.collect'> = (input, { services }) => services.hallGate.step(input.caseNo, () => services.output.collect(input))
