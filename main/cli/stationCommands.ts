import type { CliCommand } from './command'
import { CliError, numberOption, parseArgs, stringOption } from './command'
import { loadStationConfig } from '../config/loadConfig'
import { DEFAULT_STATION_PORT, startStation } from '../station'
import { loadStationToken, renewStationToken, stationTokenPath } from '../transport/stationToken'
import { untilSignal } from './emulatorConsole'
import { demoOperatorsLine } from '../demoOperators'
import { roleLabels } from '../domain/access'

function portOption(options: Map<string, string | true>): number {
  const port = numberOption(options, 'port', DEFAULT_STATION_PORT)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port 应为 0–65535 的整数（0 = 任一空闲端口），收到 ${port}`)
  return port
}

export const stationCommands: CliCommand[] = [
  {
    name: ['station'],
    usage: { zh: 'station [--port N] [--data 目录] [--config 文件]', en: 'station [--port N] [--data DIR] [--config FILE]' },
    summary: {
      zh: `启动无界面的工作站主机（127.0.0.1 上的 HTTP + WebSocket，端口默认 ${DEFAULT_STATION_PORT}，可用 --port 指定）并打印其网址`,
      en: `Start the headless station host (HTTP + WebSocket on 127.0.0.1, port ${DEFAULT_STATION_PORT} unless --port) and print its URL`,
    },
    async run(args) {
      const { options } = parseArgs(args)
      // Listening before the start: a stop asked for while it starts is taken after it, never a death by signal.
      const stopAsked = untilSignal()
      const station = await startStation({
        port: portOption(options),
        dataDir: stringOption(options, 'data'),
        configFile: stringOption(options, 'config'),
      })
      const info = station.app.services
      console.log(`OneWindow station host ready — ${info.config.hallName} · ${info.config.stationName} (${info.config.stationId})`)
      console.log(`data: ${info.config.dataDir}`)
      console.log(`open: ${station.server.openUrl}`)
      // 好差评's customer-facing panel: open it in a browser window on the counter's second screen.
      console.log(`rating panel: ${station.server.url}#/rate&token=${station.server.token}`)
      if (info.demoOperators) console.log(`operators: ${demoOperatorsLine((role) => roleLabels[role])}`)
      else if (info.operators.count() === 0) console.log(`operators: 还没有工作人员账号，先添加一个值班长：npm run cli -- operators add --data ${info.config.dataDir} --id 工号 --name 姓名 --role supervisor --pin-env 环境变量名`)
      const signal = await stopAsked
      console.log(`stopping (${signal})…`)
      await station.stop()
      return 0
    },
  },
  {
    name: ['station', 'token'],
    usage: { zh: 'station token [--renew] [--data 目录] [--config 文件] [--port N]', en: 'station token [--renew] [--data DIR] [--config FILE] [--port N]' },
    summary: {
      zh: '打印带已保存令牌的工作站网址；--renew 生成新令牌（旧网址随即失效，主机运行中也立即失效）',
      en: 'Print the station URL with its kept token; --renew makes a new token (the old URL stops working, at once if the host runs)',
    },
    run(args) {
      const { options } = parseArgs(args, { flags: ['renew'] })
      const port = portOption(options)
      const config = loadStationConfig({ dataDir: stringOption(options, 'data'), configFile: stringOption(options, 'config') })
      const renew = options.has('renew')
      const token = renew ? renewStationToken(config.dataDir) : loadStationToken(config.dataDir)
      if (renew) console.error(`新令牌已写入 ${stationTokenPath(config.dataDir)}：旧网址已失效（运行中的工作站主机立即改用新令牌）`)
      console.log(`http://127.0.0.1:${port === 0 ? DEFAULT_STATION_PORT : port}/#token=${token}`)
      return 0
    },
  },
]
