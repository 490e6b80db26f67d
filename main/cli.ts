/**
 * Operations CLI: `npm run cli -- <command>`. Station host, emulators,
 * decode and check tools, audit, backup, reports.
 */
import { AppError } from './domain/errors'
import { CliError, type CliCommand } from './cli/command'
import { cliCommands } from './cli/index'
import { displayWidth, say, setLanguageOverride } from './cli/cliLanguage'

function help(commands: CliCommand[]): string {
  const usages = commands.map((c) => say(c.usage))
  const width = Math.max(...usages.map(displayWidth))
  const lines = commands.map((c, i) => `  ${usages[i]!}${' '.repeat(width - displayWidth(usages[i]!))}  ${say(c.summary)}`)
  return [
    say({ zh: '一窗通 OneWindow — 运维命令行', en: 'OneWindow — operations CLI' }),
    '',
    say({ zh: '用法：npm run cli -- <命令> [选项]', en: 'Usage: npm run cli -- <command> [options]' }),
    '',
    say({ zh: '命令：', en: 'Commands:' }),
    ...lines,
    '',
    say({ zh: '  --help         本说明', en: '  --help         this text' }),
    say({ zh: '  --lang zh|en   命令行的语言（默认按 LC_ALL / LC_MESSAGES / LANG）', en: '  --lang zh|en   language of the CLI (default: from LC_ALL / LC_MESSAGES / LANG)' }),
  ].join('\n')
}

/** Takes `--lang zh|en` (or `--lang=…`) out of the arguments, wherever it stands, and makes it this run's language. */
function takeLanguageOption(argv: string[]): { argv: string[] } | { problem: string } {
  setLanguageOverride(undefined)
  const rest: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg !== '--lang' && !arg.startsWith('--lang=')) {
      rest.push(arg)
      continue
    }
    const value = arg === '--lang' ? argv[++i] : arg.slice('--lang='.length)
    if (value !== 'zh' && value !== 'en') {
      return { problem: say({ zh: `--lang 应为 zh 或 en，收到 "${value ?? ''}"`, en: `--lang must be zh or en, got "${value ?? ''}"` }) }
    }
    setLanguageOverride(value)
  }
  return { argv: rest }
}

function findCommand(argv: string[]): { command: CliCommand; rest: string[] } | undefined {
  let best: CliCommand | undefined
  for (const command of cliCommands) {
    const matches = command.name.every((word, i) => argv[i] === word)
    if (matches && (!best || command.name.length > best.name.length)) best = command
  }
  return best ? { command: best, rest: argv.slice(best.name.length) } : undefined
}

export async function runCli(args: string[]): Promise<number> {
  const taken = takeLanguageOption(args)
  if ('problem' in taken) {
    console.error(taken.problem)
    return 2
  }
  const { argv } = taken
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    console.log(help(cliCommands))
    return 0
  }
  const found = findCommand(argv)
  if (!found) {
    const prefix = cliCommands.filter((c) => c.name[0] === argv[0])
    console.error(say({ zh: `未知命令：${argv.join(' ')}`, en: `Unknown command: ${argv.join(' ')}` }))
    console.error(help(prefix.length > 0 ? prefix : cliCommands))
    return 2
  }
  if (found.rest.includes('--help')) {
    console.log(`${say({ zh: '用法：', en: 'Usage: ' })}npm run cli -- ${say(found.command.usage)}\n\n${say(found.command.summary)}`)
    return 0
  }
  try {
    return await found.command.run(found.rest)
  } catch (err) {
    if (err instanceof CliError) {
      console.error(err.message)
      return err.exitCode
    }
    if (err instanceof AppError) {
      console.error(err.message)
      return 1
    }
    console.error(`失败：${err instanceof Error ? err.message : String(err)}`)
    return 1
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      // Long-running commands (station, emulators) resolve only when they stop.
      process.exitCode = code
    },
    (err: unknown) => {
      console.error(err)
      process.exitCode = 1
    },
  )
}
