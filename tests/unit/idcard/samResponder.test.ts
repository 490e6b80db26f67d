import { describe, expect, it } from 'vitest'
import { decodeReadFrame } from '../../../main/devices/idcard/cardRead'
import { decodeResponse, encodeCommand, fromHex, SAM_COMMANDS, type SamCommand } from '../../../main/devices/idcard/samFrame'
import { buildReadResponse, buildTextBlock } from '../../../main/emulators/cardBlockBuilder'
import { loadEmulatorCards } from '../../../main/emulators/demoCards'
import { emulatorCardSchema, type EmulatorCard } from '../../../main/domain/demo/emulatorCard'
import type { Card } from '../../../main/domain/idCard'
import { SamResponder } from '../../../main/emulators/samResponder'
import { foreign2017Block, foreign2023Block, hex, hmtBlock, residentBlock } from '../../fixtures/idcardFrames'

const cards = loadEmulatorCards()

function readDemoCard(card: EmulatorCard): Card {
  const result = decodeReadFrame(buildReadResponse(card))
  if (!result.ok) throw new Error(result.failure.message)
  return result.read.card
}

function ask(responder: SamResponder, command: SamCommand): { sw3: number; data: Uint8Array; frame: Uint8Array } {
  const frame = responder.answer(encodeCommand(command.cmd, command.para))
  const decoded = decodeResponse(frame)
  if (!decoded.ok) throw new Error(decoded.error.message)
  return { sw3: decoded.frame.sw3, data: decoded.frame.data, frame }
}

function tap(responder: SamResponder): number[] {
  return [ask(responder, SAM_COMMANDS.findCard).sw3, ask(responder, SAM_COMMANDS.selectCard).sw3, ask(responder, SAM_COMMANDS.readText).sw3]
}

describe('the emulated SAM', () => {
  it('answers status 0x90 and a 16-byte SAM ID', () => {
    const sam = new SamResponder()
    expect(hex(ask(sam, SAM_COMMANDS.samStatus).frame)).toBe('AAAAAA9669000400009094')
    expect(ask(sam, SAM_COMMANDS.samId).data).toHaveLength(16)
  })

  it('answers find with 0x80 while no card lies on it', () => {
    expect(ask(new SamResponder(), SAM_COMMANDS.findCard).sw3).toBe(0x80)
  })

  it('reads a placed card once, then answers 0x80 until the card is lifted and laid again', () => {
    const sam = new SamResponder()
    sam.place(cards[0]!)
    expect(tap(sam)).toEqual([0x9f, 0x90, 0x90])
    expect(ask(sam, SAM_COMMANDS.findCard).sw3).toBe(0x80)
    expect(ask(sam, SAM_COMMANDS.findCard).sw3).toBe(0x80)
    sam.remove()
    expect(ask(sam, SAM_COMMANDS.findCard).sw3).toBe(0x80)
    sam.place(cards[0]!)
    expect(tap(sam)).toEqual([0x9f, 0x90, 0x90])
  })

  it('refuses a read without find and select', () => {
    const sam = new SamResponder()
    sam.place(cards[0]!)
    expect(ask(sam, SAM_COMMANDS.readText).sw3).toBe(0x41)
    expect(ask(sam, SAM_COMMANDS.selectCard).sw3).toBe(0x81)
  })

  it('lets the driver re-send a read whose answer it lost while the card stays selected', () => {
    const sam = new SamResponder()
    sam.place(cards[0]!)
    tap(sam)
    expect(ask(sam, SAM_COMMANDS.findCard).sw3).toBe(0x80)
    expect(ask(sam, SAM_COMMANDS.readText).sw3).toBe(0x90)
  })

  it('answers a find between select and read with 0x80 and keeps the selection, so the read succeeds', () => {
    const sam = new SamResponder()
    sam.place(cards[0]!)
    expect(ask(sam, SAM_COMMANDS.findCard).sw3).toBe(0x9f)
    expect(ask(sam, SAM_COMMANDS.selectCard).sw3).toBe(0x90)
    // A selected card (ISO 14443-B: active) does not answer a find.
    expect(ask(sam, SAM_COMMANDS.findCard).sw3).toBe(0x80)
    const read = decodeReadFrame(ask(sam, SAM_COMMANDS.readText).frame)
    if (!read.ok) throw new Error(read.failure.message)
    expect(read.read.card).toMatchObject({ name: cards[0]!.name, idNumber: cards[0]!.idNumber })
  })

  it('answers find again once a new card is laid on the reader after a selection', () => {
    const sam = new SamResponder()
    sam.place(cards[0]!)
    ask(sam, SAM_COMMANDS.findCard)
    ask(sam, SAM_COMMANDS.selectCard)
    sam.place(cards[1]!)
    expect(tap(sam)).toEqual([0x9f, 0x90, 0x90])
  })

  it('answers the newest appended address, or 0x91 when the card has none', () => {
    const sam = new SamResponder()
    sam.place(cards[0]!)
    tap(sam)
    expect(ask(sam, SAM_COMMANDS.readNewestAddress).sw3).toBe(0x91)
    const withAddress = cards.find((c) => c.newestAddress)!
    sam.place(withAddress)
    tap(sam)
    const answer = ask(sam, SAM_COMMANDS.readNewestAddress)
    expect(answer.sw3).toBe(0x90)
    expect(answer.data).toHaveLength(70)
  })

  it('answers 0x10 to a command with a bad checksum and 0x21 to an unknown command', () => {
    const sam = new SamResponder()
    expect(hex(sam.answer(fromHex('AAAAAA96690003200121')))).toBe('AAAAAA9669000400001014')
    expect(hex(sam.answer(encodeCommand(0x55, 0x01)))).toBe('AAAAAA9669000400002125')
  })

  it('answers the fingerprint read with three length words', () => {
    const sam = new SamResponder({ fingerprintBytes: 512 })
    sam.place(cards[0]!)
    ask(sam, SAM_COMMANDS.findCard)
    ask(sam, SAM_COMMANDS.selectCard)
    const frame = ask(sam, SAM_COMMANDS.readWithFingerprint).frame
    expect(frame).toHaveLength(1809)
    const read = decodeReadFrame(frame)
    expect(read.ok && read.read.variant).toBe('fingerprint')
  })
})

describe('the card block builder', () => {
  it('encodes each layout exactly like the hand-built blocks of the spec', () => {
    const resident = emulatorCardSchema.parse({
      cardType: 'resident', name: '李明远', gender: 'male', nationCode: '01', birthDate: '1985-06-12',
      address: '江苏省徐州市鼓楼区中山北路88号2单元501室', idNumber: '320302198506122313', authority: '徐州市公安局鼓楼分局',
      validFrom: '2016-03-01', validTo: '2036-03-01',
    })
    expect(hex(buildTextBlock(resident))).toBe(hex(residentBlock()))
    const f2017 = emulatorCardSchema.parse({
      cardType: 'foreign', layout: '2017', name: '史密斯', nameEn: 'SMITH, JOHN MICHAEL', gender: 'male', nationality: 'USA',
      birthDate: '1979-11-03', idNumber: 'USA320079110301', authorityCode: '3200', cardVersion: '01', validFrom: '2018-04-01', validTo: '2028-04-01',
    })
    expect(hex(buildTextBlock(f2017))).toBe(hex(foreign2017Block()))
    const hmt = emulatorCardSchema.parse({
      cardType: 'hmt', name: '陈家豪', gender: 'male', birthDate: '1992-09-23', address: '江苏省徐州市泉山区解放南路1号',
      idNumber: '810000199209230010', authority: '徐州市公安局', passNumber: 'H12345678', issueCount: '01', validFrom: '2023-09-01', validTo: '2028-09-01',
    })
    expect(hex(buildTextBlock(hmt))).toBe(hex(hmtBlock()))
    const f2023 = buildTextBlock(
      emulatorCardSchema.parse({
        cardType: 'foreign', name: '唐博朗', nameEn: 'TREMBLAY, JEAN-FRANCOIS ALEXANDRE O LIVIER', gender: 'male', nationality: 'CAN',
        birthDate: '1988-07-04', idNumber: '932124198807040015', renewalCount: '00', validFrom: '2024-01-15', validTo: '2034-01-15',
      }),
    )
    // Bytes 250–255 (link to the old number) are not modelled by the builder; the rest must match.
    expect(hex(f2023.subarray(0, 250))).toBe(hex(foreign2023Block().subarray(0, 250)))
  })

  it('refuses a field too long for its slot rather than cutting it silently', () => {
    const card = emulatorCardSchema.parse({ ...cards[0]!, hasPhoto: true })
    expect(() => buildTextBlock({ ...card, idNumber: '3203021985061223130' })).toThrow('证件号码过长')
  })

  it('ships demo cards of every type that decode back to what they say', () => {
    const layouts = new Set<string>()
    for (const card of cards) {
      const sam = new SamResponder()
      sam.place(card)
      ask(sam, SAM_COMMANDS.findCard)
      ask(sam, SAM_COMMANDS.selectCard)
      const result = decodeReadFrame(ask(sam, SAM_COMMANDS.readText).frame)
      if (!result.ok) throw new Error(result.failure.message)
      layouts.add(result.read.extras.layout)
      expect(result.read.card).toMatchObject({ cardType: card.cardType, name: card.name, idNumber: card.idNumber, birthDate: card.birthDate, validTo: card.validTo })
    }
    expect([...layouts].sort()).toEqual(['foreign2017', 'foreign2023', 'hmt', 'resident'])
  })

  it('includes an expired card and exactly one with a bad check character among the demo cards', () => {
    expect(cards.some((c) => c.validTo !== 'long-term' && c.validTo < '2026-01-01')).toBe(true)
    expect(cards.filter((c) => !readDemoCard(c).idNumberValid)).toHaveLength(1)
  })
})
