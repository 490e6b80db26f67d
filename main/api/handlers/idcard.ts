import type { Handler } from '../dispatcher'

export const idcardStatus: Handler<'idcard.status'> = (_input, { services }) => services.idcard.status()

export const idcardEmulatorListCards: Handler<'idcard.emulator.listCards'> = (_input, { services }) => services.idcard.listEmulatorCards()

export const idcardEmulatorPlace: Handler<'idcard.emulator.place'> = (input, { services }) => services.idcard.placeEmulatorCard(input)

export const idcardEmulatorRemove: Handler<'idcard.emulator.remove'> = (_input, { services }) => services.idcard.removeEmulatorCard()

export const idcardEmulatorFault: Handler<'idcard.emulator.fault'> = (input, { services }) => services.idcard.injectFault(input.kind)
