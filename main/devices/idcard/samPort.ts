/**
 * A SerialPort opened for a SAM reader (115200 8N1, spec §1) with its SamLink,
 * plus probing: open each candidate, send SAM status, keep the one answering
 * 0x90. Knows about serialport; knows nothing about cards.
 */
import { SerialPort } from 'serialport'
import { isLikelyScanner, type PortDescription } from '../scanner/scannerPorts'
import { SAM_COMMANDS } from './samFrame'
import { SamLink } from './samLink'
import { describeSamStatus, SW3 } from './samStatus'

export class SamPort {
  private lostListeners = new Set<(reason: string) => void>()
  private isLost = false

  private constructor(
    readonly path: string,
    private readonly port: SerialPort,
    readonly link: SamLink,
  ) {
    // A USB unplug shows as a close with a disconnect error, sometimes preceded by an error event.
    port.on('close', () => this.markLost('串口已关闭'))
    port.on('error', (err: Error) => this.markLost(`串口错误：${err.message}`))
  }

  static open(path: string): Promise<SamPort> {
    return new Promise((resolve, reject) => {
      const port: SerialPort = new SerialPort(
        { path, baudRate: 115200, dataBits: 8, parity: 'none', stopBits: 1, rtscts: false, autoOpen: true },
        (err) => {
          if (err) {
            reject(err)
            return
          }
          const link = new SamLink({
            write: (bytes) =>
              new Promise<void>((res, rej) => {
                port.write(Buffer.from(bytes), (e) => (e ? rej(e) : res()))
              }),
            flush: () => new Promise<void>((res) => port.flush(() => res())),
          })
          port.on('data', (chunk: Buffer) => link.receive(chunk))
          resolve(new SamPort(path, port, link))
        },
      )
    })
  }

  get lost(): boolean {
    return this.isLost
  }

  /** Called once when the port goes away (unplug, error, or our own close). */
  onLost(listener: (reason: string) => void): void {
    if (this.isLost) listener('串口已关闭')
    else this.lostListeners.add(listener)
  }

  async close(): Promise<void> {
    this.link.close()
    if (this.port.isOpen) await new Promise<void>((resolve) => this.port.close(() => resolve()))
    this.markLost('已关闭')
  }

  private markLost(reason: string): void {
    if (this.isLost) return
    this.isLost = true
    this.link.close()
    for (const listener of this.lostListeners) listener(reason)
    this.lostListeners.clear()
  }
}

export type ProbeOutcome = { ok: true; port: SamPort } | { ok: false; reason: 'open_failed' | 'no_answer' | 'not_a_reader'; message: string }

/** Opens `path` and asks the SAM for its status; keeps the port only when it answers 0x90. */
export async function probeSamPort(path: string, timeoutMs: number): Promise<ProbeOutcome> {
  let port: SamPort
  try {
    port = await SamPort.open(path)
  } catch (err) {
    return { ok: false, reason: 'open_failed', message: `无法打开串口 ${path}：${err instanceof Error ? err.message : String(err)}` }
  }
  const answer = await port.link.exchange(SAM_COMMANDS.samStatus, timeoutMs)
  if (answer.ok && answer.response.sw3 === SW3.ok) return { ok: true, port }
  await port.close()
  if (!answer.ok) {
    return { ok: false, reason: 'no_answer', message: `串口 ${path} 上没有身份证阅读器应答（SAM 状态检测：${answer.message}）` }
  }
  return { ok: false, reason: 'not_a_reader', message: `串口 ${path} 的 SAM 状态检测未通过：${describeSamStatus(answer.response.sw3)}` }
}

/**
 * The listed ports worth probing for a SAM reader. A barcode scanner's port is
 * not: the scanner driver may pick it on its own (no port configured), and SAM
 * frames written into it would only collide with that.
 */
export function readerCandidatePaths(ports: readonly PortDescription[]): string[] {
  return ports.filter((p) => !isLikelyScanner(p)).map((p) => p.path)
}

/** Every serial port the OS lists that could be a reader (USB-CDC readers show up here; ptys do not). */
export async function listSerialPaths(): Promise<string[]> {
  try {
    return readerCandidatePaths(await SerialPort.list())
  } catch {
    return []
  }
}

/** Tries each candidate in turn; the first SAM reader found wins. */
export async function probeForReader(paths: string[], timeoutMs: number): Promise<SamPort | null> {
  for (const path of paths) {
    const outcome = await probeSamPort(path, timeoutMs)
    if (outcome.ok) return outcome.port
  }
  return null
}
