import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sfDigestText, urlencodeJava } from '../../../main/domain/dispatch/sfDigestText'
import { sfMsgDigest } from '../../../main/dispatch/sfDigest'

const TIMESTAMP = '1700000000000'
const CHECK_WORD = 'TESTCHECKWORD'
const plainMd5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('base64')

// specs/dispatch.md §C1: computed for the spec; the third column must be rejected by a carrier.
const vectors = [
  { msgData: '{"orderId":"OW-ST01-000001-1"}', digest: 'jVcd3wzaYg/qQf8EqnYI9g==', withoutUrlencode: '9U73EiVLM8ZLU6bu03KAUQ==' },
  { msgData: '{"orderId":"OW-ST01-000001-1","remark":"证照 *~"}', digest: 'ja/r7yJvSjq0n7fv5KE6Kw==', withoutUrlencode: 'jfplXohEcXUGKeAQlN20WQ==' },
]

describe('SF request digest', () => {
  it.each(vectors)('signs $msgData exactly as the spec vector', ({ msgData, digest }) => {
    expect(sfMsgDigest(msgData, TIMESTAMP, CHECK_WORD)).toBe(digest)
  })

  it.each(vectors)('differs from the digest of the text without urlencoding ($withoutUrlencode)', ({ msgData, digest, withoutUrlencode }) => {
    expect(plainMd5(msgData + TIMESTAMP + CHECK_WORD)).toBe(withoutUrlencode)
    expect(digest).not.toBe(withoutUrlencode)
  })

  it('differs from Python quote_plus, which keeps ~ and encodes *', () => {
    const msgData = vectors[1]!.msgData
    const quotePlus = sfDigestText(msgData, TIMESTAMP, CHECK_WORD).replace(/%7E/g, '~').replace(/\*/g, '%2A')
    expect(plainMd5(quotePlus)).toBe('wG9XDEhvzUSoHI6RtZCmLw==')
    expect(sfMsgDigest(msgData, TIMESTAMP, CHECK_WORD)).not.toBe('wG9XDEhvzUSoHI6RtZCmLw==')
  })
})

describe('urlencodeJava', () => {
  it('keeps letters, digits and . - * _ and turns a space into +', () => {
    expect(urlencodeJava('Az09.-*_ x')).toBe('Az09.-*_+x')
  })

  it("encodes what encodeURIComponent keeps: ! ~ ' ( )", () => {
    expect(urlencodeJava("!~'()")).toBe('%21%7E%27%28%29')
  })

  it('encodes Chinese as upper-case hex of its UTF-8 bytes', () => {
    expect(urlencodeJava('证照')).toBe('%E8%AF%81%E7%85%A7')
    expect(urlencodeJava('{"a":1}')).toBe('%7B%22a%22%3A1%7D')
  })

  it('encodes a character outside the BMP as its four UTF-8 bytes', () => {
    expect(urlencodeJava('𠈌')).toBe('%F0%A0%88%8C')
  })
})
