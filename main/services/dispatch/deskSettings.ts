/**
 * The courier desk's fixed facts, from the station config: which carrier it
 * uses, the hall as the sender on every waybill, and what the label says
 * about the carrier and the product. Read once when the service is built.
 */
import type { StationConfig } from '../../config/stationConfig'
import type { Party } from '../../dispatch/carrierAdapter'
import type { ServiceCarrierConfig } from '../../domain/dispatch/carrierConfig'
import { divisionByCode } from '../../domain/divisionCheck'
import { nationalDivisions } from '../../domain/nationalDivisions'
import type { HallForLabel } from '../../domain/print/waybillData'

/** 12345 is the national government-service hotline: the number a hall without its own on file answers to. */
const HOTLINE = '12345'

/** SF route-label product codes (proCode) as the label names them. */
const PRODUCTS: Readonly<Record<string, string>> = { T4: '顺丰特快', T6: '顺丰标快' }

export type DeskCarrierKind = 'manual' | 'http'

export interface DeskSettings {
  kind: DeskCarrierKind
  /** For the desk's header. */
  carrierName: string
  /** The demo hall's carrier emulator stands in for the carrier (station.json `carrier.kind: emulator`). */
  isEmulated: boolean
  stationId: string
  sender: Party
  /** The label's product when the carrier names none. */
  productOf(proCode: string | undefined): string
  /** The hall's side of a label printed by `operator`. */
  hallForLabel(operator: string): HallForLabel
}

const ascii = (value: string, fallback: string): string => (/^[\x21-\x7e]{1,16}$/.test(value) ? value : fallback)
const upTo = (value: string, max: number): string => Array.from(value).slice(0, max).join('')

/** The hall's 省 / 市 / 区 from its region code; a city-level code stands for its own district too. */
function hallPlace(regionCode: string): { province: string; city: string; county: string } {
  const found = divisionByCode(nationalDivisions(), regionCode)
  if (!found) return { province: '', city: '', county: '' }
  const city = found.city ?? found.node
  return { province: found.province.name, city: city.name, county: found.node.name }
}

export function deskSettingsOf(config: StationConfig, carrier: ServiceCarrierConfig): DeskSettings {
  const place = hallPlace(config.regionCode)
  const phone = config.receiptLinks.hallPhone?.trim() || HOTLINE
  const sender: Party = {
    name: config.stationName,
    company: config.hallName,
    ...(/^1\d{10}$/.test(phone) ? { mobile: phone } : { tel: phone }),
    ...place,
    address: config.hallName,
  }
  const isHttp = carrier.kind === 'http'
  const fallbackProduct = isHttp ? (carrier.expressTypeId === 1 ? '顺丰特快' : '顺丰标快') : '快递'
  return {
    kind: carrier.kind,
    carrierName: isHttp ? '顺丰（接口下单）' : '手工面单（预印运单）',
    isEmulated: isHttp && config.carrier.kind === 'emulator',
    stationId: config.stationId,
    sender,
    productOf: (proCode) => (proCode ? (PRODUCTS[proCode] ?? fallbackProduct) : fallbackProduct),
    hallForLabel: (operator) => ({
      carrierName: isHttp ? '顺丰速运' : '快递',
      productName: fallbackProduct,
      // The label's bands are narrow: a long hall name is cut rather than refused (the address line carries it in full).
      senderName: upTo(config.hallName, 30),
      senderWindow: upTo(config.stationName, 20),
      senderPhone: upTo(phone, 20),
      senderAddress: upTo(`${place.province}${place.city === place.province ? '' : place.city}${place.county === place.city ? '' : place.county}${config.hallName}`, 100),
      stationId: config.stationId,
      operatorId: ascii(operator, '-'),
      ...(isHttp && carrier.monthlyCard ? { monthlyAccount: carrier.monthlyCard } : {}),
      weightKg: 0.2,
    }),
  }
}
