import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createServer } from 'vite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY, metaPolicyOf } from '../../../main/transport/contentSecurityPolicy'
import { startStationServer, type StationServer } from '../../../main/transport/stationServer'
import { cspMetaPlugin } from '../../../scripts/cspMetaPlugin'
import { createTestApp, type TestApp } from '../../fixtures/testApp'
import { send } from './stationRequests'

const rendererRoot = resolve(__dirname, '../../../renderer')

/** renderer/index.html as the build transforms it (Vite applying our plugin), not as the source file reads. */
async function transformedIndexHtml(): Promise<string> {
  const vite = await createServer({
    configFile: false,
    root: rendererRoot,
    logLevel: 'silent',
    appType: 'custom',
    server: { middlewareMode: true, watch: null, ws: false },
    plugins: [cspMetaPlugin()],
  })
  try {
    return await vite.transformIndexHtml('/index.html', readFileSync(join(rendererRoot, 'index.html'), 'utf8'))
  } finally {
    await vite.close()
  }
}

function metaPolicies(html: string): string[] {
  return [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)].map((m) => m[1]!.replaceAll('&#39;', "'").replaceAll('&quot;', '"'))
}

describe('one Content-Security-Policy for the page and its headers', () => {
  let t: TestApp
  let server: StationServer

  beforeEach(async () => {
    t = await createTestApp()
    const staticDir = mkdtempSync(join(tmpdir(), 'ow-csp-'))
    writeFileSync(join(staticDir, 'index.html'), await transformedIndexHtml())
    server = await startStationServer(t.app, { staticDir })
  })
  afterEach(async () => {
    await server.close()
    await t.dispose()
  })

  it('serves the built page with a meta policy equal to the header the station host sends', async () => {
    const page = await send(server, '/', { method: 'GET', token: null, body: '' })
    const header = String(page.headers['content-security-policy'])
    expect(header).toBe(CONTENT_SECURITY_POLICY)
    const metas = metaPolicies(page.body)
    expect(metas).toHaveLength(1)
    // Word for word the header, but for frame-ancestors, which a <meta> cannot carry.
    expect(metas[0]).toBe(metaPolicyOf(header))
    expect(metas[0]).toBe(header.replace("; frame-ancestors 'none'", ''))
  })
})

describe('the page policy', () => {
  it('keeps every directive a meta can deliver, in the same words and order, and drops only the header-only ones', () => {
    expect(metaPolicyOf("default-src 'self'; frame-ancestors 'none'; report-uri /r; sandbox; form-action 'none'")).toBe("default-src 'self'; form-action 'none'")
    expect(metaPolicyOf(CONTENT_SECURITY_POLICY).split('; ')).toEqual(CONTENT_SECURITY_POLICY.split('; ').filter((d) => !d.startsWith('frame-ancestors')))
  })

  it('refuses to build an index.html that carries a CSP meta of its own (a second source that would drift)', async () => {
    const vite = await createServer({ configFile: false, root: rendererRoot, logLevel: 'silent', appType: 'custom', server: { middlewareMode: true, watch: null, ws: false }, plugins: [cspMetaPlugin()] })
    try {
      const html = `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src *"></head><body></body></html>`
      await expect(vite.transformIndexHtml('/index.html', html)).rejects.toThrow(/own Content-Security-Policy/)
    } finally {
      await vite.close()
    }
  })

  it('is the policy the Electron shell sets on its session too (no policy text of its own)', () => {
    const shell = readFileSync(resolve(__dirname, '../../../main/index.ts'), 'utf8')
    expect(shell).toMatch(/import \{[^}]*CONTENT_SECURITY_POLICY[^}]*\} from '\.\/transport\/contentSecurityPolicy'/)
    expect(shell).toContain("'Content-Security-Policy': [CONTENT_SECURITY_POLICY]")
    expect(shell).not.toMatch(/default-src|script-src/)
  })
})
