/**
 * Headless station host: all services plus the HTTP/WebSocket bridge and the
 * built renderer, on 127.0.0.1. Used for kiosks, thin clients, machines with
 * no Electron binary, and the end-to-end tests in Chromium.
 */
import { createApp, type App } from './app'
import { loadStationConfig } from './config/loadConfig'
import { rendererDir } from './config/paths'
import { startStationServer, type StationServer } from './transport/stationServer'

export interface StationOptions {
  port?: number
  dataDir?: string
  configFile?: string
  staticDir?: string
  token?: string
}

export interface Station {
  app: App
  server: StationServer
  stop(): Promise<void>
}

export async function startStation(options: StationOptions = {}): Promise<Station> {
  const config = loadStationConfig({ dataDir: options.dataDir, configFile: options.configFile })
  const app = await createApp(config)
  let server: StationServer
  try {
    server = await startStationServer(app, {
      port: options.port,
      staticDir: options.staticDir ?? rendererDir(),
      token: options.token,
    })
  } catch (err) {
    await app.close()
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE') throw new Error(`端口 ${options.port} 已被占用：换一个端口（--port N），或先关闭另一个工作站主机`, { cause: err })
    throw err
  }
  return {
    app,
    server,
    async stop() {
      await server.close()
      await app.close()
    },
  }
}
