import { describe, expect, it } from 'vitest'
import { draftProblem, emptyDraft, gradeForKey, padGrades, reasonForKey, stepAfterGrade, toggleReason } from '../../../renderer/screens/ratings/ratingPadModel'
import { isCustomerPanelHash } from '../../../renderer/screens/ratings/panelRoute'

describe('the rating pad', () => {
  it('picks grades by the digits 1 to 5 and lays them out best first', () => {
    expect(['1', '2', '3', '4', '5', '0', '6', 'a', 'Enter'].map(gradeForKey)).toEqual([1, 2, 3, 4, 5, null, null, null, null])
    expect(padGrades).toEqual([5, 4, 3, 2, 1])
  })

  it('asks why after a 差评 and sends any other grade at once', () => {
    expect([1, 2, 3, 4, 5].map((g) => stepAfterGrade(g as 1))).toEqual(['reasons', 'reasons', 'submit', 'submit', 'submit'])
  })

  it('toggles reasons by the digits 1 to 4 in the standard order', () => {
    expect(['1', '2', '3', '4', '5'].map(reasonForKey)).toEqual(['efficiency', 'serviceLevel', 'attitude', 'other', null])
    const once = toggleReason(toggleReason({ ...emptyDraft, grade: 1 }, 'attitude'), 'efficiency')
    expect(once.reasons).toEqual(['efficiency', 'attitude'])
    expect(toggleReason(once, 'attitude').reasons).toEqual(['efficiency'])
  })

  it('holds back a 差评 with no reason with the same words main would answer', () => {
    expect(draftProblem(emptyDraft)?.field).toBe('grade')
    expect(draftProblem({ ...emptyDraft, grade: 1 })).toMatchObject({ field: 'reasons', message: expect.stringContaining('至少选择一项原因') })
    expect(draftProblem({ ...emptyDraft, grade: 1, reasons: ['other'] })?.field).toBe('text')
    expect(draftProblem({ ...emptyDraft, grade: 1, reasons: ['attitude'] })).toBeNull()
    expect(draftProblem({ ...emptyDraft, grade: 4 })).toBeNull()
  })

  it('opens a window as the customer panel by the #/rate route, with or without the token beside it', () => {
    expect(['#/rate', '#/rate&token=abc', '#/rate/', '#/rating', '#/intake', ''].map(isCustomerPanelHash)).toEqual([true, true, true, false, false, false])
  })
})
