/**
 * Faults the ID reader emulator can inject. Kept apart from the emulator
 * itself (which needs node and serialport) because the contract lists them.
 *
 * checksum / garbage: the next answer only. split (answers in small chunks
 * with pauses) and silence (no answers) stay on until `clear` or `replug`.
 * unplug / replug: socat goes away / comes back with the same path.
 */
export const emulatorFaultKinds = ['checksum', 'split', 'silence', 'garbage', 'unplug', 'replug', 'clear'] as const

export type EmulatorFault = (typeof emulatorFaultKinds)[number]
