/**
 * SW3, the SAM module's result code (spec §2.4). The driver decides on SW3
 * only; SW1/SW2 may echo the card's ISO 7816 status and are for diagnostics.
 */

export interface SamStatusInfo {
  code: number
  /** Stable machine name, e.g. `noCard`; `unknown` for codes not in the table. */
  name: string
  zh: string
  en: string
}

const table = [
  [0x90, 'ok', '操作成功', 'operation successful'],
  [0x9f, 'cardFound', '寻找证/卡成功', 'card found'],
  [0x91, 'noContent', '证/卡中此项无内容', 'the requested item is not on the card'],
  [0x10, 'badChecksum', '阅读器收到的命令校验和错误', 'the reader received a command with a bad checksum'],
  [0x11, 'badLength', '阅读器收到的命令长度错误', 'the reader received a command with a bad length'],
  [0x21, 'badCommand', '命令错误（未知命令或参数不合法）', 'bad command: unknown command or illegal parameter'],
  [0x23, 'notPermitted', '越权操作', 'operation not permitted'],
  [0x24, 'unrecognisedError', '无法识别的错误', 'unrecognised error'],
  [0x31, 'cardAuthSamFailed', '证/卡认证 SAM 失败', 'the card failed to authenticate the SAM'],
  [0x32, 'samAuthCardFailed', 'SAM 认证证/卡失败', 'the SAM failed to authenticate the card'],
  [0x33, 'verifyFailed', '信息验证错误', 'information verification error'],
  [0x40, 'unknownCardType', '无法识别的证/卡类型', 'unknown or wrong card type'],
  [0x41, 'readFailed', '读证/卡操作失败（证件可能被移动）', 'reading the card failed (the card may have moved)'],
  [0x47, 'randomFailed', '取随机数失败', 'getting the random number from the card failed'],
  [0x60, 'samSelfTestFailed', 'SAM 自检失败，不能接收命令', 'SAM self-test failed; the module accepts no commands'],
  [0x66, 'samNotAuthorised', 'SAM 未经授权，无法使用', 'SAM not authorised; unusable'],
  [0x80, 'noCard', '寻找证/卡失败（无证件，或同一张证件尚未拿开）', 'find card failed: no card, or the same card not yet lifted'],
  [0x81, 'selectFailed', '选取证/卡失败', 'select card failed'],
] as const

export type SamStatusName = (typeof table)[number][1] | 'unknown'

export const SW3 = {
  ok: 0x90,
  cardFound: 0x9f,
  noContent: 0x91,
  badChecksum: 0x10,
  badLength: 0x11,
  badCommand: 0x21,
  notPermitted: 0x23,
  unrecognisedError: 0x24,
  cardAuthSamFailed: 0x31,
  samAuthCardFailed: 0x32,
  verifyFailed: 0x33,
  unknownCardType: 0x40,
  readFailed: 0x41,
  randomFailed: 0x47,
  samSelfTestFailed: 0x60,
  samNotAuthorised: 0x66,
  noCard: 0x80,
  selectFailed: 0x81,
} as const satisfies Record<Exclude<SamStatusName, 'unknown'>, number>

const byCode = new Map<number, SamStatusInfo>(table.map(([code, name, zh, en]) => [code, { code, name, zh, en }]))

/** Every SW3 the spec names, in table order (tests iterate it). */
export const knownSamStatuses: readonly SamStatusInfo[] = [...byCode.values()]

const hex2 = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0')

export function samStatus(code: number): SamStatusInfo {
  return (
    byCode.get(code) ?? {
      code,
      name: 'unknown',
      zh: `未知状态码 0x${hex2(code)}`,
      en: `unknown status 0x${hex2(code)}`,
    }
  )
}

/** One line for logs and CLI errors: `SW3=0x80 noCard: 寻找证/卡失败… (find card failed…)`. */
export function describeSamStatus(code: number): string {
  const info = samStatus(code)
  return `SW3=0x${hex2(code)} ${info.name}：${info.zh}（${info.en}）`
}

/**
 * Statuses after which a read is worth one more try with the card held still
 * (spec §4.1): the radio exchange failed, the card itself is fine.
 */
export function isTransientCardFailure(code: number): boolean {
  return code === SW3.readFailed || code === SW3.cardAuthSamFailed || code === SW3.samAuthCardFailed || code === SW3.randomFailed
}
