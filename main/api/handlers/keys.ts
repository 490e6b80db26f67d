import type { Handler } from '../dispatcher'

export const keysStorage: Handler<'keys.storage'> = (_input, { services }) => services.info.keyStorage
