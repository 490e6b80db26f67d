import type { DeviceStatus } from '../../main/contract/system'

export type LightState = DeviceStatus['state']

/**
 * How each light state looks. Most are antd's badge colours; preview (no
 * printer connected, documents shown on screen) has its own colour and a
 * screen glyph instead of a dot: green would say a printer is ready.
 */
export type LightLook = { kind: 'dot'; status: 'success' | 'processing' | 'warning' | 'error' | 'default' } | { kind: 'screen'; colour: string }

export const lightLooks: Readonly<Record<LightState, LightLook>> = {
  ok: { kind: 'dot', status: 'success' },
  busy: { kind: 'dot', status: 'processing' },
  warning: { kind: 'dot', status: 'warning' },
  error: { kind: 'dot', status: 'error' },
  off: { kind: 'dot', status: 'default' },
  preview: { kind: 'screen', colour: '#722ed1' },
}
