/**
 * The bridge, and nothing else: `window.onewindow` with `invoke` for contract
 * commands and `on` for contract events. No Node, no ipcRenderer, no other
 * channel reaches the page. Runs sandboxed, so it imports only `electron`
 * and types (erased at build time).
 */
import { contextBridge, ipcRenderer } from 'electron'
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type EventEnvelope, type OneWindowBridge } from '../main/contract/bridge'

const listeners = new Map<string, Set<(payload: unknown) => void>>()

ipcRenderer.on(IPC_EVENT_CHANNEL, (_event, envelope: EventEnvelope) => {
  for (const listener of listeners.get(envelope.name) ?? []) listener(envelope.payload)
})

const bridge = {
  transport: 'electron',
  invoke(name, input, context) {
    // main validates the name, the input and the session against the contract
    return ipcRenderer.invoke(IPC_INVOKE_CHANNEL, { name, input, session: context?.session })
  },
  on(name, listener) {
    let set = listeners.get(name)
    if (!set) listeners.set(name, (set = new Set()))
    const wrapped = listener as (payload: unknown) => void
    set.add(wrapped)
    return () => {
      set.delete(wrapped)
    }
  },
} satisfies OneWindowBridge

contextBridge.exposeInMainWorld('onewindow', bridge)
