/**
 * `emulate upstream`: the government service platform emulator
 * (docs/upstream.md "Emulator") for a demo, the tests and an acceptance
 * check. Its console makes online 办件 on demand, as an applicant and an
 * approver on the platform would: `online 事项编码 window|express [证照类型]`.
 */
import { readFileSync } from 'node:fs'
import { idNumberCheckChar } from '../domain/idNumber'
import { plainDateOf } from '../domain/plainDate'
import { UpstreamSim } from '../emulators/upstreamSim'
import { say } from './cliLanguage'
import { CliError, numberOption, parseArgs, stringOption, usageError, type CliCommand } from './command'
import { consoleWords, runEmulator, type ConsoleWord } from './emulatorRun'

const usage = {
  zh: 'emulate upstream [--port 0] [--admin-token 令牌] [--enrol-token 令牌] [--tls-cert 证书.pem --tls-key 私钥.pem]',
  en: 'emulate upstream [--port 0] [--admin-token TOKEN] [--enrol-token TOKEN] [--tls-cert CERT.pem --tls-key KEY.pem]',
}

const CONSOLE_HELP = { zh: 'status | online 事项编码 window|express [证照类型] [工作站] | ready 平台办件编号 | quit', en: 'status | online ITEM_CODE window|express [CERTIFICATE_TYPE] [STATION] | ready PLATFORM_CASE_NO | quit' }

export const emulateUpstreamCommand: CliCommand = {
  name: ['emulate', 'upstream'],
  usage,
  summary: {
    zh: `在 127.0.0.1 运行政务服务平台模拟器（验签、按幂等键存办件事件、办件回流通知、按需故障）；标准输出依次为网址、管理令牌；标准输入：${CONSOLE_HELP.zh}`,
    en: `Run the government service platform emulator on 127.0.0.1 (signatures checked, events stored once by idempotency key, a notice feed, faults on demand); stdout: URL, admin token; stdin: ${CONSOLE_HELP.en}`,
  },
  async run(args) {
    const { positional, options } = parseArgs(args)
    if (positional.length > 0) throw usageError(usage)
    const port = numberOption(options, 'port', 0)
    const certFile = stringOption(options, 'tls-cert')
    const keyFile = stringOption(options, 'tls-key')
    if ((certFile === undefined) !== (keyFile === undefined)) throw new CliError(say({ zh: '--tls-cert 与 --tls-key 须同时给出', en: '--tls-cert and --tls-key go together' }), 2)
    const adminToken = stringOption(options, 'admin-token')
    const enrolToken = stringOption(options, 'enrol-token')
    const sim = new UpstreamSim({
      port,
      ...(adminToken ? { adminToken } : {}),
      ...(enrolToken ? { enrolToken } : {}),
      ...(certFile && keyFile ? { tls: { cert: readFileSync(certFile), key: readFileSync(keyFile) } } : {}),
      log: (line) => console.error(line),
    })
    return runEmulator({
      async start() {
        await sim.start()
        return sim
      },
      cannotStart: say({ zh: `政务服务平台模拟器无法在端口 ${port} 监听：`, en: `The platform emulator cannot listen on port ${port}: ` }),
      stdout: (sim) => [sim.url, `adminToken=${sim.adminToken}`],
      stderr: (sim) => [
        say({ zh: `政务服务平台模拟器就绪：${sim.url}/api/v1/*，控制面 ${sim.url}/__sim/*（请求头 X-Sim-Admin）`, en: `Platform emulator ready: ${sim.url}/api/v1/*, control plane ${sim.url}/__sim/* (header X-Sim-Admin)` }),
        say({ zh: `命令：${CONSOLE_HELP.zh}`, en: `Commands: ${CONSOLE_HELP.en}` }),
      ],
      onLine: consoleWords<UpstreamSim>({ status, online, ready }, (line) => `未知命令 "${line}"：可用 ${CONSOLE_HELP.zh}`),
      stop: (sim) => sim.stop(),
      stopped: (sim, reason) =>
        say({ zh: `政务服务平台模拟器已停止（${reason}），共存 ${sim.book.eventList().length} 条办件事件`, en: `Platform emulator stopped (${reason}): ${sim.book.eventList().length} events stored` }),
    })
  },
}

let demoApplicants = 0

/** A made-up applicant for a demo online case: a valid ID number, born 1990. */
function demoApplicant(): { name: string; idNumber: string; phone: string } {
  demoApplicants++
  const first17 = `32030219900101${String(100 + (demoApplicants % 900)).padStart(3, '0')}`
  return { name: `网办申请人${demoApplicants}`, idNumber: first17 + idNumberCheckChar(first17), phone: '13900000000' }
}

const status: ConsoleWord<UpstreamSim> = (sim) => {
  console.error(`${sim.book.stationList().length} 个工作站已登记，${sim.book.eventList().length} 条办件事件，${sim.calls.length} 次调用，${sim.faults.pending} 条故障规则待用`)
}

const online: ConsoleWord<UpstreamSim> = (sim, [itemCode, delivery, certificateType, station]) => {
  if (!itemCode || (delivery !== 'window' && delivery !== 'express')) throw new Error(`用法：online 事项编码 window|express [证照类型] [工作站]`)
  const a = demoApplicant()
  const made = sim.book.addOnlineCase({
    station: station ?? '001',
    case: {
      item: { code: itemCode, name: itemCode },
      applicant: { kind: 'person', name: a.name, idType: 'resident', idTypeName: '居民身份证', idNumber: a.idNumber, uscc: null, handlerName: null, handlerIdNumber: null, phone: a.phone },
      acceptedAt: new Date().toISOString(),
      deliveryMethod: delivery,
      express: delivery === 'express' ? { recipient: a.name, phone: a.phone, province: '江苏省', city: '徐州市', district: '云龙区', address: '和平路 1 号' } : null,
    },
    decision: { code: 'approve', certificate: certificateType ? { type: certificateType, number: `W${Date.now()}`, issuedOn: plainDateOf(new Date()) } : null },
    ready: true,
    operator: '网上审批',
  })
  console.error(`网上办件 ${made.caseNo}：申请人 ${a.name}，已准予并制证，通知 ${made.notices.map((n) => n.noticeId).join('、')}`)
}

const ready: ConsoleWord<UpstreamSim> = (sim, [caseNo]) => {
  if (!caseNo) throw new Error('用法：ready 平台办件编号')
  console.error(`通知 ${sim.book.addNotice(caseNo, 'ready', {}).noticeId}`)
}
