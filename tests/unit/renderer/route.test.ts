import { describe, expect, it } from 'vitest'
import { parseRoute } from '../../../renderer/hooks/useRoute'

describe('parseRoute', () => {
  it('reads the screen and decodes the segments after it', () => {
    expect(parseRoute('#/cases/32030020261126001')).toEqual({ screen: 'cases', params: ['32030020261126001'] })
    expect(parseRoute('#/cases/%E5%BC%A0%E4%B8%89')).toEqual({ screen: 'cases', params: ['张三'] })
  })

  it('falls back to the intake screen for an empty or unknown hash', () => {
    expect(parseRoute('')).toEqual({ screen: 'intake', params: [] })
    expect(parseRoute('#/nowhere')).toEqual({ screen: 'intake', params: [] })
  })

  it('keeps a segment that is not valid URL encoding as typed instead of throwing', () => {
    expect(parseRoute('#/cases/%E0')).toEqual({ screen: 'cases', params: ['%E0'] })
    expect(parseRoute('#/cases/%zz/%E5%BC%A0')).toEqual({ screen: 'cases', params: ['%zz', '张'] })
  })
})
