import type { Handler } from '../dispatcher'

export const scannerSettings: Handler<'scanner.settings'> = (_input, { services }) => services.scanner.settings()
