/**
 * The station's key and the platform (docs/upstream.md "Station key and
 * registration"): what `upstream key` prints for an out-of-band registration,
 * and what `upstream register` sends — the public key, in a request signed
 * with that very key (proof of possession), with the platform's enrolment
 * token when it gives one out.
 */
import { loadStationConfig } from '../../config/loadConfig'
import { AppError } from '../../domain/errors'
import { FileKeyProvider } from '../../store/keyProviders'
import { openStore } from '../../store/store'
import { UpstreamClient, UpstreamRefusal } from '../../upstream/upstreamClient'
import { UpstreamTransportError } from '../../upstream/upstreamHttp'
import { stationSigningKey, type StationSigningKey } from '../../upstream/upstreamKey'
import { systemClock } from '../cases/hallClock'

export interface StationKeyInfo {
  stationId: string
  keyId: string
  /** base64 of the raw Ed25519 public key. */
  publicKey: string
}

function keyOf(dataDir: string): { config: ReturnType<typeof loadStationConfig>; key: StationSigningKey } {
  const config = loadStationConfig({ dataDir })
  const store = openStore({ dataDir, keyProvider: new FileKeyProvider(dataDir) })
  try {
    return { config, key: stationSigningKey(store, config.stationId, config.upstream?.stationKeyId) }
  } finally {
    store.close()
  }
}

/** The station's key as the platform registers it; made on first use. */
export function stationKeyInfo(dataDir: string): StationKeyInfo {
  const { config, key } = keyOf(dataDir)
  return { stationId: config.stationId, keyId: key.keyId, publicKey: key.publicKey.toString('base64') }
}

export async function registerStation(dataDir: string, options: { url?: string; enrolToken?: string } = {}): Promise<StationKeyInfo & { registered: true; alreadyRegistered: boolean }> {
  const { config, key } = keyOf(dataDir)
  const url = options.url ?? config.upstream?.url
  if (!url) throw new AppError('CONFIG_INVALID', '没有政务服务平台地址：在 station.json 中写 upstream.url，或用 --url 给出', 'upstream.url')
  const info = { stationId: config.stationId, keyId: key.keyId, publicKey: key.publicKey.toString('base64') }
  const client = new UpstreamClient({ url, stationId: config.stationId, key, timeoutMs: config.upstream?.timeoutMs ?? 15_000, clock: systemClock })
  try {
    const { registered } = await client.register({ ...info, stationName: config.stationName, hallName: config.hallName, regionCode: config.regionCode }, options.enrolToken)
    return { ...info, registered: true, alreadyRegistered: !registered }
  } catch (err) {
    if (err instanceof UpstreamRefusal) throw new AppError('CONFIG_INVALID', `登记被政务服务平台拒绝：${err.message}`)
    if (err instanceof UpstreamTransportError) throw new AppError('UPSTREAM_OFFLINE', `登记失败：${err.message}`)
    throw err
  }
}
