/**
 * The one Content-Security-Policy of every page of ours: the header the
 * station host sends, the header Electron's session adds, and the `<meta>`
 * the renderer's index.html gets at build (scripts/cspMetaPlugin.ts). One
 * source, so the three cannot drift apart. The meta matters most: Electron
 * loads the packaged page from file://, where no response header applies.
 */

/** Our own code only. `connect-src 'self'` also covers the station host's event socket (ws: to the same host and port, CSP 3). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ')

/** Directives a `<meta>` cannot deliver (CSP 3 §3.3): the browser ignores them there with a console error, so they stay header-only. */
const HEADER_ONLY_DIRECTIVES: ReadonlySet<string> = new Set(['frame-ancestors', 'report-uri', 'sandbox'])

/** The policy as a `<meta http-equiv>` carries it: the header's directives, same words, same order, minus the header-only ones. */
export function metaPolicyOf(headerPolicy: string): string {
  return headerPolicy
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive !== '' && !HEADER_ONLY_DIRECTIVES.has(directive.split(/\s+/)[0]!.toLowerCase()))
    .join('; ')
}
