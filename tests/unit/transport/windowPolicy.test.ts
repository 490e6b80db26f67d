import { describe, expect, it } from 'vitest'
import { EXTERNAL_LINK_HOSTS, isAllowedExternalLink, rendererSource } from '../../../main/transport/windowPolicy'

const devEnv = { ELECTRON_RENDERER_URL: 'http://localhost:5173', NODE_ENV_ELECTRON_VITE: 'development' }

describe('where the window loads its page from', () => {
  it('loads the dev server under electron-vite dev (its URL and its development flag, not packaged)', () => {
    expect(rendererSource({ isPackaged: false, env: devEnv })).toEqual({ kind: 'devServer', url: 'http://localhost:5173' })
    expect(rendererSource({ isPackaged: false, env: { ...devEnv, ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/' } })).toEqual({ kind: 'devServer', url: 'http://127.0.0.1:5173' })
  })

  it('ignores ELECTRON_RENDERER_URL in a packaged app, even with the development flag', () => {
    expect(rendererSource({ isPackaged: true, env: devEnv })).toEqual({ kind: 'file' })
  })

  it('ignores ELECTRON_RENDERER_URL without the flag electron-vite dev sets', () => {
    expect(rendererSource({ isPackaged: false, env: { ELECTRON_RENDERER_URL: devEnv.ELECTRON_RENDERER_URL } })).toEqual({ kind: 'file' })
    expect(rendererSource({ isPackaged: false, env: { ...devEnv, NODE_ENV_ELECTRON_VITE: 'production' } })).toEqual({ kind: 'file' })
  })

  it('loads the built page when the URL is not a web server on this machine', () => {
    for (const url of ['https://evil.example', 'http://192.168.1.20:5173', 'file:///tmp/page.html', 'javascript:alert(1)', 'http://user:pw@localhost:5173', 'not a url', '']) {
      expect(rendererSource({ isPackaged: false, env: { ...devEnv, ELECTRON_RENDERER_URL: url } })).toEqual({ kind: 'file' })
    }
  })

  it('loads the built page when nothing is set', () => {
    expect(rendererSource({ isPackaged: false, env: {} })).toEqual({ kind: 'file' })
  })
})

describe('which links open in the system browser', () => {
  it('opens https links to a listed host', () => {
    expect(EXTERNAL_LINK_HOSTS.length).toBeGreaterThan(0)
    for (const host of EXTERNAL_LINK_HOSTS) expect(isAllowedExternalLink(`https://${host}/help?q=1#top`)).toBe(true)
    expect(isAllowedExternalLink('https://WWW.GOV.CN/')).toBe(true)
  })

  it('refuses every other host, look-alikes included', () => {
    for (const link of [
      'https://evil.example/',
      'https://www.gov.cn.evil.example/',
      'https://evilwww.gov.cn/',
      'https://sub.www.gov.cn/',
      'https://www.gov.cn@evil.example/',
      'https://www.gоv.cn/', // Cyrillic о
      'https://127.0.0.1/',
    ]) {
      expect(isAllowedExternalLink(link)).toBe(false)
    }
  })

  it('refuses a listed host over anything but plain https on the default port, or with credentials', () => {
    for (const link of ['http://www.gov.cn/', 'https://www.gov.cn:8443/', 'https://user:pw@www.gov.cn/', 'file:///etc/passwd', 'ms-settings:', 'javascript:alert(1)', 'www.gov.cn', '']) {
      expect(isAllowedExternalLink(link)).toBe(false)
    }
  })

  it('takes the allow-list it is given', () => {
    expect(isAllowedExternalLink('https://help.example/', ['help.example'])).toBe(true)
    expect(isAllowedExternalLink('https://www.gov.cn/', [])).toBe(false)
  })
})
