import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

let cachedRoot: string | undefined

/**
 * The folder holding our package.json, found by walking up from this file:
 * the same answer under tsx (main/config/), in the electron-vite bundle
 * (out/main/) and in Vitest.
 */
export function appRoot(): string {
  if (cachedRoot) return cachedRoot
  let dir = __dirname
  for (;;) {
    const candidate = join(dir, 'package.json')
    if (existsSync(candidate)) {
      try {
        if ((JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'onewindow') {
          cachedRoot = dir
          return dir
        }
      } catch {
        // not ours; keep walking
      }
    }
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`找不到 OneWindow 程序目录（从 ${__dirname} 向上查找 package.json）`)
    dir = parent
  }
}

/** Shipped data: catalogs, holiday calendars, demo cards, fonts. Packaged apps set ONEWINDOW_RESOURCES. */
export function resourcesDir(): string {
  return process.env.ONEWINDOW_RESOURCES ? resolve(process.env.ONEWINDOW_RESOURCES) : join(appRoot(), 'resources')
}

/** The built renderer (electron-vite's output). */
export function rendererDir(): string {
  return join(appRoot(), 'out', 'renderer')
}
