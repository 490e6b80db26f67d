import { describe, expect, it } from 'vitest'
import { decodeCommand, encodeResponse, SAM_COMMANDS } from '../../../main/devices/idcard/samFrame'
import { SamLink, type LinkIo } from '../../../main/devices/idcard/samLink'
import { readAnswer, residentBlock } from '../../fixtures/idcardFrames'

type Script = (command: Uint8Array, call: number) => Uint8Array[] | null

/** A reader on the other end of the link: answers each written command per the script, asynchronously. */
class ScriptedReader implements LinkIo {
  readonly written: Uint8Array[] = []
  flushes = 0
  link!: SamLink

  constructor(private readonly script: Script) {}

  async write(bytes: Uint8Array): Promise<void> {
    this.written.push(bytes)
    const chunks = this.script(bytes, this.written.length)
    if (!chunks) return
    let delay = 0
    for (const chunk of chunks) setTimeout(() => this.link.receive(chunk), ++delay)
  }

  async flush(): Promise<void> {
    this.flushes++
  }
}

function linkWith(script: Script): { link: SamLink; reader: ScriptedReader } {
  const reader = new ScriptedReader(script)
  const link = new SamLink(reader)
  reader.link = link
  return { link, reader }
}

const corrupt = (frame: Uint8Array): Uint8Array => {
  const copy = frame.slice()
  copy[copy.length - 1] = copy[copy.length - 1]! ^ 0x01
  return copy
}

describe('SamLink', () => {
  it('reassembles an answer delivered in many chunks', async () => {
    const answer = readAnswer(residentBlock())
    const { link } = linkWith(() => [answer.subarray(0, 3), answer.subarray(3, 100), answer.subarray(100)])
    const result = await link.exchange(SAM_COMMANDS.readText, 500)
    expect(result.ok && result.response.data.length).toBe(1284)
  })

  it('flushes stale input before every command', async () => {
    const { link, reader } = linkWith(() => [encodeResponse(0x80)])
    await link.exchange(SAM_COMMANDS.findCard, 200)
    await link.exchange(SAM_COMMANDS.findCard, 200)
    expect(reader.flushes).toBe(2)
  })

  it('retries once when the answer has a bad checksum', async () => {
    const { link, reader } = linkWith((_cmd, call) => [call === 1 ? corrupt(encodeResponse(0x9f)) : encodeResponse(0x9f, new Uint8Array(4))])
    const result = await link.exchange(SAM_COMMANDS.findCard, 200)
    expect(result).toMatchObject({ ok: true, attempts: 2, response: { sw3: 0x9f } })
    expect(reader.written).toHaveLength(2)
  })

  it('gives up after the second bad checksum, naming it', async () => {
    const { link, reader } = linkWith(() => [corrupt(encodeResponse(0x80))])
    const result = await link.exchange(SAM_COMMANDS.findCard, 200)
    expect(result).toMatchObject({ ok: false, failure: 'checksum' })
    if (!result.ok) expect(result.message).toContain('校验和错误')
    expect(reader.written).toHaveLength(2)
  })

  it('re-sends once when the reader says our frame arrived corrupted (SW3 0x10)', async () => {
    const { link } = linkWith((_cmd, call) => [encodeResponse(call === 1 ? 0x10 : 0x90)])
    expect(await link.exchange(SAM_COMMANDS.samStatus, 200)).toMatchObject({ ok: true, attempts: 2, response: { sw3: 0x90 } })
  })

  it('times out when nothing answers, naming the command and the time', async () => {
    const { link } = linkWith(() => null)
    const result = await link.exchange(SAM_COMMANDS.findCard, 30)
    expect(result).toEqual({ ok: false, failure: 'timeout', message: '命令 0x20 0x01 在 30 ms 内没有应答' })
  })

  it('ends a waiting exchange with closed when the port goes away', async () => {
    const { link } = linkWith(() => null)
    const pending = link.exchange(SAM_COMMANDS.readText, 5000)
    setTimeout(() => link.close(), 5)
    expect(await pending).toMatchObject({ ok: false, failure: 'closed' })
    expect(await link.exchange(SAM_COMMANDS.findCard, 5000)).toMatchObject({ ok: false, failure: 'closed' })
  })

  it('keeps one command in flight: the next is written only after the previous answer', async () => {
    const order: string[] = []
    const { link } = linkWith((cmd) => {
      const decoded = decodeCommand(cmd)
      order.push(`write ${decoded.ok ? decoded.frame.cmd.toString(16) : '?'}`)
      return [encodeResponse(0x90)]
    })
    const a = link.exchange(SAM_COMMANDS.samStatus, 200).then(() => order.push('answer 11'))
    const b = link.exchange(SAM_COMMANDS.selectCard, 200).then(() => order.push('answer 20'))
    await Promise.all([a, b])
    expect(order).toEqual(['write 11', 'answer 11', 'write 20', 'answer 20'])
  })

  it('skips garbage before the answer', async () => {
    const { link } = linkWith(() => [Uint8Array.of(0xaa, 0x00, 0x13), encodeResponse(0x80)])
    expect(await link.exchange(SAM_COMMANDS.findCard, 200)).toMatchObject({ ok: true, response: { sw3: 0x80 } })
  })
})
