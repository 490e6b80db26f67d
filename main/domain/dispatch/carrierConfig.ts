/**
 * A station's carrier (station.json `carrier`): `manual` (default, no
 * network: scan a pre-printed waybill) or `http` (the SF-shaped API of
 * specs/dispatch.md §C). The check word signs every request, so it never sits
 * in the config file: the config names it (`checkWordRef`) and the station's
 * key store holds it sealed (main/store/stationSecrets.ts).
 */
import { z } from 'zod'

const secretRef = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, '应为 1–64 位字母、数字、点、下划线或连字符，例如 "carrier.sf.checkWord"')

const manualCarrier = z.object({ kind: z.literal('manual') }).strict()

/**
 * The demo hall: the composition root starts the carrier emulator in-process
 * on a free port and gives the desk an `http` carrier pointed at it, as it
 * does for the emulated devices. `autoPickupAfterMs`: the emulated courier
 * picks a parcel up this long after it is created, so demo shipments move.
 */
const emulatedCarrier = z
  .object({
    kind: z.literal('emulator'),
    autoPickupAfterMs: z.number().int().min(0).max(86_400_000).default(60_000),
  })
  .strict()

const httpCarrier = z
  .object({
    kind: z.literal('http'),
    /** The service address: `https://sfapi.sf-express.com` or the simulator's `http://127.0.0.1:PORT` (`/std/service` is added). */
    url: z.string().regex(/^https?:\/\/[\x21-\x7e]+$/, '应为 http(s) 网址，例如 https://sfapi-sbox.sf-express.com'),
    /** 顾客编码 (SF partnerID). */
    partnerId: z.string().regex(/^[\x21-\x7e]{1,64}$/, '应为 1–64 位可见 ASCII 字符（顾客编码）'),
    /** The check word's name in the station's key store. */
    checkWordRef: secretRef.default('carrier.checkWord'),
    /** Sign each request (`msgDigest`) or fetch an OAuth token first (`token`). */
    auth: z.enum(['digest', 'token']).default('digest'),
    /** 月结卡号: required by the carrier when the sender pays monthly. */
    monthlyCard: z.string().regex(/^\d{6,20}$/, '应为 6–20 位数字（月结卡号）').optional(),
    /** Product: SF expressTypeId (1 特快, 2 标快 in public clients; confirm during onboarding). */
    expressTypeId: z.number().int().min(1).max(999).default(2),
    /** One HTTP attempt's longest wait when the caller gives no tighter deadline. */
    timeoutMs: z.number().int().min(500).max(120_000).default(10_000),
    // A check word typed into the file would be readable by anyone who can read the config.
    checkWord: z
      .never({ error: '校验码不能写在配置文件里：用 npm run cli -- carrier secret set --data 数据目录 --ref 名称 存入本机密钥库，配置里只写 checkWordRef' })
      .optional(),
  })
  .strict()

export const carrierConfigSchema = z
  .discriminatedUnion('kind', [manualCarrier, httpCarrier, emulatedCarrier], { error: '承运商 kind 应为 "manual"（预印面单）、"http"（顺丰式接口）或 "emulator"（演示用承运商模拟器）' })
  .default({ kind: 'manual' })

export type CarrierConfig = z.output<typeof carrierConfigSchema>
export type HttpCarrierConfig = Extract<CarrierConfig, { kind: 'http' }>
/** What the services run on: the composition root has replaced an `emulator` carrier by the `http` one it started. */
export type ServiceCarrierConfig = Exclude<CarrierConfig, { kind: 'emulator' }>
