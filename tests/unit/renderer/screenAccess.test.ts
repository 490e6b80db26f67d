import { describe, expect, it } from 'vitest'
import { mayUseScreen, screenRoles } from '../../../renderer/screens/screenAccess'

describe('who has a use for each screen', () => {
  it('gives 设置 to the supervisor alone, and 审核 to the reviewer and the supervisor', () => {
    expect(screenRoles('settings')).toEqual(['supervisor'])
    expect(screenRoles('review')).toEqual(['reviewer', 'supervisor'])
    expect(mayUseScreen('window', 'review')).toBe(false)
  })

  it('reads the screens of each counter role off the permission table', () => {
    expect(screenRoles('intake')).toEqual(['window', 'agent', 'supervisor'])
    expect(screenRoles('output')).toEqual(['output', 'supervisor'])
    expect(screenRoles('courier')).toEqual(['courier', 'supervisor'])
    for (const screen of ['cases', 'reports', 'devices'] as const) expect(screenRoles(screen)).toHaveLength(6)
  })
})
