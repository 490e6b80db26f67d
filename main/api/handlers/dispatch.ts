/** Courier desk handlers: one line each, the dispatch service does the work. */
import type { Handler } from '../dispatcher'

export const dispatchDesk: Handler<'dispatch.desk'> = (_input, { services }) => services.dispatch.desk()
export const dispatchCheck: Handler<'dispatch.check'> = (input, { services }) => services.dispatch.check(input)
export const dispatchShip: Handler<'dispatch.ship'> = (input, { services }) => services.dispatch.ship(input)
export const dispatchCancel: Handler<'dispatch.cancel'> = (input, { services }) => services.dispatch.cancel(input)
export const dispatchReprintLabel: Handler<'dispatch.reprintLabel'> = (input, { services }) => services.dispatch.reprintLabel(input)
export const dispatchCloseBatch: Handler<'dispatch.closeBatch'> = (input, { services }) => services.dispatch.closeBatch(input)
export const dispatchShipments: Handler<'dispatch.shipments'> = (input, { services }) => services.dispatch.shipments(input)
export const dispatchTrack: Handler<'dispatch.track'> = (_input, { services }) => services.dispatch.track()
