import { z } from 'zod'
import { AppError } from '../domain/errors'
import '../contract/zodLocale'
import { parsePrinterUri } from '../devices/printer/printerUri'
import { scanTerminators } from '../devices/scanner/scanFraming'
import { carrierConfigSchema } from '../domain/dispatch/carrierConfig'
import { FOLLOW_UP_DAYS } from '../domain/ratings'

/**
 * A printer address, checked by the parser the printer driver uses: one rule, so
 * an address the station starts with is one the driver can open, and a wrong one
 * stops the start with the driver's own message instead of failing every print.
 */
const printerUri = z.string().superRefine((value, ctx) => {
  try {
    parsePrinterUri(value)
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : String(err) })
  }
})

const deviceModes = {
  idcard: z
    .object({
      /** `emulator` runs the built-in reader emulator on a pseudo-terminal; `serial` a real reader. */
      mode: z.enum(['emulator', 'serial', 'off']).default('emulator'),
      /** A serial path; absent with mode serial = probe every port for a SAM reader. */
      port: z.string().min(1).optional(),
      pollMs: z.number().int().min(100).max(5000).default(300),
    })
    .strict()
    .prefault({}),
  scanner: z
    .object({
      mode: z.enum(['wedge', 'serial', 'emulator', 'off']).default('wedge'),
      port: z.string().min(1).optional(),
      baudRate: z.number().int().positive().default(115200),
      /** Suffix that ends one serial scan; NONE = the scanner sends none, a scan ends at an ~80 ms idle gap. */
      terminator: z.enum(scanTerminators).default('CR'),
      /** Keyboard-wedge detection (see specs/idcard-reader.md §9). */
      wedge: z
        .object({
          minLength: z.number().int().min(1).default(6),
          maxAvgGapMs: z.number().int().min(1).default(30),
          maxGapMs: z.number().int().min(1).default(50),
          /** A character the scanner is programmed to send first (e.g. "§"); makes a burst unmistakable. */
          prefix: z.string().length(1, '前缀应为 1 个字符').optional(),
        })
        .strict()
        .prefault({}),
    })
    .strict()
    .prefault({}),
  receiptPrinter: z
    .object({
      /** `preview` shows receipts on screen only (demo hall with no printer). */
      mode: z.enum(['preview', 'escpos']).default('preview'),
      uri: printerUri.optional(),
      widthMm: z.union([z.literal(58), z.literal(80)]).default(80),
    })
    .strict()
    .prefault({}),
  labelPrinter: z
    .object({
      mode: z.enum(['preview', 'tspl', 'escpos']).default('preview'),
      uri: printerUri.optional(),
      /** TSPL `CODEPAGE 936` before the label: some Gprinter/Xprinter models print Chinese only with it. */
      sendCodepage936: z.boolean().default(false),
    })
    .strict()
    .prefault({}),
  camera: z
    .object({ enabled: z.boolean().default(true) })
    .strict()
    .prefault({}),
}

export const stationConfigSchema = z
  .object({
    /** Three digits: this window's number inside the hall; part of every case number. */
    stationId: z.string().regex(/^\d{3}$/, '应为 3 位数字，例如 "001"').default('001'),
    stationName: z.string().min(1).max(40).default('综合受理 1 号窗口'),
    hallName: z.string().min(1).max(60).default('示范市政务服务中心'),
    /** GB/T 2260 six-digit administrative division code of the hall. */
    regionCode: z.string().regex(/^\d{6}$/, '应为 6 位行政区划代码，例如 "320300"').default('320300'),
    profile: z.enum(['window', 'courier', 'agent', 'review', 'output']).default('window'),
    /** The catalog department (its `code`) whose cases a `review` station reviews (分类审核办理); checked against the catalog at start. */
    department: z.string().trim().min(1, '应为事项目录中的部门代码，例如 "SCJG"').max(20, '部门代码最长 20 个字符').optional(),
    /** The bank branch an `agent` station belongs to (银行网点代办): printed on its receipts, recorded on its cases. */
    agent: z
      .object({
        branchName: z.string().trim().min(1, '请填写网点名称，例如 "XX银行XX支行"').max(40, '网点名称最长 40 个字符'),
        branchCode: z.string().trim().regex(/^[0-9A-Za-z-]{1,20}$/, '应为 1–20 位字母、数字或 -（银行网点代码）'),
      })
      .strict()
      .optional(),
    locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
    /** Case numbers: tokens {region6} {yyyymmdd} {yymmdd} {station3} {seqN}; digits only keeps Code 128 short. */
    caseNumberFormat: z.string().min(4).max(60).default('{region6}{yyyymmdd}{station3}{seq4}'),
    /** The receipt's two QR codes: progress enquiry and evaluation (好差评); `{caseNo}` is replaced. Halls set their platform's addresses. */
    receiptLinks: z
      .object({
        progressQuery: z.string().regex(/^https?:\/\/[\x21-\x7e]+$/, '应为 http(s) 网址，可含 {caseNo}').default('https://zwfw.example/progress?caseNo={caseNo}'),
        evaluation: z.string().regex(/^https?:\/\/[\x21-\x7e]+$/, '应为 http(s) 网址，可含 {caseNo}').default('https://zwfw.example/evaluate?caseNo={caseNo}'),
        hallPhone: z.string().max(20).optional(),
      })
      .strict()
      .prefault({}),
    /** 好差评: the working days a 差评's follow-up (整改) is due in, 5–15. */
    ratings: z
      .object({ followUpDays: z.number().int('应为整数').min(FOLLOW_UP_DAYS.min, '应为 5–15 个工作日').max(FOLLOW_UP_DAYS.max, '应为 5–15 个工作日').default(FOLLOW_UP_DAYS.default) })
      .strict()
      .prefault({}),
    /** Sign-in: a window or tab with no command for this long signs out (its draft stays). */
    session: z
      .object({ idleMinutes: z.number().int('应为整数').min(1, '应为 1–240 分钟').max(240, '应为 1–240 分钟').default(15) })
      .strict()
      .prefault({}),
    /** Where the SQLite database, keys, backups and print captures live. */
    dataDir: z.string().min(1).optional(),
    devices: z
      .object(deviceModes)
      .strict()
      .prefault({}),
    /** The courier desk's carrier: manual (pre-printed waybills, no network) or the SF-shaped HTTP API. */
    carrier: carrierConfigSchema,
    /** Hall mode (docs/hall.md): joined to the hall's PostgreSQL; absent = standalone. Written by `hall join`. */
    hall: z
      .object({
        url: z.string().regex(/^postgres(ql)?:\/\/\S+$/, '应为 postgresql:// 开头的大厅数据库地址'),
        /** The station code in case numbers; equals stationId (hall join sets both). */
        station: z.string().regex(/^\d{3}$/, '应为 3 位数字，例如 "003"'),
        tls: z.boolean().default(false),
      })
      .strict()
      .optional(),
    /** The government service platform (docs/upstream.md): case events pushed, online cases pulled; absent = standalone. */
    upstream: z
      .object({
        url: z.string().regex(/^https?:\/\/[\x21-\x7e]+$/, '应为 http(s) 网址，例如 https://zwfw.example.gov.cn/ow'),
        /** The id the platform knows this station's key by; default `<stationId>-<key fingerprint>`. */
        stationKeyId: z.string().regex(/^[\x21-\x7e]{1,80}$/, '应为 1–80 位可见 ASCII 字符').optional(),
        /** https only: a PEM CA file trusted besides the system's (a provincial platform's own CA). */
        tls: z.object({ caFile: z.string().min(1).optional() }).strict().optional(),
        timeoutMs: z.number().int().min(500).max(120_000).default(15_000),
        pollSeconds: z.number().int().min(5).max(86_400).default(60),
      })
      .strict()
      .optional(),
  })
  .strict()

export type StationConfig = z.output<typeof stationConfigSchema> & { dataDir: string }
export type StationConfigInput = z.input<typeof stationConfigSchema>

/**
 * Validates a raw config object. An error names the key and what was expected,
 * so an installer can fix station.json without reading code.
 */
export function parseStationConfig(raw: unknown, dataDir: string, source = '配置'): StationConfig {
  const parsed = stationConfigSchema.safeParse(raw ?? {})
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const key = issue.path.map(String).join('.') || '(根)'
    const what =
      issue.code === 'unrecognized_keys'
        ? `未知的配置项 ${issue.keys.map((k) => (key === '(根)' ? k : `${key}.${k}`)).join(', ')}`
        : `配置项 ${key}：${issue.message}`
    throw new AppError('CONFIG_INVALID', `${source}有误 — ${what}`, key)
  }
  const config = parsed.data
  if (config.profile === 'review' && config.department === undefined) {
    throw new AppError('CONFIG_INVALID', `${source}有误 — 配置项 department：审核工作站（profile review）需要所审核的部门代码（事项目录 departments 中的 code，例如 "SCJG"）`, 'department')
  }
  if (config.profile === 'agent' && config.agent === undefined) {
    throw new AppError('CONFIG_INVALID', `${source}有误 — 配置项 agent：银行网点代办工作站（profile agent）需要 agent.branchName（网点名称，例如 "XX银行XX支行"）和 agent.branchCode（网点代码）`, 'agent')
  }
  for (const kind of ['receiptPrinter', 'labelPrinter'] as const) {
    const device = config.devices[kind]
    if (device.mode !== 'preview' && !device.uri) {
      throw new AppError(
        'CONFIG_INVALID',
        `${source}有误 — 配置项 devices.${kind}.uri：模式 ${device.mode} 需要打印机地址（tcp://主机:9100、serial:设备 或 设备文件）`,
        `devices.${kind}.uri`,
      )
    }
  }
  if (config.hall && config.hall.station !== config.stationId) {
    throw new AppError('CONFIG_INVALID', `${source}有误 — 配置项 hall.station：应与 stationId（${config.stationId}）相同，它是办件编号中的工作站代码（请用 hall join 设置）`, 'hall.station')
  }
  return { ...config, dataDir: config.dataDir ?? dataDir }
}

/** True when nothing real is configured: the demo hall on its emulators. */
export function isDemo(config: StationConfig): boolean {
  const d = config.devices
  return d.idcard.mode !== 'serial' && d.receiptPrinter.mode === 'preview' && d.labelPrinter.mode === 'preview'
}
