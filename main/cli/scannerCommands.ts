import { scanTerminators, type ScanTerminator } from '../devices/scanner/scanFraming'
import { ScannerEmulator } from '../emulators/scannerEmulator'
import { CliError, parseArgs, stringOption, type CliCommand } from './command'
import { runEmulator } from './emulatorRun'


function terminatorOption(value: string | undefined): ScanTerminator {
  if (value === undefined) return 'CR'
  const upper = value.toUpperCase()
  const found = scanTerminators.find((t) => t === upper)
  if (!found) throw new CliError(`--terminator 应为 ${scanTerminators.join('、')} 之一，收到 "${value}"`)
  return found
}

export const scannerCommands: CliCommand[] = [
  {
    name: ['emulate', 'scanner'],
    usage: { zh: 'emulate scanner [--terminator CR|LF|CRLF|TAB|NONE] [--prefix 字符] [--dir 目录]', en: 'emulate scanner [--terminator CR|LF|CRLF|TAB|NONE] [--prefix C] [--dir DIR]' },
    summary: {
      zh: '在伪终端上运行串口扫码枪模拟器；打印其设备路径，标准输入的每一行扫描一次（":unplug"、":replug" 拔插线缆）',
      en: 'Run a serial barcode scanner on a pseudo-terminal; prints its device path, scans each stdin line (":unplug", ":replug" pull the cable)',
    },
    async run(args) {
      const { options } = parseArgs(args)
      const terminator = terminatorOption(stringOption(options, 'terminator'))
      const prefix = stringOption(options, 'prefix')
      const dir = stringOption(options, 'dir')
      return runEmulator({
        start: () => ScannerEmulator.start({ terminator, ...(prefix ? { prefix } : {}), ...(dir ? { dir } : {}) }),
        cannotStart: '扫码枪模拟器无法启动：',
        stdout: (emulator) => [emulator.devicePath],
        stderr: (emulator) => [`扫码枪模拟器就绪（后缀 ${terminator}）：在 station.json 中设置 devices.scanner = {"mode":"serial","port":"${emulator.devicePath}"}`],
        // Every line is a barcode but a `:` command; scans go out one at a time, in the order typed, even if the wire is slow.
        async onLine(emulator, text) {
          if (text === ':unplug') await emulator.unplug()
          else if (text === ':replug') await emulator.replug()
          // A mistyped command is not a barcode: nothing goes over the wire.
          else if (text.startsWith(':')) return console.error(`未知的命令 ${text}：可用 :unplug、:replug`)
          else await emulator.scan(text)
          console.error(text.startsWith(':') ? `已执行 ${text}` : `已扫描 ${text}`)
        },
        stop: (emulator) => emulator.close(),
        stopped: (_emulator, signal) => `扫码枪模拟器已停止（${signal}）`,
      })
    },
  },
]
