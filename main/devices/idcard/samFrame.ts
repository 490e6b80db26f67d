/**
 * The SAM serial frame (spec §2): `AA AA AA 96 69`, big-endian LEN, then
 * CMD PARA DATA (host → reader) or SW1 SW2 SW3 DATA (reader → host), then the
 * XOR of every byte from LEN through the last DATA byte. Pure: shared by the
 * driver, the emulator, the CLI and the tests.
 */
import { samStatus, type SamStatusInfo } from './samStatus'

export const PREAMBLE: readonly number[] = [0xaa, 0xaa, 0xaa, 0x96, 0x69]
export const HEADER_BYTES = 7 // preamble + LEN
/** A response carries at least SW1 SW2 SW3 CHK; a command at least CMD PARA CHK. */
export const MIN_RESPONSE_LEN = 4
export const MIN_COMMAND_LEN = 3
/** Largest real answer is 2314 (read with two fingerprints); anything past 4096 is noise. */
export const MAX_LEN = 4096

export interface SamCommand {
  cmd: number
  para: number
}

/** Every command we send or emulate (spec §3). */
export const SAM_COMMANDS = {
  resetSam: { cmd: 0x10, para: 0xff },
  samStatus: { cmd: 0x11, para: 0xff },
  samId: { cmd: 0x12, para: 0xff },
  findCard: { cmd: 0x20, para: 0x01 },
  selectCard: { cmd: 0x20, para: 0x02 },
  readText: { cmd: 0x30, para: 0x01 },
  readNewestAddress: { cmd: 0x30, para: 0x03 },
  readWithFingerprint: { cmd: 0x30, para: 0x10 },
} as const satisfies Record<string, SamCommand>

export type SamCommandName = keyof typeof SAM_COMMANDS

export interface ResponseFrame {
  sw1: number
  sw2: number
  sw3: number
  data: Uint8Array
  status: SamStatusInfo
}

export interface CommandFrame {
  cmd: number
  para: number
  data: Uint8Array
}

export type FrameErrorReason = 'too_short' | 'bad_preamble' | 'bad_length' | 'length_mismatch' | 'bad_checksum'

export interface FrameError {
  reason: FrameErrorReason
  /** Chinese, names the byte counts or checksums involved (never the frame's content). */
  message: string
}

export type Decoded<T> = { ok: true; frame: T } | { ok: false; error: FrameError }

const hex2 = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0')

/** XOR of bytes[start] … bytes[end - 1]. */
export function xorChecksum(bytes: Uint8Array, start: number, end: number): number {
  let chk = 0
  for (let i = start; i < end; i++) chk ^= bytes[i]!
  return chk
}

function buildFrame(head: readonly number[], data: Uint8Array): Uint8Array {
  const len = head.length + data.length + 1
  if (len > MAX_LEN) throw new RangeError(`帧过长：LEN=${len}，上限 ${MAX_LEN}`)
  const frame = new Uint8Array(HEADER_BYTES + len)
  frame.set(PREAMBLE, 0)
  frame[5] = len >> 8
  frame[6] = len & 0xff
  frame.set(head, HEADER_BYTES)
  frame.set(data, HEADER_BYTES + head.length)
  frame[frame.length - 1] = xorChecksum(frame, 5, frame.length - 1)
  return frame
}

/** Host → reader. `encodeCommand(0x20, 0x01)` is the find-card frame `AAAAAA96690003200122`. */
export function encodeCommand(cmd: number, para: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  return buildFrame([cmd & 0xff, para & 0xff], data)
}

/** Reader → host; used by the emulator and the test fixtures. */
export function encodeResponse(sw3: number, data: Uint8Array = new Uint8Array(0), sw1 = 0, sw2 = 0): Uint8Array {
  return buildFrame([sw1 & 0xff, sw2 & 0xff, sw3 & 0xff], data)
}

/** Checks preamble, LEN against the byte count, and the XOR; returns the body after LEN without CHK. */
function checkFrame(bytes: Uint8Array, minLen: number): { ok: true; body: Uint8Array } | { ok: false; error: FrameError } {
  if (bytes.length < HEADER_BYTES + minLen) {
    return fail('too_short', `帧太短：${bytes.length} 字节，至少应有 ${HEADER_BYTES + minLen} 字节`)
  }
  for (let i = 0; i < PREAMBLE.length; i++) {
    if (bytes[i] !== PREAMBLE[i]) return fail('bad_preamble', '帧头不是 AA AA AA 96 69')
  }
  const len = (bytes[5]! << 8) | bytes[6]!
  if (len < minLen || len > MAX_LEN) {
    return fail('bad_length', `长度字段 LEN=${len} 不合法（应在 ${minLen}–${MAX_LEN} 之间）`)
  }
  if (bytes.length !== HEADER_BYTES + len) {
    return fail('length_mismatch', `长度不符：LEN=${len} 表示整帧 ${HEADER_BYTES + len} 字节，实际 ${bytes.length} 字节`)
  }
  const expected = xorChecksum(bytes, 5, bytes.length - 1)
  const actual = bytes[bytes.length - 1]!
  if (expected !== actual) {
    return fail('bad_checksum', `校验和错误：应为 0x${hex2(expected)}，帧中为 0x${hex2(actual)}`)
  }
  return { ok: true, body: bytes.subarray(HEADER_BYTES, bytes.length - 1) }
}

function fail(reason: FrameErrorReason, message: string): { ok: false; error: FrameError } {
  return { ok: false, error: { reason, message } }
}

/** Reader → host. A frame that fails any check yields no field at all, not even SW3 (spec §2.5 step 4). */
export function decodeResponse(bytes: Uint8Array): Decoded<ResponseFrame> {
  const checked = checkFrame(bytes, MIN_RESPONSE_LEN)
  if (!checked.ok) return checked
  const body = checked.body
  const sw3 = body[2]!
  return {
    ok: true,
    frame: { sw1: body[0]!, sw2: body[1]!, sw3, data: body.slice(3), status: samStatus(sw3) },
  }
}

/** Host → reader, as the emulator receives it. */
export function decodeCommand(bytes: Uint8Array): Decoded<CommandFrame> {
  const checked = checkFrame(bytes, MIN_COMMAND_LEN)
  if (!checked.ok) return checked
  const body = checked.body
  return { ok: true, frame: { cmd: body[0]!, para: body[1]!, data: body.slice(2) } }
}

export function isCommand(frame: CommandFrame, command: SamCommand): boolean {
  return frame.cmd === command.cmd && frame.para === command.para
}

export function commandLabel(command: SamCommand): string {
  return `0x${hex2(command.cmd)} 0x${hex2(command.para)}`
}

export function toHex(bytes: Uint8Array): string {
  let out = ''
  for (const b of bytes) out += hex2(b)
  return out
}

/** Parses hex as typed or pasted: spaces, colons, dashes and a leading `0x` are ignored. */
export function fromHex(text: string): Uint8Array {
  const clean = text.replace(/0x/gi, '').replace(/[\s:,-]/g, '')
  if (!/^[0-9a-fA-F]*$/.test(clean)) throw new Error('十六进制字符串中有非十六进制字符')
  if (clean.length % 2 !== 0) throw new Error(`十六进制字符串长度为奇数（${clean.length} 个字符）`)
  const bytes = new Uint8Array(clean.length / 2)
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16)
  return bytes
}

/** Big-endian 16-bit word at `offset`. */
export function readU16BE(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] ?? 0) << 8) | (bytes[offset + 1] ?? 0)
}
