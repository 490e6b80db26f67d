/**
 * The station's carrier adapter from its config: manual, or SF-shaped HTTP
 * with the check word taken from the station's key store (or, for one CLI
 * run, given on the command line).
 */
import type { CarrierConfig } from '../domain/dispatch/carrierConfig'
import { AppError } from '../domain/errors'
import type { SecretSource } from '../store/stationSecrets'
import type { CarrierAdapter } from './carrierAdapter'
import { ManualAdapter } from './manualAdapter'
import { SfHttpAdapter } from './sfHttpAdapter'

export function createCarrierAdapter(config: CarrierConfig, secrets: SecretSource, override: { checkWord?: string; clock?: { now(): Date } } = {}): CarrierAdapter {
  if (config.kind === 'manual') return new ManualAdapter()
  // The composition root starts the emulator and passes the http config pointing at it; a service never sees this kind.
  if (config.kind === 'emulator') throw new AppError('CONFIG_INVALID', '承运商模拟器（emulator）须由工作站启动后再建接口，不能直接用于下单', 'carrier.kind')
  const checkWord = override.checkWord ?? secrets.get(config.checkWordRef)
  if (!checkWord) {
    throw new AppError(
      'CONFIG_INVALID',
      `承运商校验码 ${config.checkWordRef} 不在本机密钥库：请执行 npm run cli -- carrier secret set --data 数据目录 --ref ${config.checkWordRef}（从标准输入读入校验码）`,
      'carrier.checkWordRef',
    )
  }
  return new SfHttpAdapter({
    url: config.url,
    partnerId: config.partnerId,
    checkWord,
    auth: config.auth,
    expressTypeId: config.expressTypeId,
    timeoutMs: config.timeoutMs,
    ...(config.monthlyCard ? { monthlyCard: config.monthlyCard } : {}),
    ...(override.clock ? { clock: override.clock } : {}),
  })
}
