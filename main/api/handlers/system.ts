import type { Handler } from '../dispatcher'
import { isDemo } from '../../config/stationConfig'

export const systemInfo: Handler<'system.info'> = (_input, { services, caller }) => ({
  appName: services.info.appName,
  version: services.info.version,
  stationId: services.config.stationId,
  stationName: services.config.stationName,
  hallName: services.config.hallName,
  regionCode: services.config.regionCode,
  profile: services.config.profile,
  isDemo: isDemo(services.config),
  transport: caller.transport === 'electron' ? 'electron' : 'station',
  startedAt: services.info.startedAt,
})

export const sessionGet: Handler<'session.get'> = (_input, { services }) => services.session.get()

export const sessionSignIn: Handler<'session.signIn'> = (input, { services }) => services.session.signIn(input.operator)

export const sessionSignOut: Handler<'session.signOut'> = (_input, { services }) => services.session.signOut()

export const devicesList: Handler<'devices.list'> = (_input, { services }) => services.devices.list()
