import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { AppError } from '../domain/errors'
import { parseStationConfig, type StationConfig } from './stationConfig'

export const CONFIG_FILE_NAME = 'station.json'

/** Where a station keeps its data when nobody said: ONEWINDOW_DATA, else ~/.onewindow. */
export function defaultDataDir(): string {
  return resolve(process.env.ONEWINDOW_DATA ?? join(homedir(), '.onewindow'))
}

/**
 * Reads the station config: an explicit file, else `station.json` in the data
 * directory, else the defaults (a demo hall on emulators, the carrier's included).
 */
export function loadStationConfig(options: { dataDir?: string; configFile?: string } = {}): StationConfig {
  const dataDir = resolve(options.dataDir ?? defaultDataDir())
  const file = options.configFile ? resolve(options.configFile) : join(dataDir, CONFIG_FILE_NAME)
  if (!existsSync(file)) {
    if (options.configFile) throw new AppError('CONFIG_INVALID', `找不到配置文件 ${file}`)
    // The demo hall's courier desk runs on the carrier emulator, like its reader; a station.json
    // that says nothing about the carrier gets the manual one (pre-printed waybills, no network).
    return parseStationConfig({ carrier: { kind: 'emulator' } }, dataDir)
  }
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    throw new AppError('CONFIG_INVALID', `配置文件 ${file} 不是合法的 JSON：${(err as Error).message}`)
  }
  const config = parseStationConfig(raw, dataDir, `配置文件 ${file} `)
  // A dataDir inside the file is relative to the file's folder.
  return config.dataDir === dataDir ? config : { ...config, dataDir: resolve(join(file, '..'), config.dataDir) }
}
