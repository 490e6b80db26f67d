import type { common as zh } from '../zh-CN/common'

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> }

export const common: Shape<typeof zh> = {
  appName: 'OneWindow',
  nav: {
    intake: 'Intake',
    cases: 'Cases',
    output: 'Output',
    courier: 'Courier',
    agent: 'Agent',
    reports: 'Reports',
    devices: 'Devices',
  },
  navHint: 'Alt+{{key}}',
  operator: 'Operator',
  signIn: 'Sign in',
  signOut: 'Sign out',
  signInTitle: 'Operator sign-in',
  operatorPlaceholder: 'Staff number or name, Enter to confirm',
  notSignedIn: 'Not signed in',
  demo: 'Demo hall (emulated devices)',
  language: '中文',
  device: {
    idcard: 'ID card reader',
    scanner: 'Scanner',
    camera: 'Camera',
    receiptPrinter: 'Receipt printer',
    labelPrinter: 'Label printer',
    network: 'Network',
  },
  state: {
    ok: 'OK',
    busy: 'Busy',
    warning: 'Attention',
    error: 'Fault',
    off: 'Off',
  },
  changedAt: 'changed {{time}}',
  emulated: 'emulated',
  screenEmpty: 'Coming in a later version',
  screens: {
    intake: 'Unified intake',
    cases: 'Case queue',
    output: 'Unified output',
    courier: 'Express delivery',
    agent: 'Bank-branch agent',
    reports: 'Reports and deadlines',
    devices: 'Device status',
  },
  devicesTable: {
    device: 'Device',
    state: 'State',
    message: 'Detail',
    changedAt: 'Last change',
  },
  connectionLost: 'Connection to the station lost, reconnecting…',
}
