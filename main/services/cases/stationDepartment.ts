/**
 * A review station (分类审核办理) works the cases of one catalog department,
 * named by `department` in station.json. A code the catalog does not know
 * would show an empty queue forever, so the start stops instead, naming the
 * codes the catalog has.
 */
import type { StationConfig } from '../../config/stationConfig'
import { AppError } from '../../domain/errors'
import type { CatalogService } from './catalogService'

export function checkStationDepartment(config: Pick<StationConfig, 'department'>, catalog: Pick<CatalogService, 'departments' | 'info'>): void {
  const code = config.department
  if (code === undefined) return
  const departments = catalog.departments()
  if (departments.some((d) => d.code === code)) return
  const info = catalog.info()
  const known = departments.map((d) => `${d.code}（${d.name}）`).join('、')
  throw new AppError(
    'CONFIG_INVALID',
    `配置有误 — 配置项 department：部门代码 "${code}" 不在事项目录（${info.hallName} ${info.version}）的部门中；可用的部门代码：${known}`,
    'department',
  )
}
