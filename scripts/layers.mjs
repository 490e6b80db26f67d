// The layers of ../shared/design.md as folders, and what each may import.
// eslint.config.mjs applies them (eslint-plugin-boundaries); tests/unit/lint
// shows a wrong-way import failing. Within a layer anything goes; between
// layers only what is listed here.

/** Every source file belongs to exactly one layer, by the folder it sits in (first match wins). */
export const layerElements = [
  { type: 'domain', pattern: 'main/domain' },
  { type: 'contract', pattern: 'main/contract' },
  { type: 'store', pattern: 'main/store' },
  { type: 'outbox', pattern: 'main/outbox' },
  { type: 'devices', pattern: 'main/devices' },
  { type: 'emulators', pattern: 'main/emulators' },
  { type: 'dispatch', pattern: 'main/dispatch' },
  { type: 'upstream', pattern: 'main/upstream' },
  { type: 'hall', pattern: 'main/hall' },
  { type: 'config', pattern: 'main/config' },
  { type: 'services', pattern: 'main/services' },
  { type: 'api', pattern: 'main/api' },
  { type: 'transport', pattern: 'main/transport' },
  { type: 'cli', pattern: 'main/cli' },
  // The composition root and entry points (app.ts, index.ts, station.ts, cli.ts) wire everything.
  { type: 'root', pattern: 'main/*.ts', mode: 'file' },
  { type: 'preload', pattern: 'preload' },
  { type: 'renderer', pattern: 'renderer' },
]

const layer = (type) => ({ element: { type } })
const may = (from, allow) => ({ from: layer(from), allow: [from, ...allow].map((to) => ({ to: layer(to) })) })

export const layerPolicies = [
  // main/domain holds pure rules: it imports nothing else of main.
  may('domain', []),
  // main/contract is schemas and types over the domain: it imports main/domain only.
  may('contract', ['domain']),
  // main/store imports main/domain only.
  may('store', ['domain']),
  // Drivers import main/domain only: they know nothing of the store or the services.
  may('devices', ['domain']),
  // main/outbox sits on the store and the domain.
  may('outbox', ['domain', 'store']),
  // Emulators stand beside the devices: the domain and the pure codecs, nothing above.
  may('emulators', ['domain', 'devices', 'config']),
  // A carrier adapter is an outbox consumer: domain, store, outbox.
  may('dispatch', ['domain', 'store', 'outbox', 'devices']),
  // The upstream consumer sits on the outbox.
  may('upstream', ['domain', 'store', 'outbox']),
  // The hall consumer sits on the outbox.
  may('hall', ['domain', 'store', 'outbox']),
  // Station config is checked with the domain’s and the drivers’ own parsers.
  may('config', ['domain', 'contract', 'devices']),
  // Services never import emulators, transports, handlers or the composition root: the root hands them what they need.
  may('services', ['domain', 'contract', 'store', 'outbox', 'devices', 'dispatch', 'upstream', 'hall', 'config']),
  // The dispatcher and handlers call services; they never reach a transport or an emulator.
  may('api', ['domain', 'contract', 'services', 'config']),
  // A transport serves the dispatcher and the contract.
  may('transport', ['domain', 'contract', 'api', 'config']),
  // A transport is handed the built App; it names its type, never builds one.
  { from: layer('transport'), allow: [{ to: layer('root') }], importKind: 'type' },
  // The CLI may use every layer but the Electron shell.
  may('cli', ['domain', 'contract', 'store', 'devices', 'emulators', 'hall', 'services', 'api', 'config', 'transport', 'root']),
  may('root', ['domain', 'contract', 'store', 'outbox', 'devices', 'emulators', 'dispatch', 'upstream', 'hall', 'config', 'services', 'api', 'transport', 'cli']),
  // The sandboxed preload imports only the contract’s bridge.
  may('preload', ['contract']),
  // The renderer imports the contract’s types and pure domain code only: go through a command.
  may('renderer', ['contract', 'domain']),
]
