import { z } from 'zod'
import '../contract/zodLocale'
import { formatIssuePath } from '../domain/zodMessages'
import { AppError } from '../domain/errors'
import type { ApiError, Result } from '../contract/result'
import {
  commands,
  isCommandName,
  type CommandName,
  type CommandOutput,
  type CommandParsedInput,
} from '../contract'
import type { Services } from '../services/services'
import type { Resolution } from '../services/system/session'
import { isDemoCommandName, type DemoCommandName } from '../contract/demo'
import { accessFor, openCommands, panelCommands } from '../domain/access'

export interface Caller {
  transport: 'electron' | 'station' | 'cli' | 'test'
  /** The tab's session token (`session.signIn`'s answer), sent with every command. */
  session?: string
  /** The customer panel (#/rate) of this station: it may rate an offered visit without an operator. */
  panel?: boolean
}

export interface HandlerContext {
  services: Services
  caller: Caller
}

export type Handler<N extends CommandName> = (
  input: CommandParsedInput<N>,
  ctx: HandlerContext,
) => CommandOutput<N> | Promise<CommandOutput<N>>

/** Every command's handler but the demo hall's, which only a station on emulators registers. */
export type Handlers = { [N in Exclude<CommandName, DemoCommandName>]: Handler<N> }
export type DemoHandlers = { [N in DemoCommandName]: Handler<N> }

/** Turns a zod failure into one clear message naming the field. */
export function schemaError(error: z.ZodError, prefix?: string): ApiError {
  const issue = error.issues[0]
  // One spelling of a path everywhere (`form.materials[2].promiseDate`), the catalog's and the screen's.
  const path = issue ? formatIssuePath(issue.path) : ''
  const field = prefix ? [prefix, path].filter(Boolean).join('.') : path
  const text = issue?.message ?? '输入不合法'
  return field
    ? { code: 'BAD_INPUT', message: `${field}：${text}`, field }
    : { code: 'BAD_INPUT', message: text }
}

/**
 * The single entry for every transport: checks the name, validates the input
 * against the contract before any handler runs (so a bad input writes
 * nothing), and turns every failure into a typed error value.
 */
export class Dispatcher {
  constructor(
    private readonly handlers: Handlers,
    private readonly services: Services,
    /** Only a station running emulators passes these; elsewhere demo commands are unknown. */
    private readonly demoHandlers: DemoHandlers | null = null,
  ) {}

  async invoke(name: unknown, rawInput: unknown, caller: Caller): Promise<Result<unknown>> {
    if (!isCommandName(name)) {
      const shown = typeof name === 'string' ? name.slice(0, 80) : typeof name
      return { ok: false, error: { code: 'UNKNOWN_COMMAND', message: `未知命令：${shown}` } }
    }
    if (isDemoCommandName(name) && !this.demoHandlers) {
      return { ok: false, error: { code: 'UNKNOWN_COMMAND', message: `命令 ${name} 只在演示模式下可用：本工作站没有运行模拟设备（station.json 中没有 emulator 模式的设备）` } }
    }
    const parsed = commands[name].input.safeParse(rawInput ?? {})
    if (!parsed.success) return { ok: false, error: schemaError(parsed.error) }
    const session = this.services.session
    const resolved = session.resolveCaller(caller)
    const signedIn = resolved.kind === 'ok' ? resolved.signedIn : null
    const gone = sessionGone(resolved)
    if (!openCommands.has(name) && !(caller.panel && panelCommands.has(name) && !signedIn)) {
      if (gone) return { ok: false, error: gone }
      if (!signedIn) return { ok: false, error: { code: 'UNAUTHORIZED', message: '请先登录：输入工号或刷本人身份证，再输入密码' } }
      const verdict = accessFor(signedIn.role, name, parsed.data)
      if (!verdict.ok) {
        this.refused(signedIn.label, name, verdict.reason)
        return { ok: false, error: { code: 'FORBIDDEN', message: verdict.reason } }
      }
    } else if (gone && name === 'session.get') {
      // A tab asking who it is, with a session that ended meanwhile, hears why (a reload after the idle time, say).
      return { ok: false, error: gone }
    }
    // session.get too: the page sends it as its sign of life while the operator types, so both count idle time alike.
    if (signedIn) session.touch(signedIn)
    try {
      const handler = (isDemoCommandName(name) ? this.demoHandlers![name] : this.handlers[name]) as Handler<CommandName>
      const value = await session.run(signedIn, () => handler(parsed.data as never, { services: this.services, caller }))
      return { ok: true, value }
    } catch (err) {
      return { ok: false, error: toApiError(err, name) }
    }
  }

  /** A refusal is a fact of the trail too: who tried what. */
  private refused(operator: string, command: string, reason: string): void {
    try {
      this.services.session.recordRefusal(operator, command, reason)
    } catch (err) {
      // The refusal stands even when the trail cannot take a row (writes refused after damage).
      console.error('[api] refusal not audited:', err instanceof Error ? err.message : err)
    }
  }
}

/** What a tab is told when the session its token named has ended: by the idle time, or by a supervisor. */
function sessionGone(resolved: Resolution): ApiError | null {
  if (resolved.kind === 'expired') {
    return { code: 'SESSION_EXPIRED', message: `${resolved.operator} 长时间未操作，已自动退出登录：请重新输入密码（未提交的内容都还在）` }
  }
  if (resolved.kind === 'ended') {
    const why = resolved.why === 'disabled' ? '账号已被值班长停用' : '密码已由值班长重置，请用新密码登录'
    return { code: 'UNAUTHORIZED', message: `${resolved.operator} 已退出登录：${why}` }
  }
  return null
}

export function toApiError(err: unknown, name: string): ApiError {
  if (err instanceof AppError) {
    return err.field === undefined ? { code: err.code, message: err.message } : { code: err.code, message: err.message, field: err.field }
  }
  if (err instanceof z.ZodError) return schemaError(err)
  // Unexpected: log the detail for staff support, answer without internals.
  console.error(`[api] ${name} failed:`, err)
  return { code: 'INTERNAL', message: `命令 ${name} 执行失败，请重试或联系运维（详情已记入日志）` }
}
