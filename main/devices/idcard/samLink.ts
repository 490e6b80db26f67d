/**
 * One request/response exchange at a time with a SAM module (spec §1: strictly
 * half duplex). Flushes stale input before each command, reassembles the
 * answer from whatever chunks arrive, times out, and retries once when a frame
 * is corrupted on either side. Never throws: every outcome is a value, so a
 * noisy line cannot crash the poll loop.
 */
import { FrameAssembler } from './frameAssembler'
import { commandLabel, decodeResponse, encodeCommand, type ResponseFrame, type SamCommand } from './samFrame'
import { SW3 } from './samStatus'

/** Per-command timeouts in ms (spec §3, "timeouts used by public drivers"). */
export interface SamTimeouts {
  probe: number
  status: number
  find: number
  select: number
  read: number
  newestAddress: number
}

export const defaultSamTimeouts: SamTimeouts = { probe: 1000, status: 300, find: 500, select: 500, read: 3500, newestAddress: 1000 }

/** The byte pipe underneath: a serial port in production, a fake in unit tests. */
export interface LinkIo {
  write(bytes: Uint8Array): Promise<void>
  /** Discards input the OS still holds (tcflush); best effort. */
  flush(): Promise<void>
}

export type ExchangeFailure = 'timeout' | 'checksum' | 'closed' | 'write_failed'

export type ExchangeResult =
  | { ok: true; response: ResponseFrame; attempts: number }
  | { ok: false; failure: ExchangeFailure; message: string }

interface Pending {
  onFrame(frame: Uint8Array): void
  onClosed(): void
}

export class SamLink {
  private readonly assembler = new FrameAssembler()
  private pending: Pending | null = null
  private queue: Promise<unknown> = Promise.resolve()
  private closed = false

  constructor(private readonly io: LinkIo) {}

  /** Feed every chunk the port delivers. */
  receive(chunk: Uint8Array): void {
    if (this.closed) return
    // A frame with no command waiting is a late answer after a timeout: dropped.
    for (const frame of this.assembler.push(chunk)) this.pending?.onFrame(frame)
  }

  /** Ends every waiting and future exchange with `closed` (port gone or driver stopping). */
  close(): void {
    this.closed = true
    this.pending?.onClosed()
    this.pending = null
  }

  /** Sends one command and waits for its answer; queued behind any exchange in flight. */
  exchange(command: SamCommand, timeoutMs: number, data?: Uint8Array): Promise<ExchangeResult> {
    const run = async (): Promise<ExchangeResult> => {
      const first = await this.attempt(command, timeoutMs, data)
      // A frame corrupted on the way in (our CHK check) or out (reader says 0x10): once more (spec §2.5).
      const corrupted = (!first.ok && first.failure === 'checksum') || (first.ok && first.response.sw3 === SW3.badChecksum)
      if (!corrupted) return first
      const second = await this.attempt(command, timeoutMs, data)
      return second.ok ? { ...second, attempts: 2 } : second
    }
    const result = this.queue.then(run, run)
    this.queue = result
    return result
  }

  private async attempt(command: SamCommand, timeoutMs: number, data?: Uint8Array): Promise<ExchangeResult> {
    if (this.closed) return { ok: false, failure: 'closed', message: '串口已关闭' }
    this.assembler.reset()
    try {
      await this.io.flush()
    } catch {
      // A failed flush only risks a stale byte, which the assembler skips.
    }
    return new Promise<ExchangeResult>((resolve) => {
      const label = commandLabel(command)
      const finish = (result: ExchangeResult): void => {
        clearTimeout(timer)
        if (this.pending === pending) this.pending = null
        resolve(result)
      }
      const pending: Pending = {
        onFrame: (frame) => {
          const decoded = decodeResponse(frame)
          if (decoded.ok) finish({ ok: true, response: decoded.frame, attempts: 1 })
          else finish({ ok: false, failure: 'checksum', message: `命令 ${label} 的应答无效：${decoded.error.message}` })
        },
        onClosed: () => finish({ ok: false, failure: 'closed', message: '串口已关闭' }),
      }
      const timer = setTimeout(
        () => finish({ ok: false, failure: 'timeout', message: `命令 ${label} 在 ${timeoutMs} ms 内没有应答` }),
        timeoutMs,
      )
      this.pending = pending
      this.io.write(encodeCommand(command.cmd, command.para, data)).catch((err: unknown) => {
        finish({ ok: false, failure: 'write_failed', message: `写串口失败：${err instanceof Error ? err.message : String(err)}` })
      })
    })
  }
}
