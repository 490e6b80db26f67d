/**
 * What the Electron shell (main/index.ts) lets its windows load and open,
 * decided here as pure functions so they are tested without an Electron
 * binary: where the page comes from, and which links leave for the system
 * browser.
 */

/** The page the window loads: the dev server's (electron-vite dev only) or the built file. */
export type RendererSource = { kind: 'devServer'; url: string } | { kind: 'file' }

export interface RendererSourceFacts {
  /** Electron's `app.isPackaged`: an installed app never loads a page from a URL. */
  isPackaged: boolean
  /** The environment the shell started with (`process.env`). */
  env: Readonly<Record<string, string | undefined>>
}

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * `ELECTRON_RENDERER_URL` is honoured only where electron-vite dev set it:
 * never in a packaged app, only beside the `NODE_ENV_ELECTRON_VITE=development`
 * flag that `electron-vite dev` sets, and only for an http(s) server on this
 * machine. Anything else loads the built page: a variable planted in the
 * environment cannot point the clerk's window (and its IPC bridge) at a page
 * someone else wrote.
 */
export function rendererSource({ isPackaged, env }: RendererSourceFacts): RendererSource {
  const raw = env.ELECTRON_RENDERER_URL
  if (isPackaged || env.NODE_ENV_ELECTRON_VITE !== 'development' || !raw) return { kind: 'file' }
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { kind: 'file' }
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !LOOPBACK_HOSTS.has(url.hostname) || url.username || url.password) return { kind: 'file' }
  return { kind: 'devServer', url: url.origin }
}

/**
 * Hosts a link on our page may open in the system browser. Nothing in the app
 * links out today; a help link to the national government service platform
 * is the kind meant. Add a host here, never a pattern.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = ['www.gov.cn', 'gjzwfw.www.gov.cn']

/** May `shell.openExternal` open this link? https, no credentials, default port, and a host named exactly in `hosts`. */
export function isAllowedExternalLink(link: string, hosts: readonly string[] = EXTERNAL_LINK_HOSTS): boolean {
  let url: URL
  try {
    url = new URL(link)
  } catch {
    return false
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '') return false
  // URL lower-cases the host and turns IDN into punycode, so a look-alike never equals a listed ASCII name.
  return hosts.some((host) => host.toLowerCase() === url.hostname)
}
