/**
 * Printer tools for installers: send a test page straight to a printer (not
 * through the queue), run the network printer emulator, decode a captured job.
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { CliError, parseArgs, stringOption, numberOption, type CliCommand } from './command'
import { consoleWords, runEmulator } from './emulatorRun'
import { PrinterDriver } from '../devices/printer/printerDriver'
import { decodePrinterJob } from '../devices/printer/printerJobDecode'
import { statusWords } from '../devices/printer/printerStatus'
import { PrinterEmulator } from '../emulators/printerEmulator'
import { buildTestLabel, buildTestReceipt } from '../domain/print/testPage'

const kinds = ['receipt', 'label-tspl', 'label-escpos'] as const

const testCommand: CliCommand = {
  name: ['print', 'test'],
  usage: { zh: 'print test --to 地址 [--kind receipt|label-tspl|label-escpos] [--text 文字]', en: 'print test --to URI [--kind receipt|label-tspl|label-escpos] [--text TEXT]' },
  summary: {
    zh: '直接向打印机打印测试页（tcp://主机:端口、设备文件、serial:路径）；连不上时几秒内报错',
    en: 'Print a test page directly to a printer (tcp://HOST:PORT, a device file, serial:PATH); fails within seconds if unreachable',
  },
  async run(args) {
    const { options } = parseArgs(args)
    const uri = stringOption(options, 'to')
    if (!uri) throw new CliError('需要 --to 打印机地址，例如 --to tcp://192.168.1.50:9100', 2)
    const kindText = stringOption(options, 'kind') ?? 'receipt'
    const kind = kinds.find((k) => k === kindText)
    if (!kind) throw new CliError(`--kind 应为 ${kinds.join('、')} 之一，收到 "${kindText}"`, 2)
    const text = stringOption(options, 'text') ?? '打印测试 一窗通'
    const driver = new PrinterDriver(uri, kind === 'label-tspl' ? 'tspl' : 'escpos', { timeouts: { connectMs: 3000, writeMs: 5000 } })
    const at = new Date().toLocaleString('zh-CN', { hour12: false })
    const doc = kind === 'label-tspl' ? buildTestLabel(text, uri, at) : buildTestReceipt(text, uri, at, kind === 'label-escpos' ? '面单（ESC/POS 版式）' : '小票')
    try {
      const result = await driver.print(doc)
      const status = result.status ? statusWords(result.status) : '未回报'
      console.log(`已发送 ${result.bytes} 字节到 ${uri}（${kind}；打印机状态：${status}）`)
      return 0
    } catch (err) {
      throw new CliError(`打印失败：${err instanceof Error ? err.message : String(err)}`)
    }
  },
}


const emulateCommand: CliCommand = {
  name: ['emulate', 'printer'],
  usage: { zh: 'emulate printer [--port 9100] [--out 目录] [--host 127.0.0.1] [--no-png]', en: 'emulate printer [--port 9100] [--out DIR] [--host 127.0.0.1] [--no-png]' },
  summary: {
    zh: '运行网络打印机模拟器（ESC/POS + TSPL）；每个作业写出 .txt 转储和 .png；标准输入：offline | online | paper-out | paper-in | status | quit',
    en: 'Run a network printer emulator (ESC/POS + TSPL); writes a .txt dump and .png per job; stdin: offline | online | paper-out | paper-in | status | quit',
  },
  async run(args) {
    const { options } = parseArgs(args, { flags: ['no-png'] })
    const port = numberOption(options, 'port', 9100)
    const outDir = resolve(stringOption(options, 'out') ?? 'print-captures')
    const emulator = new PrinterEmulator({
      port,
      host: stringOption(options, 'host') ?? '127.0.0.1',
      outDir,
      renderPng: !options.has('no-png'),
      log: (line) => console.error(line),
    })
    emulator.on('files', (job: { seq: number; txtPath?: string; pngPaths: string[] }) => {
      console.error(`作业 ${job.seq}：${[job.txtPath, ...job.pngPaths].filter(Boolean).join('，')}`)
    })
    return runEmulator({
      async start() {
        await emulator.start()
        return emulator
      },
      cannotStart: `打印机模拟器无法在端口 ${port} 监听：`,
      stdout: (e) => [`tcp://127.0.0.1:${e.port}`],
      stderr: () => [`打印机模拟器就绪，输出目录 ${outDir}`, `命令：${CONSOLE_HELP}`],
      onLine: (e, line, quit) => {
        // The printer's commands take no arguments: `offline now` is not `offline`.
        if (/\s/.test(line)) throw new Error(unknownCommand(line))
        return printerConsole(e, line, quit)
      },
      stop: (e) => e.stop(),
      stopped: (e, reason) => `打印机模拟器已停止（${reason}），共打印 ${e.jobs.length} 个作业，拒绝 ${e.refusedJobs} 个`,
    })
  },
}

const CONSOLE_HELP = 'offline | online | paper-out | paper-in | status | quit'
const unknownCommand = (line: string): string => `未知命令 "${line}"：可用 ${CONSOLE_HELP}`

const printerConsole = consoleWords<PrinterEmulator>(
  {
    async offline(emulator) {
      await emulator.setOffline(true)
      console.error('已脱机：不再接受连接')
    },
    async online(emulator) {
      await emulator.setOffline(false)
      console.error(`已联机：tcp://127.0.0.1:${emulator.port}`)
    },
    'paper-out': (emulator) => {
      emulator.setPaperOut(true)
      console.error('已缺纸：状态查询报缺纸，收到的作业不打印')
    },
    'paper-in': (emulator) => {
      emulator.setPaperOut(false)
      console.error('已装纸')
    },
    status(emulator) {
      console.error(`${emulator.isOnline ? '联机' : '脱机'}，${emulator.isPaperOut ? '缺纸' : '有纸'}，已打印 ${emulator.jobs.length}，拒绝 ${emulator.refusedJobs}`)
    },
  },
  unknownCommand,
)

const decodeCommand: CliCommand = {
  name: ['print', 'decode'],
  usage: { zh: 'print decode 文件 [--columns 48]', en: 'print decode FILE [--columns 48]' },
  summary: {
    zh: '把截获的 ESC/POS 或 TSPL 作业（原始字节）解码为可读文字，含条码和二维码内容',
    en: 'Decode a captured ESC/POS or TSPL job (raw bytes) into readable text with barcode and QR payloads',
  },
  async run(args) {
    const { positional, options } = parseArgs(args)
    const file = positional[0]
    if (!file) throw new CliError('需要一个作业文件（打印机收到的原始字节）', 2)
    let bytes: Buffer
    try {
      bytes = await readFile(file)
    } catch (err) {
      throw new CliError(`读不了 ${file}：${err instanceof Error ? err.message : String(err)}`)
    }
    console.log(decodePrinterJob(bytes, numberOption(options, 'columns', 48)).text)
    return 0
  },
}

export const printCommands: CliCommand[] = [testCommand, decodeCommand, emulateCommand]

