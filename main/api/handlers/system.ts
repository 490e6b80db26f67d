import type { Handler } from '../dispatcher'
import { isDemo } from '../../config/stationConfig'
import { plainDateOf } from '../../domain/plainDate'
import { utcTimestamp } from '../../domain/timestamps'

export const systemInfo: Handler<'system.info'> = (_input, { services, caller }) => ({
  appName: services.info.appName,
  version: services.info.version,
  stationId: services.config.stationId,
  stationName: services.config.stationName,
  hallName: services.config.hallName,
  regionCode: services.config.regionCode,
  profile: services.config.profile,
  department: services.config.department === undefined ? null : { code: services.config.department, name: services.catalog.departmentName(services.config.department) },
  agent: services.config.profile === 'agent' && services.config.agent ? { branchName: services.config.agent.branchName, branchCode: services.config.agent.branchCode } : null,
  isDemo: isDemo(services.config),
  transport: caller.transport === 'electron' ? 'electron' : 'station',
  startedAt: services.info.startedAt,
  // The demo hall's accounts, shown on its sign-in dialog as on its start line; never on a real station.
  demoOperators: services.demoOperators,
})

export const systemClock: Handler<'system.clock'> = (_input, { services }) => {
  const now = services.clock.now()
  return { now: utcTimestamp(now), today: plainDateOf(now) }
}

export const sessionGet: Handler<'session.get'> = (_input, { services }) => services.session.get()

export const sessionSignIn: Handler<'session.signIn'> = (input, { services, caller }) => services.session.signIn(input.operator, input.pin, caller.session)

export const sessionSignOut: Handler<'session.signOut'> = (_input, { services, caller }) => services.session.signOut(caller.session)

export const devicesList: Handler<'devices.list'> = (_input, { services }) => services.devices.list()

export const devicesReportCamera: Handler<'devices.reportCamera'> = (input, { services }) => {
  const { devices, config } = services
  if (!config.devices.camera.enabled) devices.report('camera', { state: 'off', message: '摄像头已停用（配置 devices.camera.enabled）', reason: 'disabled' })
  else if (input.error) devices.report('camera', { state: 'error', message: `摄像头无法打开：${input.error}`, reason: 'open_failed' })
  else if (input.count === 0) devices.report('camera', { state: 'warning', message: '未发现摄像头', reason: 'none_found' })
  else devices.report('camera', { state: 'ok', message: `${input.count} 个摄像头可用`, reason: 'ready', params: { count: input.count } })
  return devices.get('camera')
}
