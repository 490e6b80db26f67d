/**
 * The desktop transport: one `ipcMain.handle` channel carrying `{name, input}`
 * for every contract command, and `webContents.send` for pushed events. Every
 * sender is checked: only our own window's main frame, showing our own page,
 * may call (VS Code's rule: validate every IPC sender).
 */
import { mayHear } from '../domain/access'
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import type { App } from '../app'
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type EventEnvelope } from '../contract/bridge'
import type { Result } from '../contract/result'

export interface IpcBinding {
  /** Serves one more of our windows (the customer-facing rating panel on a second display) until the returned function runs. */
  addWindow(window: BrowserWindow, role?: { panel: boolean }): () => void
  dispose(): void
}

export function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow, isOwnUrl: (url: string) => boolean): boolean {
  const frame = event.senderFrame
  return (
    !window.isDestroyed() &&
    event.sender.id === window.webContents.id &&
    frame !== null &&
    frame === event.sender.mainFrame &&
    isOwnUrl(frame.url)
  )
}

export function bindIpc(app: App, window: BrowserWindow, isOwnUrl: (url: string) => boolean): IpcBinding {
  // Only windows this shell opened itself: the counter's window and, where there is one, the customer panel.
  const windows = new Set<BrowserWindow>([window])
  // Windows that are the applicant's customer panel: main opened them, so the flag is main's word, not the page's.
  const panels = new Set<BrowserWindow>()
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, request: unknown): Promise<Result<unknown>> => {
    if (![...windows].some((w) => isTrustedSender(event, w, isOwnUrl))) {
      return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自非本程序页面的调用' } }
    }
    const { name, input, session } = (typeof request === 'object' && request !== null ? request : {}) as {
      name?: unknown
      input?: unknown
      session?: unknown
    }
    const panel = [...panels].some((w) => !w.isDestroyed() && w.webContents.id === event.sender.id)
    return app.dispatcher.invoke(name, input, {
      transport: 'electron',
      ...(typeof session === 'string' && session !== '' ? { session } : {}),
      ...(panel ? { panel } : {}),
    })
  })

  const unsubscribe = app.services.events.subscribe((name, payload) => {
    const envelope: EventEnvelope = { name, payload }
    // The customer panel window faces the hall: only what the access table lets a panel hear (the station host's sockets follow the same table).
    const panelHears = mayHear({ role: null, isPanel: true }, name)
    for (const w of windows) if (!w.isDestroyed() && (panelHears || !panels.has(w))) w.webContents.send(IPC_EVENT_CHANNEL, envelope)
  })

  return {
    addWindow(extra, role) {
      windows.add(extra)
      if (role?.panel) panels.add(extra)
      return () => {
        windows.delete(extra)
        panels.delete(extra)
      }
    },
    dispose() {
      unsubscribe()
      ipcMain.removeHandler(IPC_INVOKE_CHANNEL)
    },
  }
}
