import { signIn, test, expect } from './stationFixture'
import { DEMO_PIN } from '../../main/demoOperators'

const screens = [
  ['intake', '受理', '一窗综合受理'],
  ['cases', '办件', '办件队列'],
  ['output', '出件', '统一窗口出件'],
  ['courier', '寄递', '快递送达'],
  ['agent', '代办', '银行网点代办'],
  ['reports', '统计', '统计与时限'],
  ['devices', '设备', '设备状态'],
  ['review', '审核', '分类审核办理'],
] as const

test('opens the shell in Chinese with the station, the operator slot and every device light', async ({ shell }) => {
  await expect(shell.getByTestId('operator')).toContainText('未登录')
  // Nothing but sign-in and station info answers a tab nobody signed in on: the lights come with the operator.
  await signIn(shell)
  for (const device of ['idcard', 'scanner', 'camera', 'receiptPrinter', 'labelPrinter', 'network', 'database']) {
    await expect(shell.getByTestId(`light-${device}`)).toBeVisible()
  }
  // the token left the address bar once it was taken
  expect(shell.url()).not.toContain('token=')
})

test('navigates every screen by click and by Alt+number', async ({ shell }) => {
  for (const [id, label, title] of screens) {
    await shell.getByTestId(`nav-${id}`).click()
    await expect(shell.getByTestId(`screen-${id}`)).toBeVisible()
    await expect(shell.getByRole('heading', { name: title })).toBeVisible()
    await expect(shell.getByTestId(`nav-${id}`)).toContainText(label)
  }
  for (const [index, [id]] of screens.entries()) {
    await shell.keyboard.press(`Alt+${index + 1}`)
    await expect(shell.getByTestId(`screen-${id}`)).toBeVisible()
    expect(shell.url()).toContain(`#/${id}`)
  }
})

test('signs an operator in with the keyboard: staff number, Enter, PIN, Enter — one command per attempt, main’s refusal under the PIN', async ({ shell, station }) => {
  const signIns: string[] = []
  shell.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/session.signIn') signIns.push(request.postData() ?? '')
  })
  await shell.getByTestId('sign-in').click()
  const operator = shell.getByTestId('operator-input')
  const pin = shell.getByTestId('pin-input')
  await expect(operator).toBeFocused()
  // An open dialog keeps Alt+number: the screen under it stays where it is.
  const screenBefore = new URL(shell.url()).hash
  await operator.press('Alt+2')
  await expect(operator).toBeFocused()
  expect(new URL(shell.url()).hash).toBe(screenBefore)
  // Nothing typed: said at the field, nothing sent.
  await operator.press('Enter')
  await expect(shell.getByText('请输入工号或刷本人身份证')).toBeVisible()
  // The staff number, Enter: on to the PIN (still nothing sent).
  await operator.fill('a0123')
  await operator.press('Enter')
  await expect(pin).toBeFocused()
  expect(signIns).toHaveLength(0)
  // A wrong PIN: main's typed refusal under the PIN, which is emptied for the next try.
  await pin.fill('975318')
  await pin.press('Enter')
  await expect(shell.getByText('密码错误，还可再试 4 次')).toBeVisible()
  await expect(pin).toHaveValue('')
  await expect(pin).toBeFocused()
  expect(signIns).toHaveLength(1)
  await pin.fill(DEMO_PIN)
  await pin.press('Enter')
  await expect(shell.getByTestId('operator')).toContainText('王晓明 A0123')
  expect(signIns).toHaveLength(2)
  // This tab's token names the session in main; the PIN never went anywhere but the one command.
  const token = await shell.evaluate(() => sessionStorage.getItem('onewindow.session'))
  const resolved = station.app.services.session.resolve(token ?? undefined)
  expect(resolved.kind === 'ok' ? resolved.signedIn.label : resolved.kind).toBe('王晓明 A0123')
  expect(await shell.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }))).not.toContain(DEMO_PIN)
})

test('shows a device change pushed from main without a reload', async ({ shell, station }) => {
  const light = shell.getByTestId('light-labelPrinter')
  station.app.services.devices.report('labelPrinter', { state: 'error', message: '缺纸', reason: 'paper_out' })
  await expect(light).toHaveAttribute('data-state', 'error')
  station.app.services.devices.report('labelPrinter', { state: 'ok', message: '就绪', reason: 'ready' })
  await expect(light).toHaveAttribute('data-state', 'ok')
})

test('switches to English and back, and remembers the choice', async ({ shell }) => {
  await shell.getByTestId('locale-switch').click()
  await expect(shell.getByTestId('nav-cases')).toContainText('Cases')
  await shell.reload()
  await expect(shell.getByTestId('nav-cases')).toContainText('Cases')
  await shell.getByTestId('locale-switch').click()
  await expect(shell.getByTestId('nav-cases')).toContainText('办件')
})
