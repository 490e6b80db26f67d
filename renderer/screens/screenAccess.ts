/**
 * Which roles have a use for each screen, read off the one permission table
 * (main/domain/access.ts) through the command that stands for the screen's
 * work: a role that may not run it sees, on that screen, who may — not a
 * screen whose every button answers FORBIDDEN. Screens every role uses
 * (cases, devices) stand for nothing here; 统计 is the supervisor's (its
 * figures and the 差评整改 list alike).
 */
import { accessFor, roles, type Role } from '../../main/domain/access'
import type { ScreenId } from '../hooks/useRoute'

const screenWork: Readonly<Record<ScreenId, { command: string; input?: unknown } | null>> = {
  intake: { command: 'cases.accept' },
  cases: null,
  output: { command: 'output.collect' },
  courier: { command: 'dispatch.desk' },
  agent: { command: 'cases.accept' },
  reports: { command: 'reports.get' },
  devices: null,
  review: { command: 'cases.transition', input: { action: 'approve' } },
  settings: { command: 'operators.list' },
}

/** The roles that may use `screen`, in the table's order. */
export function screenRoles(screen: ScreenId): readonly Role[] {
  const work = screenWork[screen]
  if (!work) return roles
  return roles.filter((role) => accessFor(role, work.command, work.input).ok)
}

export function mayUseScreen(role: Role, screen: ScreenId): boolean {
  return screenRoles(screen).includes(role)
}
