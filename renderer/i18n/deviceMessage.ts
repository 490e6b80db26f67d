import type { i18n as I18n } from 'i18next'
import type { DeviceStatus } from '../../main/contract/system'

/**
 * A light's words in the UI's language. Main's sentence is Chinese; in another
 * language the light's `reason` is looked up (its device's first, then the
 * shared ones) with its `params`, and main's sentence stands in for a reason
 * the renderer has no words for.
 */
export function deviceMessage(status: Pick<DeviceStatus, 'device' | 'reason' | 'message' | 'params'>, i18n: Pick<I18n, 'exists' | 't'>): string {
  const options = { ...status.params, ns: 'deviceReasons' }
  for (const key of [`${status.device}.${status.reason}`, `any.${status.reason}`]) {
    if (i18n.exists(key, options)) return i18n.t(key, options)
  }
  return status.message
}
