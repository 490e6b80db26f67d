// `npm start`: build, then launch the Electron app (demo hall on emulators when
// no hardware is configured). Where the Electron binary is absent — as on the
// offline build machines — or with --station (`npm run station`), start the
// headless station host instead. Children run under ./supervise.mjs: none of
// them outlives this script, whichever way it ends.
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runSupervised, stopRequested } from './supervise.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
process.chdir(root)
const require = createRequire(import.meta.url)
const args = process.argv.slice(2)
const stationOnly = args.includes('--station')
const passOn = args.filter((arg) => arg !== '--station')

let electronBinary = null
if (!stationOnly) {
  try {
    // The electron package exports the binary's path, and throws when the binary was never downloaded.
    const candidate = require('electron')
    if (typeof candidate === 'string') electronBinary = candidate
  } catch {
    electronBinary = null
  }
}

// Electron needs main, preload and renderer built; the station host only the renderer (skipped when current).
const built = electronBinary
  ? await runSupervised('构建', 'npx', ['electron-vite', 'build'], { quiet: true })
  : await runSupervised('构建界面', process.execPath, [join('scripts', 'buildRendererIfStale.mjs')])
if (built !== 0 || stopRequested()) process.exit(built)

let code
if (electronBinary) {
  code = await runSupervised('OneWindow', electronBinary, ['.', ...passOn], { ipc: true })
} else {
  if (!stationOnly) console.log('Electron binary not installed here — starting the station host instead (open the URL below in a browser).')
  // Node with tsx as a loader, not the tsx or npx wrappers: one process to signal, not three.
  code = await runSupervised('工作站主机', process.execPath, ['--import', 'tsx', join('main', 'cli.ts'), 'station', ...passOn], { ipc: true })
}
process.exit(code)
