/**
 * The packaged app's Electron fuses, as electron-builder itself reads and
 * validates electron.builder.yml (the same loader and schema `electron-builder
 * --win|--linux` uses): each fuse set the hardened way, so dropping or
 * flipping one back fails here rather than shipping.
 */
import { resolve } from 'node:path'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { DebugLogger } from 'builder-util'
import { beforeAll, describe, expect, it } from 'vitest'

type Configuration = Awaited<ReturnType<typeof getConfig>>

const projectDir = resolve(__dirname, '../../..')
let config: Configuration

beforeAll(async () => {
  config = await getConfig(projectDir, resolve(projectDir, 'electron.builder.yml'), null)
})

describe('the packaged app\'s Electron fuses', () => {
  it('is a configuration electron-builder accepts (electronFuses is its own key, not a typo it would ignore)', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
  })

  const hardened: Array<[keyof NonNullable<Configuration['electronFuses']>, boolean, string]> = [
    ['runAsNode', false, 'ELECTRON_RUN_AS_NODE would turn the signed binary into a plain Node'],
    ['enableNodeOptionsEnvironmentVariable', false, 'NODE_OPTIONS=--require would run any script inside the app'],
    ['enableNodeCliInspectArguments', false, '--inspect would open a debugger into the main process'],
    ['enableEmbeddedAsarIntegrityValidation', true, 'app.asar is checked against the hash in the executable'],
    ['onlyLoadAppFromAsar', true, 'no loose app/ folder beside app.asar is loaded instead'],
    ['enableCookieEncryption', true, 'the cookie store is encrypted on disk'],
  ]
  it.each(hardened)('sets %s to %s (%s)', (fuse, value) => {
    expect(config.electronFuses?.[fuse]).toBe(value)
  })

  it('packs the app into an asar with its integrity hash, which the asar fuses need', () => {
    expect(config.asar).not.toBe(false)
    if (typeof config.asar === 'object' && config.asar !== null) expect((config.asar as { disableIntegrity?: boolean }).disableIntegrity).not.toBe(true)
  })
})
