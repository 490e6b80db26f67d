/**
 * Headless station host: all services plus the HTTP/WebSocket bridge and the
 * built renderer, on 127.0.0.1. Used for kiosks, thin clients, machines with
 * no Electron binary, and the end-to-end tests in Chromium.
 */
import { createApp, type App } from './app'
import type { HallClock } from './services/cases/hallClock'
import { loadStationConfig } from './config/loadConfig'
import { rendererDir } from './config/paths'
import { restrictUmask } from './store/dataDirPermissions'
import { startStationServer, type StationServer } from './transport/stationServer'
import { loadCarrierPushSecret } from './transport/carrierPushSecret'
import { loadStationToken, watchStationToken } from './transport/stationToken'

/**
 * The port `npm run station` / `npm start` listen on unless told otherwise
 * (--port N): fixed, so a kiosk's or a bookmark's URL survives a restart.
 */
export const DEFAULT_STATION_PORT = 17800

export interface StationOptions {
  /** Absent or 0: any free port (tests run in parallel); the CLI passes DEFAULT_STATION_PORT. */
  port?: number
  dataDir?: string
  configFile?: string
  staticDir?: string
  /** Absent: the token kept in the data directory (created on first start, followed when renewed). */
  token?: string
  /** Tests: the hall's time (a session's idle time, deadlines); absent: the system clock. */
  clock?: HallClock
}

export interface Station {
  app: App
  server: StationServer
  stop(): Promise<void>
}

export async function startStation(options: StationOptions = {}): Promise<Station> {
  const config = loadStationConfig({ dataDir: options.dataDir, configFile: options.configFile })
  // Before the first file of the data directory (the token) is made: everything this process creates is private.
  restrictUmask()
  const token = options.token ?? loadStationToken(config.dataDir)
  const port = options.port ?? 0
  const app = await createApp(config, options.clock ? { clock: options.clock } : {})
  let server: StationServer
  try {
    server = await startStationServer(app, { port, staticDir: options.staticDir ?? rendererDir(), token, carrierPushSecret: loadCarrierPushSecret(config.dataDir) })
  } catch (err) {
    await app.close()
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE') {
      throw new Error(`端口 ${port} 已被占用（可能另一个工作站主机正在运行）：先关闭它，或用 --port N 换一个端口`, { cause: err })
    }
    if (code === 'EACCES') throw new Error(`无权监听端口 ${port}：用 1024 以上的端口（--port N）`, { cause: err })
    throw err
  }
  // A renewal while running takes effect at once: the old URL must stop working, not linger until a restart.
  const unwatch = options.token ? () => undefined : watchStationToken(config.dataDir, token, (next) => server.setToken(next))
  // The demo hall's carrier emulator pushes its routes here, as a real carrier would once told the address.
  const carrierDemo = app.services.demo?.carrier
  if (carrierDemo && server.carrierPush) {
    await carrierDemo.pushTo(server.carrierPush).catch((err: unknown) => console.warn('[demo] 承运商模拟器的轨迹推送未能配置：', err instanceof Error ? err.message : err))
  }
  // Serving now: the full integrity check runs in the background from here (it reads, it blocks no request).
  void app.services.storeIntegrity.checkInBackground()
  return {
    app,
    server,
    async stop() {
      unwatch()
      await server.close()
      await app.close()
    },
  }
}
