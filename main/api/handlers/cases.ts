/** Intake and Cases handlers: one line each, the services do the work. */
import type { Handler } from '../dispatcher'

export const catalogInfo: Handler<'catalog.info'> = (_input, { services }) => services.catalog.info()
export const catalogSearch: Handler<'catalog.search'> = (input, { services }) => services.catalog.search(input.query, input.limit)
export const catalogItem: Handler<'catalog.item'> = (input, { services }) => services.catalog.item(input.code)
export const catalogDepartments: Handler<'catalog.departments'> = (_input, { services }) => services.catalog.departments()

export const applicantCheck: Handler<'applicant.check'> = (input, { services }) => services.intake.checkApplicant(input)
export const draftsSave: Handler<'drafts.save'> = (input, { services }) => services.intake.saveDraft(input)
export const draftsCurrent: Handler<'drafts.current'> = (_input, { services }) => services.intake.currentDraft()
export const draftsDiscard: Handler<'drafts.discard'> = (input, { services }) => services.intake.discardDraft(input)
export const casesAccept: Handler<'cases.accept'> = (input, { services }) => services.intake.accept(input)

export const casesList: Handler<'cases.list'> = (input, { services }) => services.cases.list(input)
export const casesCount: Handler<'cases.count'> = (input, { services }) => services.cases.count(input)
export const casesGet: Handler<'cases.get'> = (input, { services }) => services.cases.view(input.caseNo)
// Steps of a case the hall knows claim its version first (services/hall/hallGate.ts).
export const casesTransition: Handler<'cases.transition'> = async (input, { services }) =>
  services.cases.forViewer(await services.hallGate.step(input.caseNo, () => services.cases.transition(input)))
export const casesReceiveMaterials: Handler<'cases.receiveMaterials'> = async (input, { services }) =>
  services.cases.forViewer(await services.hallGate.step(input.caseNo, () => services.cases.receiveMaterials(input)))
export const casesFindByIdNumber: Handler<'cases.findByIdNumber'> = (input, { services }) => ({ rows: services.cases.findByIdNumber(input.idNumber) })

export const calendarDeadline: Handler<'calendar.deadline'> = (input, { services }) => services.calendar.deadlineAnswer(input.date, input.days)
export const calendarYears: Handler<'calendar.years'> = (_input, { services }) => services.calendar.years()

export const scanClassify: Handler<'scan.classify'> = (input, { services }) => services.cases.classifyScan(input.text)
