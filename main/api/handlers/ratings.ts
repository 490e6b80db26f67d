/** 好差评 handlers: one line each, the rating service does the work. */
import type { Handler } from '../dispatcher'

export const ratingsSubmit: Handler<'ratings.submit'> = (input, { services }) => services.ratings.submit(input)
export const ratingsFollowUps: Handler<'ratings.followUps'> = (_input, { services }) => services.ratings.followUps()
export const ratingsForCase: Handler<'ratings.forCase'> = (input, { services }) => services.ratings.forCase(input.caseNo)
export const ratingsOffer: Handler<'ratings.offer'> = (input, { services }) => services.ratings.offer(input)
export const ratingsWithdraw: Handler<'ratings.withdraw'> = (_input, { services }) => services.ratings.board.withdraw()
export const ratingsPending: Handler<'ratings.pending'> = (_input, { services }) => services.ratings.board.state()
export const ratingsPanel: Handler<'ratings.panel'> = (input, { services }) => services.ratings.board.attach(input.panelId, input.present)
export const ratingsRecordReturnVisit: Handler<'ratings.recordReturnVisit'> = (input, { services }) => services.ratings.recordReturnVisit(input)
export const ratingsCloseFollowUp: Handler<'ratings.closeFollowUp'> = (input, { services }) => services.ratings.closeFollowUp(input)
