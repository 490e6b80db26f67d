/**
 * The small HTML vocabulary every printable page shares: escaping (case data
 * is typed by people and must never become markup) and a standalone page
 * with the CJK font stack that Chromium and Electron find on a counter PC.
 */

export function escapeHtml(value: string | number): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/** Noto CJK ships with Debian (fonts-noto-cjk); the others are what Windows counters have. */
export const CJK_FONT_STACK = "'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'SimHei', 'PingFang SC', sans-serif"
export const CJK_MONO_STACK = "'Noto Sans Mono CJK SC', 'Noto Sans CJK SC', 'SimHei', monospace"

/** A complete document: no scripts, no external resources, so it renders the same offline and under a strict CSP. */
export function standalonePage(title: string, css: string, body: string): string {
  return [
    '<!doctype html>',
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${css}</style>`,
    '</head><body>',
    body,
    '</body></html>',
  ].join('\n')
}
