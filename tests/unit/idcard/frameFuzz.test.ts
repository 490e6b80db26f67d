/**
 * Fuzz: random and mutated frames through the decoder, the card decoder, the
 * reassembler and the exchange layer. Seeded, so a failure replays exactly;
 * the seed and the iteration are in every assertion message.
 */
import { describe, expect, it } from 'vitest'
import { decodeReadFrame } from '../../../main/devices/idcard/cardRead'
import { FrameAssembler } from '../../../main/devices/idcard/frameAssembler'
import { decodeResponse, encodeResponse, MAX_LEN, SAM_COMMANDS, xorChecksum } from '../../../main/devices/idcard/samFrame'
import { SamLink } from '../../../main/devices/idcard/samLink'
import { foreign2017Block, foreign2023Block, hmtBlock, readAnswer, residentBlock } from '../../fixtures/idcardFrames'
import { seededRandom as prng } from '../../../main/domain/seededRandom'

const SEED = 0x1dca4d


const seeds: Uint8Array[] = [
  readAnswer(residentBlock()),
  readAnswer(residentBlock({ to: '长期' })),
  readAnswer(foreign2017Block()),
  readAnswer(foreign2023Block()),
  readAnswer(hmtBlock()),
  readAnswer(residentBlock(), { fingerprintBytes: 1024 }),
  readAnswer(hmtBlock(), { fingerprintBytes: 0 }),
  encodeResponse(0x80),
  encodeResponse(0x9f, new Uint8Array(4)),
  encodeResponse(0x90, new Uint8Array(8)),
  encodeResponse(0x41, new Uint8Array(0), 0x6a, 0x82),
]

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

function mutate(rand: () => number, source: Uint8Array): Uint8Array {
  let bytes: Uint8Array = source.slice()
  const int = (n: number): number => Math.floor(rand() * n)
  const edits = 1 + int(4)
  for (let e = 0; e < edits; e++) {
    const at = int(bytes.length + 1)
    switch (int(7)) {
      case 0: // flip a bit
        if (bytes.length) bytes[at % bytes.length]! ^= 1 << int(8)
        break
      case 1: // overwrite a run inside the text block (the decoder must cope with any UCS-2)
        for (let i = 0; i < 1 + int(40); i++) if (bytes.length) bytes[(14 + int(256)) % bytes.length] = int(256)
        break
      case 2: // drop a run
        bytes = concat(bytes.subarray(0, at), bytes.subarray(at + int(64)))
        break
      case 3: {
        // insert noise (possibly another preamble)
        const noise = rand() < 0.3 ? Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69) : Uint8Array.from({ length: int(16) }, () => int(256))
        bytes = concat(bytes.subarray(0, at), noise, bytes.subarray(at))
        break
      }
      case 4: // damage LEN
        if (bytes.length > 7) {
          bytes[5] = int(256)
          bytes[6] = int(256)
        }
        break
      case 5: // truncate
        bytes = bytes.subarray(0, int(bytes.length + 1))
        break
      case 6: // damage the length words of the read answer
        if (bytes.length > 16) bytes[10 + int(6)] = int(256)
        break
    }
  }
  const out = bytes.slice()
  // Half the time make the XOR right again, so corrupted content reaches the card decoder.
  if (out.length > 7 && rand() < 0.5) out[out.length - 1] = xorChecksum(out, 5, out.length - 1)
  return out
}

function randomFrame(rand: () => number): Uint8Array {
  const len = Math.floor(rand() * 64)
  const frame = Uint8Array.from({ length: 7 + len }, () => Math.floor(rand() * 256))
  if (rand() < 0.7) frame.set([0xaa, 0xaa, 0xaa, 0x96, 0x69])
  if (rand() < 0.5) {
    frame[5] = (len >> 8) & 0xff
    frame[6] = len & 0xff
    frame[frame.length - 1] = xorChecksum(frame, 5, frame.length - 1)
  }
  return frame
}

describe('fuzzing the SAM frame path', () => {
  it('decodes 120,000 random and mutated frames without throwing', () => {
    const rand = prng(SEED)
    let cards = 0
    let failures = 0
    for (let i = 0; i < 120_000; i++) {
      const frame = i % 3 === 0 ? randomFrame(rand) : mutate(rand, seeds[i % seeds.length]!)
      let result: ReturnType<typeof decodeReadFrame>
      try {
        decodeResponse(frame)
        result = decodeReadFrame(frame)
      } catch (err) {
        throw new Error(`seed ${SEED}, iteration ${i}: threw ${String(err)}`, { cause: err })
      }
      if (result.ok) cards++
      else if (result.failure.message.length > 0) failures++
      else throw new Error(`seed ${SEED}, iteration ${i}: a failure without a message`)
    }
    // Both paths were exercised: some mutations keep a decodable card, most do not.
    expect(cards).toBeGreaterThan(1000)
    expect(failures).toBeGreaterThan(50_000)
  })

  it('reassembles a randomly chopped stream of 30,000 mutated frames into well-formed frames only', () => {
    const rand = prng(SEED + 1)
    const assembler = new FrameAssembler()
    let out = 0
    let cleanIn = 0
    let maxPending = 0
    for (let i = 0; i < 30_000; i++) {
      const clean = rand() < 0.5
      const frame = clean ? seeds[i % seeds.length]! : mutate(rand, seeds[i % seeds.length]!)
      if (clean) cleanIn++
      for (let at = 0; at < frame.length; ) {
        const size = 1 + Math.floor(rand() * 300)
        for (const got of assembler.push(frame.subarray(at, at + size))) {
          out++
          const len = (got[5]! << 8) | got[6]!
          const wellFormed =
            got.length === len + 7 && len >= 4 && len <= MAX_LEN && got[0] === 0xaa && got[1] === 0xaa && got[2] === 0xaa && got[3] === 0x96 && got[4] === 0x69
          if (!wellFormed) throw new Error(`seed ${SEED + 1}, iteration ${i}: malformed frame of ${got.length} bytes`)
        }
        at += size
        maxPending = Math.max(maxPending, assembler.pending)
      }
    }
    expect(maxPending).toBeLessThanOrEqual(7 + MAX_LEN)
    // A damaged LEN may swallow a neighbour, but most clean frames must come through.
    expect(out).toBeGreaterThan(cleanIn * 0.6)
  })

  it('always settles an exchange, whatever garbage the reader sends back', async () => {
    const rand = prng(SEED + 2)
    let link: SamLink | null = null
    const io = {
      write: async (): Promise<void> => {
        const answer = rand() < 0.2 ? new Uint8Array(0) : mutate(rand, seeds[Math.floor(rand() * seeds.length)]!)
        for (let at = 0; at < answer.length; ) {
          const size = 1 + Math.floor(rand() * 200)
          link!.receive(answer.subarray(at, at + size))
          at += size
        }
      },
      flush: async (): Promise<void> => undefined,
    }
    link = new SamLink(io)
    const outcomes = new Map<string, number>()
    for (let i = 0; i < 1_000; i++) {
      const result = await link.exchange(SAM_COMMANDS.readText, 2)
      const key = result.ok ? 'ok' : result.failure
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1)
    }
    expect([...outcomes.values()].reduce((a, b) => a + b, 0)).toBe(1_000)
    expect(outcomes.get('ok')).toBeGreaterThan(0)
    expect(outcomes.get('timeout')).toBeGreaterThan(0)
  })
})
