/**
 * i18next with one namespace per area: add `zh-CN/<area>.ts` and `en/<area>.ts`
 * and list them below. Chinese is the default; the choice persists.
 */
import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import { common as zhCommon } from './zh-CN/common'
import { common as enCommon } from './en/common'

export type Locale = 'zh-CN' | 'en'
const LOCALE_KEY = 'onewindow.locale'

export const resources = {
  'zh-CN': { common: zhCommon },
  en: { common: enCommon },
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
