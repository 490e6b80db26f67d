/**
 * Writes the renderer's `<meta http-equiv="Content-Security-Policy">` at build
 * (and in electron-vite dev) from the same constant the station host and
 * Electron's session send as a header, so the page's own policy cannot drift
 * from theirs. index.html carries no CSP of its own; a stray one fails the build.
 */
import type { Plugin } from 'vite'
import { CONTENT_SECURITY_POLICY, metaPolicyOf } from '../main/transport/contentSecurityPolicy'

export function cspMetaPlugin(policy: string = CONTENT_SECURITY_POLICY): Plugin {
  return {
    name: 'onewindow-csp-meta',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        if (/http-equiv\s*=\s*["']?content-security-policy/i.test(html)) {
          throw new Error('renderer/index.html has its own Content-Security-Policy <meta>: remove it, the build writes it from main/transport/contentSecurityPolicy.ts')
        }
        // First in <head>: a meta policy covers only what comes after it.
        return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: metaPolicyOf(policy) }, injectTo: 'head-prepend' }]
      },
    },
  }
}
