/**
 * Operations CLI: `npm run cli -- <command>`. Station host, emulators,
 * decode and check tools, audit, backup, reports.
 */
import { AppError } from './domain/errors'
import { CliError, type CliCommand } from './cli/command'
import { cliCommands } from './cli/index'

function help(commands: CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.usage.length))
  const lines = commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`)
  return ['OneWindow 一窗通 — operations CLI', '', 'Usage: npm run cli -- <command> [options]', '', 'Commands:', ...lines, '', '  --help  this text'].join('\n')
}

function findCommand(argv: string[]): { command: CliCommand; rest: string[] } | undefined {
  let best: CliCommand | undefined
  for (const command of cliCommands) {
    const matches = command.name.every((word, i) => argv[i] === word)
    if (matches && (!best || command.name.length > best.name.length)) best = command
  }
  return best ? { command: best, rest: argv.slice(best.name.length) } : undefined
}

export async function runCli(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    console.log(help(cliCommands))
    return 0
  }
  const found = findCommand(argv)
  if (!found) {
    const prefix = cliCommands.filter((c) => c.name[0] === argv[0])
    console.error(`未知命令：${argv.join(' ')}`)
    console.error(help(prefix.length > 0 ? prefix : cliCommands))
    return 2
  }
  if (found.rest.includes('--help')) {
    console.log(`Usage: npm run cli -- ${found.command.usage}\n\n${found.command.summary}`)
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
