import { describe, expect, it } from 'vitest'
import { cases as enCases } from '../../../renderer/i18n/en/cases'
import { common as enCommon } from '../../../renderer/i18n/en/common'
import { idcard as enIdcard } from '../../../renderer/i18n/en/idcard'
import { intake as enIntake } from '../../../renderer/i18n/en/intake'
import { print as enPrint } from '../../../renderer/i18n/en/print'
import { scanning as enScanning } from '../../../renderer/i18n/en/scanning'
import { cases as zhCases } from '../../../renderer/i18n/zh-CN/cases'
import { common as zhCommon } from '../../../renderer/i18n/zh-CN/common'
import { idcard as zhIdcard } from '../../../renderer/i18n/zh-CN/idcard'
import { intake as zhIntake } from '../../../renderer/i18n/zh-CN/intake'
import { print as zhPrint } from '../../../renderer/i18n/zh-CN/print'
import { scanning as zhScanning } from '../../../renderer/i18n/zh-CN/scanning'
import { outbox as enOutbox } from '../../../renderer/i18n/en/outbox'
import { outbox as zhOutbox } from '../../../renderer/i18n/zh-CN/outbox'
import { courier as enCourier } from '../../../renderer/i18n/en/courier'
import { courier as zhCourier } from '../../../renderer/i18n/zh-CN/courier'
import { settings as enSettings } from '../../../renderer/i18n/en/settings'
import { settings as zhSettings } from '../../../renderer/i18n/zh-CN/settings'
import { reports as enReports } from '../../../renderer/i18n/en/reports'
import { reports as zhReports } from '../../../renderer/i18n/zh-CN/reports'

/** Every leaf key of a namespace, dotted. */
function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k))
}

const namespaces = {
  common: [zhCommon, enCommon],
  scanning: [zhScanning, enScanning],
  idcard: [zhIdcard, enIdcard],
  intake: [zhIntake, enIntake],
  cases: [zhCases, enCases],
  print: [zhPrint, enPrint],
  outbox: [zhOutbox, enOutbox],
  courier: [zhCourier, enCourier],
  settings: [zhSettings, enSettings],
  reports: [zhReports, enReports],
} as const

describe('the two locales', () => {
  for (const [name, [zh, en]] of Object.entries(namespaces)) {
    it(`have the same keys in ${name}`, () => {
      expect(keysOf(en).sort()).toEqual(keysOf(zh).sort())
    })
  }
})
