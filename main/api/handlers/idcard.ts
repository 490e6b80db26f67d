import type { Handler } from '../dispatcher'

export const idcardStatus: Handler<'idcard.status'> = (_input, { services }) => services.idcard.status()
