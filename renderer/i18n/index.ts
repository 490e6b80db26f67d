/**
 * i18next with one namespace per area: add `zh-CN/<area>.ts` and `en/<area>.ts`
 * and list them below. Chinese is the default; the choice persists.
 */
import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { common as zhCommon } from './zh-CN/common'
import { common as enCommon } from './en/common'
import { scanning as zhScanning } from './zh-CN/scanning'
import { scanning as enScanning } from './en/scanning'
import { idcard as zhIdcard } from './zh-CN/idcard'
import { idcard as enIdcard } from './en/idcard'
import { intake as zhIntake } from './zh-CN/intake'
import { intake as enIntake } from './en/intake'
import { cases as zhCases } from './zh-CN/cases'
import { cases as enCases } from './en/cases'
import { print as zhPrint } from './zh-CN/print'
import { print as enPrint } from './en/print'
import { deviceReasons as enDeviceReasons } from './en/deviceReasons'
import { outbox as zhOutbox } from './zh-CN/outbox'
import { outbox as enOutbox } from './en/outbox'
import { courier as zhCourier } from './zh-CN/courier'
import { courier as enCourier } from './en/courier'
import { ratings as zhRatings } from './zh-CN/ratings'
import { ratings as enRatings } from './en/ratings'
import { agent as zhAgent } from './zh-CN/agent'
import { agent as enAgent } from './en/agent'
import { output as zhOutput } from './zh-CN/output'
import { output as enOutput } from './en/output'
import { review as zhReview } from './zh-CN/review'
import { review as enReview } from './en/review'
import { settings as zhSettings } from './zh-CN/settings'
import { settings as enSettings } from './en/settings'
import { reports as zhReports } from './zh-CN/reports'
import { reports as enReports } from './en/reports'

export type Locale = 'zh-CN' | 'en'
const LOCALE_KEY = 'onewindow.locale'

export const resources = {
  'zh-CN': { common: zhCommon, scanning: zhScanning, idcard: zhIdcard, intake: zhIntake, cases: zhCases, print: zhPrint, outbox: zhOutbox, courier: zhCourier, ratings: zhRatings, output: zhOutput, agent: zhAgent, review: zhReview, settings: zhSettings, reports: zhReports },
  en: { common: enCommon, scanning: enScanning, idcard: enIdcard, intake: enIntake, cases: enCases, print: enPrint, outbox: enOutbox, courier: enCourier, ratings: enRatings, output: enOutput, agent: enAgent, review: enReview, settings: enSettings, reports: enReports, deviceReasons: enDeviceReasons },
} as const

export function savedLocale(): Locale {
  return localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'zh-CN'
}

export function setLocale(locale: Locale): void {
  localStorage.setItem(LOCALE_KEY, locale)
  void i18n.changeLanguage(locale)
  document.documentElement.lang = locale
}

void i18n.use(initReactI18next).init({
  resources,
  lng: savedLocale(),
  fallbackLng: 'zh-CN',
  defaultNS: 'common',
  interpolation: { escapeValue: false },
})

export default i18n
