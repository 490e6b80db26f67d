/**
 * The demo hall's controls. Registered with the dispatcher only when the
 * station runs emulators; the controls themselves come from the composition
 * root through `services.demo`.
 */
import { AppError } from '../../domain/errors'
import type { Services } from '../../services/services'
import type { CarrierDemoControls, IdcardDemoControls, ScannerDemoControls } from '../../services/demoControls'
import type { DemoHandlers } from '../dispatcher'

/** Demo mode, but this device is a real one (or off): say which and where to change it. */
function idcardControls(services: Services): IdcardDemoControls {
  const controls = services.demo?.idcard
  if (controls) return controls
  const { mode } = services.config.devices.idcard
  throw new AppError('DEVICE_UNAVAILABLE', `身份证阅读器为 ${mode} 模式（devices.idcard.mode），只有模拟器模式（emulator）可以放置模拟证件`)
}

function scannerControls(services: Services): ScannerDemoControls {
  const controls = services.demo?.scanner
  if (controls) return controls
  const { mode } = services.config.devices.scanner
  throw new AppError('DEVICE_UNAVAILABLE', `扫码枪模式为 ${mode}（devices.scanner.mode），只有模拟器模式（emulator）可以模拟扫码`)
}

function carrierControls(services: Services): CarrierDemoControls {
  const controls = services.demo?.carrier
  if (controls) return controls
  const { kind } = services.config.carrier
  throw new AppError('DEVICE_UNAVAILABLE', `承运商为 ${kind} 模式（carrier.kind），只有模拟器模式（emulator）可以快进承运商时钟`)
}

export const demoHandlers: DemoHandlers = {
  'demo.idcard.listCards': (_input, { services }) => idcardControls(services).listCards(),
  'demo.idcard.place': (input, { services }) => idcardControls(services).place(input),
  'demo.idcard.remove': (_input, { services }) => idcardControls(services).remove(),
  'demo.idcard.fault': (input, { services }) => idcardControls(services).fault(input.kind),
  'demo.scanner.simulate': (input, { services }) => scannerControls(services).simulate(input.text),
  // The parcels moved on the carrier's clock: ask for their tracking now rather than at the next poll.
  'demo.carrier.advance': async (input, { services }) => ({ ...(await carrierControls(services).advance(input.hours * 3_600_000)), ...(await services.dispatch.track()) }),
}
