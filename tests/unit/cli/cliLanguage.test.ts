import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../../main/cli'
import { cliCommands } from '../../../main/cli/index'
import { languageFromLocale } from '../../../main/cli/cliLanguage'
import { captureConsole } from '../../fixtures/captureConsole'

const cjk = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/

function locale(lang: string, more: { LC_ALL?: string; LC_MESSAGES?: string } = {}): void {
  vi.stubEnv('LANG', lang)
  vi.stubEnv('LC_ALL', more.LC_ALL ?? '')
  vi.stubEnv('LC_MESSAGES', more.LC_MESSAGES ?? '')
}

async function helpText(args: string[] = ['help']): Promise<string> {
  const { out } = captureConsole()
  expect(await runCli(args)).toBe(0)
  vi.restoreAllMocks()
  return out.join('\n')
}

beforeEach(() => locale('C.UTF-8'))
afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
})

describe('the CLI speaks the language of the locale', () => {
  it('prints the help in English only under an English locale, every command listed', async () => {
    locale('en_US.UTF-8')
    const text = await helpText()
    expect(text).not.toMatch(cjk)
    for (const command of cliCommands) {
      expect(text).toContain(`  ${command.name.join(' ')}`)
      expect(text).toContain(command.summary.en)
    }
  })

  it('prints the help in Chinese only under a Chinese locale, every command listed', async () => {
    locale('zh_CN.UTF-8')
    const text = await helpText()
    expect(text).toContain('用法：npm run cli -- <命令> [选项]')
    for (const command of cliCommands) {
      expect(text).toContain(`  ${command.name.join(' ')}`)
      expect(text).toContain(command.summary.zh)
      expect(text).not.toContain(command.summary.en)
    }
  })

  it('gives every command a Chinese summary with Chinese in it and an English one without', () => {
    for (const command of cliCommands) {
      expect(command.summary.zh, command.name.join(' ')).toMatch(cjk)
      expect(command.summary.en, command.name.join(' ')).not.toMatch(cjk)
      expect(command.usage.en, command.name.join(' ')).not.toMatch(cjk)
      expect(command.usage.en.startsWith(command.name.join(' ')), command.usage.en).toBe(true)
      expect(command.usage.zh.startsWith(command.name.join(' ')), command.usage.zh).toBe(true)
    }
  })

  it('lets --lang override the locale, wherever it stands', async () => {
    locale('zh_CN.UTF-8')
    expect(await helpText(['--lang', 'en', 'help'])).not.toMatch(cjk)
    locale('en_US.UTF-8')
    expect(await helpText(['help', '--lang=zh'])).toContain('命令：')
    // The override lasts one run only.
    expect(await helpText(['help'])).not.toMatch(cjk)
  })

  it('refuses a --lang it does not speak with exit 2', async () => {
    locale('en_US.UTF-8')
    const { err } = captureConsole()
    expect(await runCli(['--lang', 'fr', 'help'])).toBe(2)
    expect(err).toEqual(['--lang must be zh or en, got "fr"'])
  })

  it('frames an unknown command and a usage failure in the locale’s language', async () => {
    locale('en_US.UTF-8')
    const english = captureConsole()
    expect(await runCli(['frobnicate'])).toBe(2)
    expect(await runCli(['uscc', 'check'])).toBe(2)
    expect(english.err[0]).toBe('Unknown command: frobnicate')
    expect(english.err.at(-1)).toBe('Usage: npm run cli -- uscc check CODE')
    vi.restoreAllMocks()

    locale('en_US.UTF-8', { LC_ALL: 'zh_CN.UTF-8' })
    const chinese = captureConsole()
    expect(await runCli(['frobnicate'])).toBe(2)
    expect(await runCli(['uscc', 'check'])).toBe(2)
    expect(chinese.err[0]).toBe('未知命令：frobnicate')
    expect(chinese.err.at(-1)).toBe('用法：npm run cli -- uscc check 代码')
  })

  it('shows one command’s usage in the locale’s language', async () => {
    locale('en_US.UTF-8')
    expect(await helpText(['backup', '--help'])).toBe(`Usage: npm run cli -- backup --data DIR --to FILE [--keys FILE [--passphrase-env NAME]]\n\n${cliCommands.find((c) => c.name.join(' ') === 'backup')!.summary.en}`)
  })
})

describe('languageFromLocale', () => {
  it('reads LC_ALL over LC_MESSAGES over LANG, an empty one counting as unset', () => {
    expect(languageFromLocale({ LANG: 'zh_CN.UTF-8' })).toBe('zh')
    expect(languageFromLocale({ LANG: 'zh_TW.UTF-8' })).toBe('zh')
    expect(languageFromLocale({ LANG: 'en_US.UTF-8' })).toBe('en')
    expect(languageFromLocale({ LANG: 'C.UTF-8' })).toBe('en')
    expect(languageFromLocale({})).toBe('en')
    expect(languageFromLocale({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8' })).toBe('zh')
    expect(languageFromLocale({ LANG: 'zh_CN.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8', LC_ALL: 'C' })).toBe('en')
    expect(languageFromLocale({ LANG: 'zh_CN.UTF-8', LC_ALL: '' })).toBe('zh')
  })
})
