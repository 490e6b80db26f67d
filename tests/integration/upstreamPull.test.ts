/**
 * Online cases (不见面审批) pulled from the platform's notice feed, the real
 * driver against the real emulator over HTTP: an online-applied case
 * arrives at the output window through the same transitions as any case, is
 * collected there by the signed-in output operator, and its collection goes
 * back to the platform once (a 503 after storing on the way); an express one
 * arrives at the courier desk; a repeated notice is applied once; a notice
 * before its predecessor waits for it; a notice for an item the station does
 * not know is parked with its reason while other cases go on.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { CommandOutput } from '../../main/contract'
import type { UpstreamNotice } from '../../main/domain/upstream/upstreamMessages'
import { EVENTS_PATH, NOTICES_PATH } from '../../main/domain/upstream/upstreamMessages'
import { createTestApp } from '../fixtures/testApp'
import { signedInCaller } from '../fixtures/operators'
import { APPLICANT, SIGNATURE } from '../fixtures/outputWorld'
import { ONLINE_CERTIFICATE, openUpstreamWorld, type UpstreamWorld } from '../fixtures/upstreamWorld'

let world: UpstreamWorld | null = null
afterEach(async () => {
  await world?.dispose()
  world = null
})

function localCaseOf(w: UpstreamWorld, platformCaseNo: string): string {
  const link = w.app.services.upstream!.repo.caseOf(platformCaseNo)
  if (!link) throw new Error(`no local case for ${platformCaseNo}`)
  return link.caseNo
}

const timelineOf = (w: UpstreamWorld, caseNo: string): string[] => w.app.services.cases.get(caseNo).timeline.map((e) => e.action)

describe('online cases pulled from the platform', () => {
  it('arrives ready at the output window through the same transitions, is collected there, and its collection goes back once', async () => {
    const w = (world = await openUpstreamWorld())
    const { caseNo: platformNo } = await w.onlineCase()
    const pass = await w.app.services.upstream!.pullNow()
    expect(pass).toMatchObject({ notices: 2, applied: 2 })

    const caseNo = localCaseOf(w, platformNo)
    expect(caseNo).not.toBe(platformNo)
    const detail = w.app.services.cases.get(caseNo)
    expect(detail).toMatchObject({ state: 'ready', delivery: 'window', itemCode: 'XK00201004' })
    expect(detail.applicant).toMatchObject({ name: APPLICANT.name, idNumber: APPLICANT.idNumber })
    expect(detail.certificate).toMatchObject({ type: '营业执照', number: ONLINE_CERTIFICATE.number })
    expect(timelineOf(w, caseNo)).toEqual(['accept', 'startReview', 'approve', 'produce'])
    expect(detail.timeline.map((e) => e.operator)).toEqual(Array(4).fill('政务服务平台·张审批'))
    // The platform's own steps are not sent back to it.
    await w.push()
    expect(await w.up.events(platformNo)).toEqual([])

    const output = await signedInCaller(w.app, 'output')
    const found = await w.app.dispatcher.invoke('output.findByCard', { idNumber: APPLICANT.idNumber }, output)
    expect(found.ok && (found.value as CommandOutput<'output.findByCard'>).rows.map((r) => r.caseNo)).toEqual([caseNo])
    await w.up.faults({ match: { path: EVENTS_PATH, step: 'collect' }, fault: { kind: 'http', status: 503, commit: 'after' } })
    const collected = await w.app.dispatcher.invoke('output.collect', { caseNo, idNumber: APPLICANT.idNumber, name: APPLICANT.name, certificateNo: ONLINE_CERTIFICATE.number, signature: SIGNATURE }, output)
    expect(collected.ok && (collected.value as CommandOutput<'output.collect'>).state).toBe('collected')
    await w.push()

    const events = await w.up.events(platformNo)
    expect(events.map((e) => [e.step, e.body.caseNo, e.body.localCaseNo, e.body.operator])).toEqual([['collect', platformNo, caseNo, '周敏 T0103']])
    const calls = (await w.up.calls()).filter((c) => c.path === EVENTS_PATH && c.caseNo === platformNo)
    expect(calls.map((c) => c.outcome)).toEqual(['stored', 'duplicate'])
  })

  it('an online case to be posted arrives at the courier desk, ready to ship', async () => {
    const w = (world = await openUpstreamWorld())
    const express = { recipient: APPLICANT.name, phone: '13912345678', province: '江苏省', city: '徐州市', district: '云龙区', address: '和平路 1 号' }
    const { caseNo: platformNo } = await w.onlineCase({ case: { deliveryMethod: 'express', express } })
    await w.app.services.upstream!.pullNow()

    const caseNo = localCaseOf(w, platformNo)
    expect(w.app.services.cases.get(caseNo)).toMatchObject({ state: 'ready', delivery: 'express', express })
    expect(await w.invoke('dispatch.check', { caseNo })).toEqual({ ok: true, reason: null, message: null })
  })

  it('a notice the feed repeats is applied once', async () => {
    const w = (world = await openUpstreamWorld())
    await w.up.faults({ match: { path: NOTICES_PATH }, fault: { kind: 'duplicate_notices' } })
    const { caseNo: platformNo } = await w.onlineCase()
    const pass = await w.app.services.upstream!.pullNow()

    expect(pass.notices).toBeGreaterThan(2)
    expect(pass.applied).toBe(2)
    expect(timelineOf(w, localCaseOf(w, platformNo))).toEqual(['accept', 'startReview', 'approve', 'produce'])
    expect(w.app.services.upstream!.repo.counts()).toEqual({ waiting: 0, applied: 2, parked: 0 })
    // Read again from the start: nothing new, nothing applied twice.
    expect(await w.app.services.upstream!.pullNow()).toMatchObject({ notices: 0, applied: 0 })
  })

  it('a notice that arrives before its predecessor waits for it, then both are applied in order', async () => {
    const w = (world = await openUpstreamWorld())
    await w.up.faults({ match: { path: NOTICES_PATH }, fault: { kind: 'out_of_order' } })
    const { caseNo: platformNo } = await w.onlineCase()
    const pass = await w.app.services.upstream!.pullNow()

    expect(pass.applied).toBe(2)
    // The feed gave the 制证 notice (seq 2) first, and the decision (seq 1) on the page after.
    const pages = (await w.up.calls()).filter((c) => c.path === NOTICES_PATH).slice(-2)
    expect(pages.map((c) => [c.fault ?? null, c.outcome])).toEqual([
      ['out_of_order', 'page 1'],
      [null, 'page 1'],
    ])
    expect(timelineOf(w, localCaseOf(w, platformNo))).toEqual(['accept', 'startReview', 'approve', 'produce'])
  })

  it('keeps a later notice waiting, with no case made, until the one before it comes', async () => {
    const w = (world = await openUpstreamWorld())
    const { caseNo: platformNo, notices } = (await w.onlineCase()) as { caseNo: string; notices: UpstreamNotice[] }
    const link = w.app.services.upstream!

    expect(link.receive([notices[1]], null)).toMatchObject({ received: 1, applied: 0 })
    expect(link.repo.caseOf(platformNo)).toBeUndefined()
    expect(link.repo.counts()).toEqual({ waiting: 1, applied: 0, parked: 0 })

    expect(link.receive([notices[0], notices[1]], null)).toMatchObject({ received: 1, duplicates: 1, applied: 2 })
    expect(timelineOf(w, localCaseOf(w, platformNo))).toEqual(['accept', 'startReview', 'approve', 'produce'])
  })

  it('parks a notice for an item not in the catalog with the reason, holds its case’s next notice behind it, and goes on with other cases', async () => {
    const w = (world = await openUpstreamWorld())
    const unknown = await w.onlineCase({ case: { item: { code: 'XK99999001', name: '未开通事项' } } })
    const known = await w.onlineCase()
    await w.app.services.upstream!.pullNow()

    const repo = w.app.services.upstream!.repo
    expect(repo.counts()).toEqual({ waiting: 1, applied: 2, parked: 1 })
    const [parked] = repo.parked(10)
    expect(parked).toMatchObject({ platformCaseNo: unknown.caseNo, seq: 1 })
    expect(parked!.reason).toContain('“未开通事项”（编码 XK99999001）不在本站事项目录中')
    expect(parked!.reason).toContain('upstream notices --retry')
    expect(repo.caseOf(unknown.caseNo)).toBeUndefined()
    expect(w.app.services.cases.get(localCaseOf(w, known.caseNo)).state).toBe('ready')
  })

  it('a decision the platform makes on a case accepted here moves it through the same transitions, and is not sent back', async () => {
    const w = (world = await openUpstreamWorld())
    const caseNo = await w.acceptCase()
    await w.push()
    await w.up.control('POST', 'notices', { caseNo, kind: 'decided', result: { code: 'approve', certificate: { ...ONLINE_CERTIFICATE, number: '92320300MA1W000002' } }, operator: '并联审批' })
    expect(await w.app.services.upstream!.pullNow()).toMatchObject({ notices: 1, applied: 1 })

    const detail = w.app.services.cases.get(caseNo)
    expect(detail.state).toBe('approved')
    expect(detail.certificate).toMatchObject({ number: '92320300MA1W000002' })
    expect(timelineOf(w, caseNo)).toEqual(['accept', 'startReview', 'approve'])
    await w.push()
    expect((await w.up.events(caseNo)).map((e) => e.step)).toEqual(['accept'])
  })

  it('a standalone station (no upstream in its config) queues nothing for a platform', async () => {
    const t = await createTestApp()
    try {
      expect(t.app.services.upstream).toBeNull()
      const item = t.app.services.catalog.item('XK00201004')
      await t.app.dispatcher.invoke('cases.accept', { form: { applicant: { kind: 'person', name: APPLICANT.name, idNumber: APPLICANT.idNumber, phone: '13912345678', source: 'card' }, itemCode: item.code, delivery: { method: 'window' }, materials: item.materials.map((m) => ({ materialId: m.id, receivedCopies: m.copies })) } }, { transport: 'test' })
      expect(t.app.services.outbox.stats().byLane.upstream).toBeUndefined()
    } finally {
      await t.dispose()
    }
  })
})
