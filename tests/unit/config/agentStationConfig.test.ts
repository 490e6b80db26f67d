import { describe, expect, it } from 'vitest'
import { parseStationConfig } from '../../../main/config/stationConfig'
import { refusal as errorOf } from '../../fixtures/refusal'

const branch = { branchName: '中国建设银行徐州分行营业部', branchCode: 'CCB-3203-001' }

describe('an agent station’s config (银行网点代办)', () => {
  it('takes the branch it belongs to', () => {
    const config = parseStationConfig({ profile: 'agent', agent: branch }, '/d')
    expect(config.profile).toBe('agent')
    expect(config.agent).toEqual(branch)
  })

  it('refuses the agent profile without a branch, saying which keys to add', () => {
    const err = errorOf(() => parseStationConfig({ profile: 'agent' }, '/d', 'station.json'))
    expect(err).toMatchObject({ code: 'CONFIG_INVALID', field: 'agent' })
    expect(err.message).toContain('station.json有误')
    expect(err.message).toContain('agent.branchName')
    expect(err.message).toContain('agent.branchCode')
  })

  it('names the branch key that is wrong', () => {
    const noName = errorOf(() => parseStationConfig({ profile: 'agent', agent: { ...branch, branchName: ' ' } }, '/d'))
    expect(noName.field).toBe('agent.branchName')
    expect(noName.message).toContain('网点名称')
    const badCode = errorOf(() => parseStationConfig({ profile: 'agent', agent: { ...branch, branchCode: '建行 001' } }, '/d'))
    expect(badCode.field).toBe('agent.branchCode')
    expect(badCode.message).toContain('网点代码')
  })

  it('leaves a hall window without a branch', () => {
    expect(parseStationConfig({}, '/d').agent).toBeUndefined()
  })
})
