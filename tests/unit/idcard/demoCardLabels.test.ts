import { describe, expect, it } from 'vitest'
import { cardLabelEn, emulatorCardSchema } from '../../../main/domain/demo/emulatorCard'
import { loadEmulatorCards } from '../../../main/emulators/demoCards'

const cjk = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/

describe('demo card labels in English', () => {
  it('word every shipped card in English, keeping only the name as on the card', () => {
    for (const card of loadEmulatorCards()) {
      const label = cardLabelEn(card)
      expect(card.labelEn, card.label).toBe(label)
      expect(label.replace(card.name, ''), label).not.toMatch(cjk)
    }
  })

  it('make one from the card type and the name when the file gives none', () => {
    const card = emulatorCardSchema.parse({
      label: '居民身份证 · 周海（测试）',
      cardType: 'hmt', name: '周海', gender: 'male', birthDate: '1990-01-01', address: '江苏省徐州市', idNumber: '810000199001010011',
      authority: '徐州市公安局', passNumber: 'H12345678', validFrom: '2020-01-01', validTo: '2025-01-01',
    })
    expect(cardLabelEn(card)).toBe('HK/Macao/Taiwan residence permit 周海')
  })
})
