/**
 * The status bar tells the truth about the outbox: hidden while it is empty,
 * the backlog and its oldest row's age while effects wait, red while a row
 * is parked for a person — pushed as it changes, in both languages.
 */
import { FileKeyProvider } from '../../main/store/keyProviders'
import { openStore } from '../../main/store/store'
import { expect, signIn, test } from './stationFixture'

test('shows the outbox backlog and its oldest row, and turns red while a row is parked', async ({ shell, station }) => {
  const tag = shell.getByTestId('outbox-status')
  // The courier desk's clerk, who settles parked rows.
  await signIn(shell, 'K0007')
  await expect(shell.getByTestId('device-lights')).toBeVisible()
  await expect(tag).toHaveCount(0)

  const { worker } = station.app.services.outbox
  // A consumer that refuses everything for good, as a carrier refusing an address would.
  worker.register('e2e', { handle: async () => ({ kind: 'park', reason: '地址无法识别' }) })
  // Rows written by another connection (as a CLI beside the app would), then the worker told to look.
  const { dataDir } = station.app.services.config
  const other = openStore({ dataDir, keyProvider: new FileKeyProvider(dataDir) })
  try {
    other.transaction(() => other.outbox.enqueue({ lane: 'hall', kind: 'case.share', idempotencyKey: 'e2e:hall:1', payload: {} }))
    worker.wake()
    await expect(tag).toHaveText('待发 1 · 最久 不到 1 分钟')
    await expect(tag).toHaveAttribute('data-parked', '0')
    await expect(tag).not.toHaveClass(/ant-tag-error/)

    const parked = other.transaction(() => other.outbox.enqueue({ lane: 'e2e', kind: 'shipment.create', idempotencyKey: 'e2e:ship:1', payload: {} }))
    worker.wake()
    await expect(tag).toHaveText('待发 1 · 最久 不到 1 分钟 · 搁置 1')
    await expect(tag).toHaveClass(/ant-tag-error/)

    await shell.getByTestId('locale-switch').click()
    await expect(tag).toHaveText('Outbox 1 · oldest < 1 min · Parked 1')

    worker.cancelParked(parked.id, { operator: '赵强 K0007', reason: '改为窗口领取' })
    await expect(tag).toHaveText('Outbox 1 · oldest < 1 min')
    await expect(tag).not.toHaveClass(/ant-tag-error/)
  } finally {
    other.close()
  }
})
