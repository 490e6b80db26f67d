import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../../main/cli'
import { parseArgs } from '../../../main/cli/command'
import { captureConsole } from '../../fixtures/captureConsole'


describe('the operations CLI', () => {
  // The CLI's framing follows the locale (cliLanguage.test.ts); these tests read it in English.
  beforeEach(() => {
    vi.stubEnv('LANG', 'en_US.UTF-8')
    vi.stubEnv('LC_ALL', '')
    vi.stubEnv('LC_MESSAGES', '')
  })
  afterEach(() => {
    vi.restoreAllMocks()
    vi.unstubAllEnvs()
  })

  it('answers --help with every command and exits 0', async () => {
    const { out } = captureConsole()
    expect(await runCli(['--help'])).toBe(0)
    expect(out.join('\n')).toContain('station [--port N] [--data DIR]')
  })

  it('refuses an unknown command with exit 2 and the help', async () => {
    const { err } = captureConsole()
    expect(await runCli(['frobnicate'])).toBe(2)
    expect(err[0]).toBe('Unknown command: frobnicate')
  })

  it('shows one command’s usage with --help after it', async () => {
    const { out } = captureConsole()
    expect(await runCli(['station', '--help'])).toBe(0)
    expect(out.join('\n')).toContain('Usage: npm run cli -- station')
  })

  it('parses --name value, --name=value and bare flags', () => {
    const { positional, options } = parseArgs(['check', '--port', '9100', '--to=tcp://x:1', '--json', 'ID'], { flags: ['json'] })
    expect(positional).toEqual(['check', 'ID'])
    expect(options.get('port')).toBe('9100')
    expect(options.get('to')).toBe('tcp://x:1')
    expect(options.get('json')).toBe(true)
  })
})
