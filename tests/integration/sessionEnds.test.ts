/**
 * How a tab hears that its session ended: by its idle time (SESSION_EXPIRED,
 * to `session.get` too, so a reload after the idle time says so), or by a
 * supervisor (disabled, PIN reset: every later command says which); and how
 * the page's sign of life (`session.get` while the operator types) keeps the
 * session alive in main.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { signInStation, tab, TEST_PIN, type SignInStation } from '../fixtures/operators'

const START = new Date('2026-03-02T09:00:00+08:00')
const minutesLater = (minutes: number): Date => new Date(START.getTime() + minutes * 60_000)

describe('the end of a tab’s session, as the tab hears it', () => {
  let t: SignInStation

  beforeEach(async () => {
    t = await signInStation([{ id: 'A0123', name: '王晓明', role: 'window' }, { id: 'B0042', name: '陈静', role: 'supervisor' }], START)
  })
  afterEach(async () => t.dispose())

  it('tells a tab whose account was disabled why, at every later command, whichever comes first', async () => {
    const clerk = await t.signIn('A0123')
    const chief = await t.signIn('B0042')
    expect((await t.app.dispatcher.invoke('operators.disable', { id: 'A0123' }, tab(chief))).ok).toBe(true)
    // A screen's several commands at once: each says why, not only the first to arrive.
    for (const name of ['cases.count', 'drafts.current', 'session.get'] as const) {
      expect(await t.app.dispatcher.invoke(name, {}, tab(clerk))).toEqual({
        ok: false,
        error: { code: 'UNAUTHORIZED', message: '王晓明 A0123 已退出登录：账号已被值班长停用' },
      })
    }
  })

  it('tells a tab whose PIN was reset to sign in with the new one', async () => {
    const clerk = await t.signIn('A0123')
    const chief = await t.signIn('B0042')
    expect((await t.app.dispatcher.invoke('operators.resetPin', { id: 'A0123', pin: '739164' }, tab(chief))).ok).toBe(true)
    expect(await t.app.dispatcher.invoke('cases.count', {}, tab(clerk))).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED', message: '王晓明 A0123 已退出登录：密码已由值班长重置，请用新密码登录' },
    })
    expect((await t.app.dispatcher.invoke('cases.count', {}, tab(await t.signIn('A0123', '739164')))).ok).toBe(true)
  })

  it('keeps a session alive on session.get, the page’s sign of life while the operator types', async () => {
    const clerk = await t.signIn('A0123')
    t.clock.set(minutesLater(10))
    expect(await t.app.dispatcher.invoke('session.get', {}, tab(clerk))).toMatchObject({ ok: true, value: { operator: '王晓明 A0123', idleSeconds: 900 } })
    // 20 minutes after the sign-in, 10 after the sign of life.
    t.clock.set(minutesLater(20))
    expect((await t.app.dispatcher.invoke('cases.count', {}, tab(clerk))).ok).toBe(true)
  })

  it('answers session.get with SESSION_EXPIRED once the idle time has passed, and nobody to a tab that never signed in', async () => {
    const clerk = await t.signIn('A0123')
    t.clock.set(minutesLater(16))
    expect(await t.app.dispatcher.invoke('session.get', {}, tab(clerk))).toMatchObject({ ok: false, error: { code: 'SESSION_EXPIRED', message: expect.stringContaining('王晓明 A0123 长时间未操作') } })
    expect(await t.app.dispatcher.invoke('session.get', {}, tab())).toMatchObject({ ok: true, value: { operator: null } })
    // Signing in again from that tab is never refused for its old token.
    const again = await t.app.dispatcher.invoke('session.signIn', { operator: 'A0123', pin: TEST_PIN }, tab(clerk))
    expect(again).toMatchObject({ ok: true, value: { session: { operator: '王晓明 A0123' } } })
  })
})
