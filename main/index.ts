/**
 * The Electron shell, kept thin: one locked-down window wired to the
 * composition root. Everything else runs in plain Node and is tested without
 * an Electron binary.
 */
import { app as electronApp, BrowserWindow, safeStorage, screen, session, shell } from 'electron'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createApp, type App } from './app'
import { loadStationConfig } from './config/loadConfig'
import { planKeyStorage } from './domain/keyStorage'
import { KEY_FILE_NAME, SEALED_KEY_FILE_NAME, openKeyProvider, type KeySealer } from './store/keyProviders'
import { CONTENT_SECURITY_POLICY } from './transport/contentSecurityPolicy'
import { bindIpc, type IpcBinding } from './transport/electronIpc'
import { isAllowedExternalLink, rendererSource } from './transport/windowPolicy'

// The dev server's page only under electron-vite dev; a packaged app always loads its own file.
const source = rendererSource({ isPackaged: electronApp.isPackaged, env: process.env })
const devServerUrl = source.kind === 'devServer' ? source.url : null
const indexHtml = join(__dirname, '../renderer/index.html')
const ownOrigin = devServerUrl ? new URL(devServerUrl).origin : null
const ownFileUrl = pathToFileURL(indexHtml).href

function isOwnUrl(url: string): boolean {
  if (ownOrigin) return url.startsWith(`${ownOrigin}/`) || url === ownOrigin
  return url === ownFileUrl || url.startsWith(`${ownFileUrl}#`) || url.startsWith(`${ownFileUrl}?`)
}

let core: App | undefined
let ipc: IpcBinding | undefined
let counterWindow: BrowserWindow | undefined
let customerPanel: BrowserWindow | undefined

// Every window of ours: the preload bridge only, no Node, sandboxed.
const webPreferences = {
  preload: join(__dirname, '../preload/index.js'),
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  webSecurity: true,
  spellcheck: false,
} as const

/**
 * 好差评's customer-facing panel (#/rate): full screen on a display other than
 * the counter's, opened when the station has one. Without it the clerk's
 * window shows the rating as an overlay turned to the applicant.
 */
function openCustomerPanel(counter: BrowserWindow): void {
  if (customerPanel || !ipc || counter.isDestroyed()) return
  const counterDisplay = screen.getDisplayMatching(counter.getBounds())
  const other = screen.getAllDisplays().find((d) => d.id !== counterDisplay.id)
  if (!other) return
  const panel = new BrowserWindow({
    ...other.bounds,
    fullscreen: true,
    frame: false,
    show: false,
    title: 'OneWindow 一窗通 · 服务评价',
    autoHideMenuBar: true,
    webPreferences,
  })
  customerPanel = panel
  panel.webContents.on('will-navigate', (event, url) => {
    if (!isOwnUrl(url)) event.preventDefault()
  })
  panel.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
  const release = ipc.addWindow(panel, { panel: true })
  panel.on('closed', () => {
    release()
    customerPanel = undefined
  })
  // Shown without taking focus: the clerk's keyboard stays on the counter's window.
  panel.once('ready-to-show', () => panel.showInactive())
  void (devServerUrl ? panel.loadURL(`${devServerUrl}#/rate`) : panel.loadFile(indexHtml, { hash: '/rate' }))
}

function followDisplays(counter: BrowserWindow): void {
  const onAdded = (): void => openCustomerPanel(counter)
  const onRemoved = (): void => {
    if (screen.getAllDisplays().length < 2) customerPanel?.close()
  }
  screen.on('display-added', onAdded)
  screen.on('display-removed', onRemoved)
  counter.on('closed', () => {
    screen.off('display-added', onAdded)
    screen.off('display-removed', onRemoved)
    customerPanel?.close()
  })
}

function lockDownSession(): void {
  const ses = session.defaultSession
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
  })
  // Only our own page may use the camera (barcode and document camera); everything else is denied.
  ses.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const wantsVideoOnly = permission === 'media' && (details as { mediaTypes?: string[] }).mediaTypes?.every((t) => t === 'video') !== false
    callback(wantsVideoOnly && isOwnUrl(webContents.getURL()))
  })
  ses.setPermissionCheckHandler((webContents, permission) => permission === 'media' && webContents !== null && isOwnUrl(webContents.getURL()))
}

async function createWindow(): Promise<void> {
  const config = loadStationConfig({ dataDir: process.env.ONEWINDOW_DATA ?? join(electronApp.getPath('userData'), 'data') })
  // The master key is sealed by the OS keychain (DPAPI, Keychain, libsecret, KWallet) where there is one. Linux's
  // basic_text fallback seals with a fixed password, so there (and with no keychain) it is the 0600 key file;
  // a key sealed that way before moves to the file once (main/domain/keyStorage.ts).
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined
  const plan = planKeyStorage({
    platform: process.platform,
    encryptionAvailable: safeStorage.isEncryptionAvailable(),
    ...(backend === undefined ? {} : { linuxBackend: backend }),
    sealedKeyExists: existsSync(join(config.dataDir, SEALED_KEY_FILE_NAME)),
    keyFileExists: existsSync(join(config.dataDir, KEY_FILE_NAME)),
  })
  const sealer: KeySealer = {
    name: `Electron safeStorage（${plan.storage.backend ?? '无钥匙串'}）`,
    seal: (key) => safeStorage.encryptString(key.toString('base64')),
    unseal: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
  }
  core = await createApp(config, { keyProvider: openKeyProvider(config.dataDir, plan, sealer), keyStorage: plan.storage })

  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1100,
    minHeight: 700,
    show: false,
    title: 'OneWindow 一窗通',
    autoHideMenuBar: true,
    webPreferences,
  })

  window.webContents.on('will-navigate', (event, url) => {
    if (!isOwnUrl(url)) event.preventDefault()
  })
  window.webContents.on('will-attach-webview', (event) => event.preventDefault())
  window.webContents.setWindowOpenHandler(({ url }) => {
    // Help links to an allowed host open in the system browser; the page opens no window (the customer panel is opened by main).
    if (isAllowedExternalLink(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })

  counterWindow = window
  ipc = bindIpc(core, window, isOwnUrl)
  followDisplays(window)
  window.once('ready-to-show', () => {
    window.show()
    if (screen.getAllDisplays().length > 1) openCustomerPanel(window)
    // The window is up: now the database's full integrity check, in the background (seconds at a million cases).
    void core?.services.storeIntegrity.checkInBackground()
  })
  window.on('closed', () => {
    ipc?.dispose()
    ipc = undefined
  })

  if (devServerUrl) await window.loadURL(devServerUrl)
  else await window.loadFile(indexHtml)
}

if (!electronApp.requestSingleInstanceLock()) {
  // A second start focuses the first window instead of opening a second queue on the same database.
  electronApp.quit()
} else {
  electronApp.on('second-instance', () => {
    // The counter's window, not the customer panel on the other display.
    const window = counterWindow && !counterWindow.isDestroyed() ? counterWindow : undefined
    if (window) {
      if (window.isMinimized()) window.restore()
      window.focus()
    }
  })
  electronApp.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isOwnUrl(url)) event.preventDefault()
    })
  })
  electronApp
    .whenReady()
    .then(() => {
      lockDownSession()
      return createWindow()
    })
    .catch((err: unknown) => {
      console.error('OneWindow failed to start:', err)
      electronApp.exit(1)
    })
  electronApp.on('window-all-closed', () => {
    void (core?.close() ?? Promise.resolve()).finally(() => electronApp.quit())
  })
  // Launched by `npm start` (scripts/supervise.mjs) with an IPC channel: it closing means the launcher died.
  if (process.env.ONEWINDOW_SUPERVISED === '1' && process.channel) {
    process.channel.unref()
    process.once('disconnect', () => electronApp.quit())
  }
}
