import type { CliCommand } from './command'
import { numberOption, parseArgs, stringOption } from './command'
import { startStation } from '../station'
import { untilSignal } from './emulatorConsole'


export const stationCommands: CliCommand[] = [
  {
    name: ['station'],
    usage: 'station [--port N] [--data DIR] [--config FILE]',
    summary: 'Start the headless station host (HTTP + WebSocket on 127.0.0.1) and print its URL',
    async run(args) {
      const { options } = parseArgs(args)
      const station = await startStation({
        port: numberOption(options, 'port', 0),
        dataDir: stringOption(options, 'data'),
        configFile: stringOption(options, 'config'),
      })
      const info = station.app.services
      console.log(`OneWindow station host ready — ${info.config.hallName} · ${info.config.stationName} (${info.config.stationId})`)
      console.log(`data: ${info.config.dataDir}`)
      console.log(`open: ${station.server.openUrl}`)
      const signal = await untilSignal()
      console.log(`stopping (${signal})…`)
      await station.stop()
      return 0
    },
  },
]
