/**
 * ID card reader tools for installers and developers: decode a captured
 * answer frame, read one card from a real reader, run the reader emulator.
 */
import { decodeReadFrame } from '../devices/idcard/cardRead'
import { IdCardReader } from '../devices/idcard/reader'
import { fromHex } from '../devices/idcard/samFrame'
import { defaultDemoCardsFile, loadEmulatorCards } from '../emulators/demoCards'
import { emulatorFaultKinds, type EmulatorFault } from '../domain/demo/emulatorFaults'
import { IdCardReaderEmulator } from '../emulators/idcardReader'
import { consoleWords, runEmulator, type ConsoleWord } from './emulatorRun'
import { CliError, numberOption, parseArgs, stringOption, type CliCommand } from './command'

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

const decodeCommand: CliCommand = {
  name: ['idcard', 'decode'],
  usage: { zh: 'idcard decode 十六进制|-', en: 'idcard decode HEX|-' },
  summary: {
    zh: '解码一帧阅读器→主机的读卡应答（十六进制；"-" 从标准输入读取），以 JSON 打印证件',
    en: 'Decode one reader→host read answer frame (hex; "-" reads stdin) and print the card as JSON',
  },
  async run(args) {
    const { positional } = parseArgs(args)
    if (positional.length === 0) throw new CliError('请给出一帧阅读器应答的十六进制（或用 - 从标准输入读取）', 2)
    const text = positional[0] === '-' ? await readStdin() : positional.join('')
    let bytes: Uint8Array
    try {
      bytes = fromHex(text)
    } catch (err) {
      throw new CliError(`无法解码：${(err as Error).message}`)
    }
    const result = decodeReadFrame(bytes)
    if (!result.ok) throw new CliError(`无法解码：${result.failure.message}`)
    console.log(JSON.stringify(result.read.card))
    return 0
  },
}

const readCommand: CliCommand = {
  name: ['idcard', 'read'],
  usage: { zh: 'idcard read [--port 路径] [--timeout 秒数]', en: 'idcard read [--port PATH] [--timeout SECONDS]' },
  summary: {
    zh: '驱动阅读器直到读到一张证件，以 JSON 打印（不给 --port：逐个探测串口）',
    en: 'Drive a reader until one card is read and print it as JSON (no --port: probe every serial port)',
  },
  async run(args) {
    const { options } = parseArgs(args)
    const port = stringOption(options, 'port')
    const timeoutS = numberOption(options, 'timeout', 30)
    if (timeoutS <= 0) throw new CliError('--timeout 应为正数（秒）')
    let settle: (outcome: { ok: true; json: string } | { ok: false; message: string }) => void = () => undefined
    const outcome = new Promise<{ ok: true; json: string } | { ok: false; message: string }>((resolve) => (settle = resolve))
    let wasReady = false
    const reader = new IdCardReader({
      ...(port ? { port } : {}),
      pollMs: 200,
      onCard: (read) => settle({ ok: true, json: JSON.stringify(read.card) }),
      onBadCard: (failure) => settle({ ok: false, message: `证件数据无法解析：${failure.message}` }),
      onStatus: (status) => {
        if (status.state === 'ready') {
          if (!wasReady) console.error(`阅读器就绪（${status.port ?? ''}），请放置证件…`)
          wasReady = true
        }
        // Installers want a verdict, not a retry loop: a reader that is not there fails now.
        if (status.state === 'error' || status.state === 'unplugged') settle({ ok: false, message: status.message })
      },
    })
    const timer = setTimeout(
      () => settle({ ok: false, message: wasReady ? `${timeoutS} 秒内没有读到证件` : `${timeoutS} 秒内阅读器没有就绪` }),
      timeoutS * 1000,
    )
    reader.start()
    const result = await outcome
    clearTimeout(timer)
    await reader.stop()
    if (!result.ok) throw new CliError(result.message)
    console.log(result.json)
    return 0
  },
}

const emulateCommand: CliCommand = {
  name: ['emulate', 'idcard'],
  usage: { zh: 'emulate idcard [--cards 文件] [--dir 目录]', en: 'emulate idcard [--cards FILE] [--dir DIR]' },
  summary: {
    zh: '在伪终端上运行身份证阅读器模拟器；打印供驱动使用的端口，然后读取命令 place N | remove | fault 故障 | list | quit',
    en: 'Run the ID card reader emulator on a pseudo-terminal; prints the port for the driver, then reads place N | remove | fault KIND | list | quit',
  },
  async run(args) {
    const { options } = parseArgs(args)
    const file = stringOption(options, 'cards') ?? defaultDemoCardsFile()
    const dir = stringOption(options, 'dir')
    return runEmulator({
      start: () => IdCardReaderEmulator.start({ cards: loadEmulatorCards(file), ...(dir ? { dir } : {}) }),
      cannotStart: '身份证阅读器模拟器无法启动：',
      stdout: (emulator) => [emulator.appPath],
      stderr: (emulator) => [`模拟阅读器就绪：station.json 中设置 devices.idcard = {"mode":"serial","port":"${emulator.appPath}"}`, `命令：place N | remove | fault ${emulatorFaultKinds.join('|')} | list | quit`],
      onLine: consoleWords<IdCardReaderEmulator>({ place, remove, fault, list }, (_line, word) => `未知命令 "${word}"：可用 place N | remove | fault KIND | list | quit`),
      stop: (emulator) => emulator.close(),
      stopped: (_emulator, reason) => `模拟阅读器已停止（${reason}）`,
    })
  },
}

const place: ConsoleWord<IdCardReaderEmulator> = (emulator, [arg]) => {
  const index = Number(arg)
  if (!Number.isInteger(index)) throw new Error('用法：place N（N 为 list 中的序号）')
  emulator.place(index)
  console.error(`已放置第 ${index} 张证件`)
}

const remove: ConsoleWord<IdCardReaderEmulator> = (emulator) => {
  emulator.remove()
  console.error('已拿开证件')
}

const fault: ConsoleWord<IdCardReaderEmulator> = async (emulator, [arg]) => {
  const kind = emulatorFaultKinds.find((k) => k === arg)
  if (!kind) throw new Error(`用法：fault ${emulatorFaultKinds.join('|')}`)
  await emulator.fault(kind as EmulatorFault)
  console.error(`已注入故障 ${kind}`)
}

const list: ConsoleWord<IdCardReaderEmulator> = (emulator) => {
  for (const row of emulator.describeCards()) console.log(row)
}

export const idcardCommands: CliCommand[] = [decodeCommand, readCommand, emulateCommand]
