import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { commands, commandNames, events } from '../../../main/contract'
import { demoHandlers, handlers } from '../../../main/api/handlers'
import { demoCommands } from '../../../main/contract/demo'
import { createTestApp, type TestApp } from '../../fixtures/testApp'

describe('the contract', () => {
  it('has exactly one handler for every command, the demo hall\'s kept apart', () => {
    expect([...Object.keys(handlers), ...Object.keys(demoHandlers)].sort()).toEqual([...commandNames].sort())
    expect(Object.keys(demoHandlers).sort()).toEqual(Object.keys(demoCommands).sort())
    expect(Object.keys(handlers).filter((name) => name.startsWith('demo.'))).toEqual([])
  })

  it('declares an input and output schema and a summary for every command', () => {
    for (const name of commandNames) {
      const spec = commands[name]
      expect(spec.summary.length, name).toBeGreaterThan(0)
      expect(typeof spec.input.safeParse, name).toBe('function')
      expect(typeof spec.output.safeParse, name).toBe('function')
    }
  })

  it('names commands and events as area.verb', () => {
    for (const name of [...commandNames, ...Object.keys(events)]) expect(name).toMatch(/^[a-z]+(\.[a-zA-Z]+)+$/)
  })
})

describe('the dispatcher', () => {
  let t: TestApp
  beforeEach(async () => {
    t = await createTestApp()
    // Nobody signed in: these tests watch for a sign-in that must not happen.
    t.app.services.session.actAs(null)
  })
  afterEach(async () => {
    await t.dispose()
  })

  it('answers a known command with its value', async () => {
    const result = await t.app.dispatcher.invoke('system.info', {}, { transport: 'test' })
    expect(result).toMatchObject({ ok: true, value: { stationId: '001', regionCode: '320300', isDemo: true } })
  })

  it('refuses an unknown command with a typed error naming it', async () => {
    const result = await t.app.dispatcher.invoke('cases.explode', {}, { transport: 'test' })
    expect(result).toEqual({ ok: false, error: { code: 'UNKNOWN_COMMAND', message: '未知命令：cases.explode' } })
  })

  it('refuses a name that is not a string, or an inherited property name', async () => {
    for (const name of [42, null, 'toString', '__proto__', 'constructor']) {
      const result = await t.app.dispatcher.invoke(name, {}, { transport: 'test' })
      expect(result.ok ? 'ok' : result.error.code).toBe('UNKNOWN_COMMAND')
    }
  })

  it('refuses a bad input with the field and a Chinese message, and changes nothing', async () => {
    const result = await t.app.dispatcher.invoke('session.signIn', { operator: '   ', pin: '864213' }, { transport: 'test' })
    expect(result).toEqual({
      ok: false,
      error: { code: 'BAD_INPUT', field: 'operator', message: 'operator：请输入工号或刷本人身份证' },
    })
    expect(t.app.services.session.get().operator).toBeNull()
  })

  it('refuses unknown keys and wrong types', async () => {
    const extra = await t.app.dispatcher.invoke('session.signIn', { operator: 'a', pin: '864213', admin: true }, { transport: 'test' })
    expect(extra.ok ? null : extra.error).toEqual({ code: 'BAD_INPUT', message: '未知的字段 admin' })
    const wrong = await t.app.dispatcher.invoke('session.signIn', { operator: 7, pin: '864213' }, { transport: 'test' })
    // the same wording as the hall's catalog and calendar files, not a generic type name
    expect(wrong.ok ? null : wrong.error).toEqual({ code: 'BAD_INPUT', field: 'operator', message: 'operator：应为文本' })
    const notObject = await t.app.dispatcher.invoke('session.signIn', 'a', { transport: 'test' })
    expect(notObject.ok ? null : notObject.error.code).toBe('BAD_INPUT')
  })

  it('refuses an oversized field', async () => {
    const result = await t.app.dispatcher.invoke('session.signIn', { operator: '张'.repeat(33), pin: '864213' }, { transport: 'test' })
    expect(result.ok ? null : result.error).toMatchObject({ code: 'BAD_INPUT', field: 'operator' })
  })

  it('trims the operator id it accepts', async () => {
    await t.app.services.operators.add({ id: 'L0001', name: '李娜', role: 'window', pin: '864213' }, 'test')
    const result = await t.app.dispatcher.invoke('session.signIn', { operator: '  l0001  ', pin: '864213' }, { transport: 'test' })
    expect(result).toMatchObject({ ok: true, value: { session: { operator: '李娜 L0001', role: 'window' } } })
  })
})
