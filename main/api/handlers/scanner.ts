import type { Handler } from '../dispatcher'

export const scannerSettings: Handler<'scanner.settings'> = (_input, { services }) => services.scanner.settings()

export const scannerSimulate: Handler<'scanner.simulate'> = (input, { services }) => services.scanner.simulate(input.text)
