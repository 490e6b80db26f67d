import { test, expect } from './stationFixture'

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

test('signs an operator in with the keyboard: a command round-trip and a pushed event', async ({ shell, station }) => {
  // Each Enter is one sign-in command, never two.
  const signIns: string[] = []
  shell.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/session.signIn') signIns.push(request.postData() ?? '')
  })
  await shell.getByTestId('sign-in').click()
  const input = shell.getByTestId('operator-input')
  await expect(input).toBeFocused()
  // An open dialog keeps Alt+number: the screen under it stays where it is.
  const screenBefore = new URL(shell.url()).hash
  await input.press('Alt+2')
  await expect(input).toBeFocused()
  expect(new URL(shell.url()).hash).toBe(screenBefore)
  await input.press('Enter')
  // a bad input comes back as a typed error next to the field
  await expect(shell.getByText('请输入工号或姓名')).toBeVisible()
  expect(signIns).toHaveLength(1)
  await input.fill('王晓明 A0123')
  await input.press('Enter')
  await expect(shell.getByTestId('operator')).toContainText('王晓明 A0123')
  expect(station.app.services.session.get().operator).toBe('王晓明 A0123')
  expect(signIns).toHaveLength(2)
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
