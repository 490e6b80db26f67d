/** How the status bar and the devices screen draw each light state. */
import { describe, expect, it } from 'vitest'
import { deviceStatusSchema } from '../../../main/contract/system'
import { lightLooks } from '../../../renderer/components/deviceLightLook'
import { common as en } from '../../../renderer/i18n/en/common'
import { common as zh } from '../../../renderer/i18n/zh-CN/common'

const states = deviceStatusSchema.shape.state.options

describe('the device light looks', () => {
  it('draws every state the contract has, each in a look of its own', () => {
    expect(Object.keys(lightLooks).sort()).toEqual([...states].sort())
    const looks = states.map((s) => JSON.stringify(lightLooks[s]))
    expect(new Set(looks).size).toBe(states.length)
  })

  it('draws preview mode as a screen, not as the green dot of a ready printer', () => {
    expect(lightLooks.preview).toMatchObject({ kind: 'screen' })
    expect(lightLooks.preview).not.toEqual(lightLooks.ok)
  })

  it('words every state in both languages, preview as screen preview', () => {
    for (const s of states) {
      expect(zh.state[s]).toBeTruthy()
      expect(en.state[s]).toBeTruthy()
    }
    expect(zh.state.preview).toBe('屏幕预览')
    expect(en.state.preview).toBe('Screen preview')
  })
})
