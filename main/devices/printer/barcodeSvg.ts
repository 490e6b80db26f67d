/**
 * Barcodes and QR codes as SVG for previews, PNG dumps and PDFs (bwip-js,
 * pure JS, offline). The printer draws its own from the command; this is the
 * picture of what it draws.
 */
import bwipjs from 'bwip-js'
import type { SymbolRenderer } from '../../domain/print/documentHtml'

export const bwipSymbols: SymbolRenderer = ({ kind, data, ecc }) => {
  if (kind === 'code128') {
    const svg = bwipjs.toSVG({ bcid: 'code128', text: data, scale: 1, height: 10 })
    // code128 at scale 1: one viewBox unit per module.
    const width = /viewBox="0 0 (\d+(?:\.\d+)?)/.exec(svg)?.[1]
    return { svg, modules: Number(width ?? 0) }
  }
  const options = { bcid: 'qrcode', text: data, eclevel: ecc ?? 'M' }
  const raw = bwipjs.raw(options)
  const modules = raw[0] && 'pixx' in raw[0] ? Number(raw[0].pixx) : 0
  return { svg: bwipjs.toSVG({ ...options, scale: 1 }), modules }
}
