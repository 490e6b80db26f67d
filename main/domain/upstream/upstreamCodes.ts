/**
 * The platform's code tables in one place (docs/upstream.md): which local
 * action is which 办理环节, and the applicant's 证件类型. A real platform's
 * own codes (e.g. 111 for 居民身份证) are mapped here at 联调 and nowhere else.
 */

/** 办理环节: the steps the platform records, in a case's life order. */
export const upstreamSteps = ['accept', 'supplementRequest', 'supplementDone', 'conclude', 'produce', 'collect', 'ship', 'deliver', 'rate'] as const
export type UpstreamStep = (typeof upstreamSteps)[number]

export const stepNames: Readonly<Record<UpstreamStep, string>> = {
  accept: '受理',
  supplementRequest: '补正告知',
  supplementDone: '补正受理',
  conclude: '办结',
  produce: '制证',
  collect: '出件',
  ship: '寄递',
  deliver: '签收',
  rate: '评价',
}

/**
 * The local case actions that are steps on the platform. The others stay at
 * the station: 开始审查 is internal, 寄递 (ship) only queues a waybill — the
 * platform's 寄递 is the hand-over to the courier, with its waybill —, 取消寄递
 * undoes a desk step the platform never saw, 撤回 and 补交容缺材料 are not in
 * the list of events (see docs/upstream.md).
 */
export const stepOfAction: Readonly<Record<string, UpstreamStep>> = {
  accept: 'accept',
  requestSupplement: 'supplementRequest',
  supply: 'supplementDone',
  approve: 'conclude',
  reject: 'conclude',
  produce: 'produce',
  collect: 'collect',
  handOver: 'ship',
  deliver: 'deliver',
}

/** 证件类型 as the wire carries it (docs/upstream.md; the platform's own codes are Unverified). */
export const idTypes = ['resident', 'hmt', 'foreign', 'uscc', 'none'] as const
export type IdType = (typeof idTypes)[number]

export const idTypeNames: Readonly<Record<IdType, string>> = {
  resident: '居民身份证',
  hmt: '港澳台居民居住证',
  foreign: '外国人永久居留身份证',
  uscc: '统一社会信用代码',
  none: '无（设立登记）',
}

/** The local ID kind (domain/idNumber.ts) as the wire's 证件类型. */
export function idTypeOfKind(kind: string | null): IdType {
  if (kind === 'hmt') return 'hmt'
  if (kind === 'foreign2023' || kind === 'foreign2017') return 'foreign'
  return 'resident'
}

/** 办理结果 */
export const resultNames = { approve: '准予', reject: '不予' } as const

/** 送达方式 */
export const deliveryNames = { window: '窗口领取', express: '邮政寄递' } as const
