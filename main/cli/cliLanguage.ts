/**
 * The CLI speaks one language at a time: Chinese when the locale says zh*,
 * English otherwise; `--lang zh|en` overrides. Help, usage and the CLI's own
 * framing follow it; a service's domain message stays as the service wrote it.
 */
export type CliLanguage = 'zh' | 'en'

/** A text the CLI shows, in both of its languages. */
export interface Bilingual {
  zh: string
  en: string
}

/** POSIX precedence: LC_ALL over LC_MESSAGES over LANG; an empty variable counts as unset. */
export function languageFromLocale(env: Record<string, string | undefined>): CliLanguage {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '') ?? ''
  return /^zh/i.test(locale) ? 'zh' : 'en'
}

let override: CliLanguage | undefined

/** The language of this run: the `--lang` given to it, else the locale. */
export function cliLanguage(): CliLanguage {
  return override ?? languageFromLocale(process.env)
}

export function say(text: Bilingual): string {
  return text[cliLanguage()]
}

/** `--lang zh|en` for this run; undefined: the locale decides. */
export function setLanguageOverride(language: CliLanguage | undefined): void {
  override = language
}

/** Columns a terminal gives the text: CJK and full-width forms take two. */
export function displayWidth(text: string): number {
  let width = 0
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(char) ? 2 : 1
  return width
}
