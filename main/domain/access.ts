/**
 * Who may do what: the operator roles and, for every contract command, the
 * roles that may run it. The dispatcher asks `accessFor` once per command,
 * before any handler runs, so a permission lives here and nowhere else.
 * Pure: no I/O; the command names are plain strings checked by a unit test
 * against the contract (every command is named here, none twice).
 */
import { actionLabels, type CaseAction } from './caseMachine'

export const roles = ['window', 'reviewer', 'output', 'courier', 'agent', 'supervisor'] as const
export type Role = (typeof roles)[number]

export const roleLabels: Readonly<Record<Role, string>> = {
  window: '受理',
  reviewer: '审核',
  output: '出件',
  courier: '寄递',
  agent: '代办',
  supervisor: '值班长',
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value)
}

/**
 * Answered with nobody signed in: signing in itself and what the sign-in
 * screen shows — the station and its device lights (the reader's light says
 * whether a tap of the operator's own card will be read). No personal data.
 */
export const openCommands: ReadonlySet<string> = new Set(['system.info', 'devices.list', 'session.get', 'session.signIn', 'session.signOut'])

/**
 * The customer panel (#/rate, the applicant's own screen) has no operator: it
 * may only say it is there and rate the visit a signed-in clerk offered on it
 * (the rating service refuses a rating nobody offered).
 */
export const panelCommands: ReadonlySet<string> = new Set(['ratings.panel', 'ratings.submit'])

const ALL: readonly Role[] = roles
const intakeRoles: readonly Role[] = ['window', 'agent', 'supervisor']
/** Roles that serve an applicant face to face and so may see their full ID number. */
const facingRoles: readonly Role[] = ['window', 'agent', 'reviewer', 'output', 'supervisor']
const counterRoles: readonly Role[] = ['window', 'agent', 'output', 'supervisor']
const courierRoles: readonly Role[] = ['courier', 'supervisor']

/** Commands not listed here are refused for every role but the supervisor's (see `accessFor`). */
const commandRoles: Readonly<Record<string, readonly Role[]>> = {
  // The station itself: every signed-in operator.
  'system.clock': ALL,
  'devices.reportCamera': ALL,
  'keys.storage': ALL,
  'idcard.status': ALL,
  'scanner.settings': ALL,
  'scan.classify': ALL,
  'catalog.info': ALL,
  'catalog.search': ALL,
  'catalog.item': ALL,
  'catalog.departments': ALL,
  'calendar.deadline': ALL,
  'calendar.years': ALL,
  'outbox.stats': ALL,
  // Cases: everyone looks cases up; the ID numbers in them are masked for everyone (reveal is its own, audited command).
  'cases.list': ALL,
  'cases.count': ALL,
  'cases.get': ALL,
  'cases.transition': ALL, // narrowed per action below
  'cases.findByIdNumber': facingRoles,
  'cases.receiveMaterials': [...intakeRoles, 'reviewer'],
  // Intake (受理), at a hall window or a bank's agent station.
  'applicant.check': intakeRoles,
  'drafts.save': intakeRoles,
  'drafts.current': intakeRoles,
  'drafts.discard': intakeRoles,
  'cases.accept': intakeRoles,
  'attachments.add': [...intakeRoles, 'output', 'reviewer'],
  'attachments.remove': intakeRoles,
  'attachments.list': facingRoles,
  'attachments.image': facingRoles,
  // Paper: everyone prints what their own screen makes.
  'print.preview': ALL,
  'print.submit': ALL,
  'print.jobs': ALL,
  'print.reprint': ALL,
  'print.pdf': ALL,
  // The output window (统一窗口出件).
  'output.findByCard': ['output', 'supervisor'],
  'output.case': ['output', 'supervisor'],
  'output.verifyCollector': ['output', 'supervisor'],
  'output.recordAgent': ['output', 'supervisor'],
  'output.collect': ['output', 'supervisor'],
  // The courier desk (寄递) and the effects queue behind it.
  'dispatch.desk': courierRoles,
  'dispatch.check': courierRoles,
  'dispatch.ship': courierRoles,
  'dispatch.cancel': courierRoles,
  'dispatch.reprintLabel': courierRoles,
  'dispatch.closeBatch': courierRoles,
  'dispatch.shipments': courierRoles,
  'dispatch.track': courierRoles,
  'outbox.list': courierRoles,
  'outbox.retry': courierRoles,
  'outbox.cancel': courierRoles,
  // 好差评: offered by whoever served the applicant; follow-ups are the supervisor's.
  'ratings.offer': counterRoles,
  'ratings.withdraw': counterRoles,
  'ratings.pending': counterRoles,
  'ratings.forCase': ALL,
  'ratings.panel': ALL,
  'ratings.submit': counterRoles,
  'ratings.followUps': ['supervisor'],
  'ratings.recordReturnVisit': ['supervisor'],
  'ratings.closeFollowUp': ['supervisor'],
  // Accounts.
  'operators.list': ['supervisor'],
  'operators.add': ['supervisor'],
  'operators.disable': ['supervisor'],
  'operators.enable': ['supervisor'],
  'operators.resetPin': ['supervisor'],
  // 统计: the hall's figures are the supervisor's.
  'reports.get': ['supervisor'],
  'reports.csv': ['supervisor'],
  'reports.dailySheet': ['supervisor'],
  'reports.dailySheetPdf': ['supervisor'],
  // The demo hall's emulator controls (only registered on a station running emulators).
  'demo.idcard.listCards': ALL,
  'demo.idcard.place': ALL,
  'demo.idcard.remove': ALL,
  'demo.idcard.fault': ALL,
  'demo.scanner.simulate': ALL,
  'demo.carrier.advance': ALL,
}

/** Who may move a case by each action on the case page (the desk's and the output window's own steps go through their commands). */
const actionRoles: Readonly<Record<CaseAction, readonly Role[]>> = {
  startReview: ['reviewer', 'supervisor'],
  approve: ['reviewer', 'supervisor'],
  reject: ['reviewer', 'supervisor'],
  requestSupplement: ['reviewer', 'supervisor'],
  supply: ['window', 'agent', 'reviewer', 'supervisor'],
  produce: ['reviewer', 'output', 'supervisor'],
  collect: ['output', 'supervisor'],
  ship: courierRoles,
  handOver: courierRoles,
  deliver: courierRoles,
  unship: courierRoles,
  // The applicant asks at a window to withdraw (撤回申请).
  withdraw: ['window', 'agent', 'supervisor'],
}

export type AccessVerdict = { ok: true } | { ok: false; reason: string }

function listRoles(allowed: readonly Role[]): string {
  return allowed.map((r) => roleLabels[r]).join('、')
}

/**
 * May `role` run `command` with this input? The reason names the role, the
 * act and who may, so the refusal can go on screen and into the audit trail
 * as it is.
 */
export function accessFor(role: Role, command: string, input: unknown): AccessVerdict {
  if (role === 'supervisor') return { ok: true }
  const allowed = commandRoles[command] ?? ['supervisor']
  if (!allowed.includes(role)) {
    return { ok: false, reason: `${roleLabels[role]}岗无权执行 ${command}（限${listRoles(allowed)}岗）` }
  }
  if (command === 'cases.transition') {
    const action = (input as { action?: CaseAction } | null)?.action
    const byAction = action ? actionRoles[action] : undefined
    if (byAction && !byAction.includes(role)) {
      return { ok: false, reason: `${roleLabels[role]}岗无权对办件执行“${actionLabels[action!]}”（限${listRoles(byAction)}岗）` }
    }
  }
  return { ok: true }
}

/** Every command named in the permission table (a unit test checks it against the contract). */
export function permissionTableNames(): string[] {
  return Object.keys(commandRoles)
}

/** A role that never sees an applicant's full ID number (the courier desk works from names and addresses). */
export function seesFullIdNumbers(role: Role): boolean {
  return facingRoles.includes(role)
}

/**
 * Who hears each pushed event: whoever may run the command that shows the
 * same data. A card tap feeds the sign-in dialog (session.signIn takes the
 * card's number), so a tab nobody signed in on hears it, as it hears the
 * device lights; the customer panel hears the visit offered on it.
 */
const eventCommands: Readonly<Record<string, string>> = {
  'device.status': 'devices.list',
  'idcard.read': 'session.signIn',
  'scanner.scanned': 'scan.classify',
  'case.changed': 'cases.list',
  'print.job': 'print.jobs',
  'attachments.changed': 'attachments.list',
  'outbox.changed': 'outbox.stats',
  'dispatch.changed': 'dispatch.shipments',
  'ratings.panelChanged': 'ratings.panel',
  'ratings.changed': 'ratings.forCase',
}

/** A listener to pushed events: the role its tab is signed in with (null: nobody), and whether it is the customer panel. */
export interface EventListener {
  role: Role | null
  isPanel: boolean
}

/** May this listener hear `event`? An event not in the table is heard only by a signed-in tab. */
export function mayHear(listener: EventListener, event: string): boolean {
  const command = eventCommands[event]
  // The panel faces the applicants in the hall: the visit offered on it and nothing else — never a card tap, not even the clerk's own at sign-in.
  if (listener.isPanel) return command !== undefined && panelCommands.has(command)
  if (command === undefined) return listener.role !== null
  if (openCommands.has(command)) return true
  if (listener.role === null) return false
  return accessFor(listener.role, command, null).ok
}

/** Every event named in the table (a unit test checks it against the contract). */
export function eventTableNames(): string[] {
  return Object.keys(eventCommands)
}
