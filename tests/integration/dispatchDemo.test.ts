/**
 * The demo hall's carrier: station.json says `carrier: { kind: 'emulator' }`,
 * the composition root starts the carrier emulator and the desk ships through
 * the real HTTP adapter with the emulator's partner id and check word — the
 * commands answer through the dispatcher as on any station.
 */
import { describe, expect, it } from 'vitest'
import { PERSON_ID } from '../fixtures/caseWorld'
import { createTestApp } from '../fixtures/testApp'

describe('the demo hall’s carrier', () => {
  it('is the emulator behind the http adapter: a ready express case gets a waybill through the dispatcher', async () => {
    const { app, dispose } = await createTestApp({ carrier: { kind: 'emulator' } })
    try {
      const call = (name: string, input: unknown) => app.dispatcher.invoke(name, input, { transport: 'test' })
      expect(await call('dispatch.desk', {})).toMatchObject({ ok: true, value: { carrier: { kind: 'http' }, openBatch: null, pending: [], exceptions: [] } })

      app.services.session.actAs('A001')
      const item = app.services.catalog.items().find((i) => i.fee === null && i.delivery.includes('express') && !i.establishment)!
      const { caseNo } = app.services.intake.accept({
        form: {
          applicant: { kind: 'person', name: '张建国', idNumber: PERSON_ID, phone: '13951234567', address: '江苏省徐州市鼓楼区中山北路 12 号', source: 'card' },
          itemCode: item.code,
          materials: item.materials.filter((m) => m.required).map((m) => ({ materialId: m.id, receivedCopies: m.copies })),
          delivery: { method: 'express', recipient: '李秀英', phone: '13812345678', province: '广东省', city: '深圳市', district: '南山区', address: '科技中二路 1 号' },
        },
      })
      for (const action of ['startReview', 'approve', 'produce'] as const) app.services.cases.apply({ caseNo, action })

      expect(await call('dispatch.check', { caseNo })).toMatchObject({ ok: true, value: { ok: true } })
      expect(await call('dispatch.ship', { caseNo })).toMatchObject({ ok: true, value: { carrier: 'http', waybillNo: expect.stringMatching(/^SF\d{13}$/) } })
      expect(await call('dispatch.ship', { caseNo })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/不能重复寄递/) } })
    } finally {
      await dispose()
    }
  })
})
