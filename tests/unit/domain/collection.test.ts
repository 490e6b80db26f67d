import { describe, expect, it } from 'vitest'
import { checkCertificateNo, judgeCollector, normalizeCertificateNo, whoMayCollect, type CaseParties, type IdentityMatch } from '../../../main/domain/collection'

const STRANGER = { name: '王秀兰', idNumber: '320303196203050022' }
const nobody: IdentityMatch = { applicant: false, handler: false, agent: false }

function aPersonCase(overrides: Partial<CaseParties> = {}): CaseParties {
  return {
    caseNo: '320300202603020010001',
    state: 'ready',
    applicant: { kind: 'person', name: '李明远', idMasked: '3203**********2313' },
    handler: null,
    agent: null,
    ...overrides,
  }
}

function anEnterpriseCase(overrides: Partial<CaseParties> = {}): CaseParties {
  return aPersonCase({
    applicant: { kind: 'enterprise', name: '徐州云帆贸易有限公司', idMasked: null },
    handler: { name: '李晓梅', idMasked: '3203**********0465' },
    ...overrides,
  })
}

describe('who may collect at the output window', () => {
  it('hands a person’s result to the applicant whose ID number matches', () => {
    const verdict = judgeCollector(aPersonCase(), { ...nobody, applicant: true }, { name: '李明远', idNumber: '320302198506122313' })
    expect(verdict).toMatchObject({ allowed: true, role: 'applicant' })
  })

  it('hands an enterprise’s result to its handler, and not to the enterprise’s name on someone else’s card', () => {
    expect(judgeCollector(anEnterpriseCase(), { ...nobody, handler: true }, STRANGER)).toMatchObject({ allowed: true, role: 'handler' })
    // An enterprise's applicant hash is null: a match there can only be a stored error, never a person at the counter.
    expect(judgeCollector(anEnterpriseCase(), { ...nobody, applicant: true }, STRANGER).allowed).toBe(false)
  })

  it('hands it to a named agent only once their authorisation letter is on file', () => {
    const withLetter = aPersonCase({ agent: { name: '王秀兰', idMasked: '3203**********0022', hasLetter: true } })
    expect(judgeCollector(withLetter, { ...nobody, agent: true }, STRANGER)).toMatchObject({ allowed: true, role: 'agent' })

    const withoutLetter = aPersonCase({ agent: { name: '王秀兰', idMasked: '3203**********0022', hasLetter: false } })
    const refused = judgeCollector(withoutLetter, { ...nobody, agent: true }, STRANGER)
    expect(refused.allowed).toBe(false)
    expect(refused.reason).toContain('没有留存委托书照片')
  })

  it('lets the applicant collect in person without a letter even when they are also named as agent', () => {
    const both = aPersonCase({ agent: { name: '李明远', idMasked: '3203**********2313', hasLetter: false } })
    expect(judgeCollector(both, { applicant: true, handler: false, agent: true }, STRANGER)).toMatchObject({ allowed: true, role: 'applicant' })
  })

  it('refuses anyone else, naming who may collect with names and ID numbers masked', () => {
    const c = aPersonCase({ agent: { name: '赵雅琴', idMasked: '3203**********4563', hasLetter: true } })
    const verdict = judgeCollector(c, nobody, STRANGER)
    expect(verdict.allowed).toBe(false)
    expect(verdict.reason).toContain('王**（3203**********0022）不是办件 320300202603020010001 的申请人、经办人或登记的代领人')
    expect(verdict.reason).toContain('申请人本人 李**（3203**********2313）')
    expect(verdict.reason).toContain('委托代领人 赵**（3203**********4563）')
    expect(verdict.reason).not.toContain('李明远')
    expect(verdict.reason).not.toContain('320303196203050022')
    expect(verdict.mayCollect).toEqual(['申请人本人 李**（3203**********2313）', '委托代领人 赵**（3203**********4563）'])
  })

  it('calls a person checked by ID number alone the card holder, never a masked placeholder', () => {
    const verdict = judgeCollector(aPersonCase(), nobody, { name: '', idNumber: STRANGER.idNumber })
    expect(verdict.reason.startsWith('持证人（3203**********0022）不是办件')).toBe(true)
  })

  it('refuses even the applicant while the case is not waiting at the window', () => {
    for (const state of ['in_review', 'approved', 'shipping', 'collected'] as const) {
      const verdict = judgeCollector(aPersonCase({ state }), { ...nobody, applicant: true }, STRANGER)
      expect(verdict.allowed, state).toBe(false)
      expect(verdict.reason).toContain('不是待出件')
    }
  })

  it('lists an agent without a letter as not yet able to collect', () => {
    expect(whoMayCollect(anEnterpriseCase({ agent: { name: '王秀兰', idMasked: '3203**********0022', hasLetter: false } }))).toEqual([
      '企业经办人 李**（3203**********0465）',
      '委托代领人 王**（3203**********0022）（委托书未留存）',
    ])
  })
})

describe('the certificate number at output', () => {
  const recorded = { type: '营业执照', number: '91320300MA1XYW12B0' }

  it('accepts the recorded number however it was typed: spaces, lower case, full-width', () => {
    expect(checkCertificateNo('C1', recorded, ' 91320300ma1xyw12b0 ')).toEqual({ kind: 'matched', number: '91320300MA1XYW12B0' })
    expect(checkCertificateNo('C1', recorded, '９１３２０３００ＭＡ１ＸＹＷ１２Ｂ０')).toMatchObject({ kind: 'matched' })
    expect(normalizeCertificateNo('苏（2026）徐州市 不动产权第 0001234 号')).toBe('苏(2026)徐州市不动产权第0001234号')
  })

  it('refuses another number, naming both', () => {
    const check = checkCertificateNo('C1', recorded, '91320300MA1XYW12B9')
    expect(check.kind).toBe('mismatch')
    if (check.kind === 'mismatch') expect(check.message).toContain('“91320300MA1XYW12B9”与准予时登记的营业执照编号“91320300MA1XYW12B0”不符')
  })

  it('asks for the number when approval recorded one and none was given', () => {
    expect(checkCertificateNo('C1', recorded, '  ').kind).toBe('missing')
  })

  it('skips the check with a note when approval recorded no certificate', () => {
    expect(checkCertificateNo('C1', null, '')).toEqual({ kind: 'skipped', note: '准予时未登记证照编号，出件时未核对证照编号' })
  })
})
