// `npm start`: build, then launch the Electron app (demo hall on emulators when
// no hardware is configured). Where the Electron binary is absent — as on the
// offline build machines — say so in one line and start the station host.
import { spawn, spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const args = process.argv.slice(2)

const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] })
if (build.status !== 0) process.exit(build.status ?? 1)

let electronBinary = null
try {
  // The electron package exports the binary's path, and throws when the binary was never downloaded.
  const candidate = require('electron')
  if (typeof candidate === 'string') electronBinary = candidate
} catch {
  electronBinary = null
}

const child = electronBinary
  ? spawn(electronBinary, ['.', ...args], { stdio: 'inherit' })
  : (console.log('Electron binary not installed here — starting the station host instead (open the URL below in a browser).'),
    spawn('npx', ['tsx', 'main/cli.ts', 'station', ...args], { stdio: 'inherit' }))

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
