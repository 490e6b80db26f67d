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
    for (const screen of ['cases', 'devices'] as const) expect(screenRoles(screen)).toHaveLength(6)
  })

  it('gives 统计 to the supervisor alone: its reports and its 差评整改 list are the supervisor’s', () => {
    expect(screenRoles('reports')).toEqual(['supervisor'])
    expect(mayUseScreen('window', 'reports')).toBe(false)
  })
})
