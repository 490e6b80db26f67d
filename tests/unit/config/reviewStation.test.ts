import { describe, expect, it } from 'vitest'
import { parseStationConfig } from '../../../main/config/stationConfig'
import { checkStationDepartment } from '../../../main/services/cases/stationDepartment'

const catalog = {
  departments: () => [
    { code: 'SCJG', name: '市场监督管理局', itemCount: 10 },
    { code: 'GA', name: '公安局', itemCount: 4 },
  ],
  info: () => ({ version: '2026.1', hallName: '示范市政务服务中心', source: 'x', itemCount: 14, from: 'shipped' as const }),
}

describe('a review station’s config', () => {
  it('takes the review profile with the department it reviews', () => {
    expect(parseStationConfig({ profile: 'review', department: ' SCJG ' }, '/d')).toMatchObject({ profile: 'review', department: 'SCJG' })
  })

  it('stops the start of a review station that names no department, naming the key', () => {
    expect(() => parseStationConfig({ profile: 'review' }, '/d')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', field: 'department', message: expect.stringContaining('部门代码') }))
  })

  it('lets other profiles go without a department', () => {
    expect(parseStationConfig({ profile: 'window' }, '/d').department).toBeUndefined()
  })

  it('checks the department against the catalog, naming the codes it has', () => {
    expect(() => checkStationDepartment({ department: 'SCJG' }, catalog)).not.toThrow()
    expect(() => checkStationDepartment({ department: undefined }, catalog)).not.toThrow()
    expect(() => checkStationDepartment({ department: 'scjg' }, catalog)).toThrow('部门代码 "scjg" 不在事项目录（示范市政务服务中心 2026.1）的部门中；可用的部门代码：SCJG（市场监督管理局）、GA（公安局）')
  })
})
