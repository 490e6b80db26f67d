import { describe, expect, it } from 'vitest'
import { commandNames, events } from '../../../main/contract'
import { accessFor, eventTableNames, mayHear, openCommands, panelCommands, permissionTableNames, roles, seesFullIdNumbers } from '../../../main/domain/access'
import { pinProblem } from '../../../main/domain/pinPolicy'

describe('the permission table', () => {
  it('names every contract command exactly once (open, or in the table), and nothing else', () => {
    const named = [...openCommands, ...permissionTableNames()]
    expect(new Set(named).size).toBe(named.length)
    expect([...named].sort()).toEqual([...commandNames].sort())
    for (const name of panelCommands) expect(permissionTableNames()).toContain(name)
  })

  it('lets a supervisor run everything, and no role but the supervisor manage accounts', () => {
    for (const name of commandNames) expect(accessFor('supervisor', name, {}).ok, name).toBe(true)
    for (const role of roles.filter((r) => r !== 'supervisor')) {
      for (const name of ['operators.add', 'operators.disable', 'operators.resetPin', 'operators.list', 'ratings.followUps']) {
        expect(accessFor(role, name, {}).ok, `${role} ${name}`).toBe(false)
      }
    }
  })

  it('refuses a window clerk the reviewer’s decisions, naming the role and who may', () => {
    for (const action of ['approve', 'reject', 'requestSupplement', 'startReview']) {
      const verdict = accessFor('window', 'cases.transition', { caseNo: 'x', action })
      expect(verdict).toMatchObject({ ok: false, reason: expect.stringMatching(/^受理岗无权对办件执行“.+”（限审核、值班长岗）$/) })
    }
    expect(accessFor('reviewer', 'cases.transition', { caseNo: 'x', action: 'approve' })).toEqual({ ok: true })
    expect(accessFor('window', 'cases.transition', { caseNo: 'x', action: 'withdraw' })).toEqual({ ok: true })
  })

  it('keeps the courier away from ID numbers and photos, and the counter away from the desk', () => {
    expect(seesFullIdNumbers('courier')).toBe(false)
    for (const name of ['cases.findByIdNumber', 'attachments.image', 'output.findByCard', 'output.collect', 'cases.accept']) {
      expect(accessFor('courier', name, {}).ok, name).toBe(false)
    }
    for (const name of ['dispatch.ship', 'dispatch.closeBatch', 'outbox.retry']) {
      expect(accessFor('window', name, {}).ok, name).toBe(false)
      expect(accessFor('courier', name, {}).ok, name).toBe(true)
    }
  })

  it('gives each counter role its own work', () => {
    expect(accessFor('window', 'cases.accept', {}).ok).toBe(true)
    expect(accessFor('agent', 'cases.accept', {}).ok).toBe(true)
    expect(accessFor('reviewer', 'cases.accept', {}).ok).toBe(false)
    expect(accessFor('output', 'output.collect', {}).ok).toBe(true)
    expect(accessFor('window', 'output.collect', {}).ok).toBe(false)
    expect(accessFor('output', 'cases.transition', { caseNo: 'x', action: 'approve' }).ok).toBe(false)
  })
})

describe('who hears a pushed event', () => {
  const nobody = { role: null, isPanel: false }
  const panel = { role: null, isPanel: true }

  it('names every contract event, and nothing else', () => {
    expect(eventTableNames().sort()).toEqual(Object.keys(events).sort())
  })

  it('lets a tab nobody signed in on hear the device lights and a card tap (its sign-in), and nothing else', () => {
    const heard = Object.keys(events).filter((name) => mayHear(nobody, name))
    expect(heard.sort()).toEqual(['device.status', 'idcard.read'])
  })

  it('lets the customer panel hear the visit offered on it, and nothing else: no case, no card tap', () => {
    expect(mayHear(panel, 'ratings.panelChanged')).toBe(true)
    expect(mayHear(nobody, 'ratings.panelChanged')).toBe(false)
    expect(Object.keys(events).filter((name) => mayHear(panel, name))).toEqual(['ratings.panelChanged'])
    expect(mayHear(panel, 'something.new')).toBe(false)
  })

  it('lets a signed-in tab hear what its role may look up: the courier no photos, the counter no desk', () => {
    for (const role of roles) expect(mayHear({ role, isPanel: false }, 'case.changed'), role).toBe(true)
    expect(mayHear({ role: 'courier', isPanel: false }, 'attachments.changed')).toBe(false)
    expect(mayHear({ role: 'window', isPanel: false }, 'dispatch.changed')).toBe(false)
    expect(mayHear({ role: 'courier', isPanel: false }, 'dispatch.changed')).toBe(true)
    // An event the table does not name yet: signed-in tabs only.
    expect(mayHear(nobody, 'something.new')).toBe(false)
    expect(mayHear({ role: 'window', isPanel: false }, 'something.new')).toBe(true)
  })
})

describe('the PIN policy', () => {
  it.each([
    ['12345', '至少 6 位'],
    ['000000', '同一个字符'],
    ['123456', '连续数字'],
    ['987654', '连续数字'],
    ['890123', '连续数字'],
    ['a0123x', '不能包含工号'],
  ])('refuses %s (%s)', (pin, reason) => {
    expect(pinProblem(pin, 'A0123')).toContain(reason)
  })

  it('takes a PIN nobody guesses at the counter', () => {
    expect(pinProblem('864213', 'A0123')).toBeNull()
    expect(pinProblem('correct horse', 'A0123')).toBeNull()
  })
})
