/**
 * A4 sheets as PDF files on the station host (the Electron shell prints the
 * same HTML with its window's print / printToPDF). Files go under the data
 * directory, named after the document, so staff can find and reprint them.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AppError } from '../../domain/errors'
import { ChromiumError, htmlToPdf } from '../../devices/printer/headlessChromium'
import type { A4Document } from '../../domain/print/printDocument'

export interface RenderedPdf {
  path: string
  fileName: string
  bytes: Buffer
}

/** Letters, digits, CJK and a few separators: a document title becomes a safe file name on every OS. */
export function pdfFileName(title: string, at: Date): string {
  const safe = title.replace(/[^\p{L}\p{N}_-]+/gu, '_').replace(/^_+|_+$/g, '')
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')
  return `${safe || 'document'}_${stamp}.pdf`
}

export class PdfRenderer {
  constructor(
    private readonly outDir: string,
    private readonly render: (html: string) => Promise<Buffer> = htmlToPdf,
  ) {}

  async renderToFile(doc: A4Document, at = new Date()): Promise<RenderedPdf> {
    let bytes: Buffer
    try {
      bytes = await this.render(doc.html)
    } catch (err) {
      const why = err instanceof ChromiumError ? err.message : String(err)
      throw new AppError('PRINTER_UNAVAILABLE', `生成 PDF（${doc.title}）失败：${why}`)
    }
    // Sheets carry names and masked ID numbers: private to this user like the rest of the data directory.
    await mkdir(this.outDir, { recursive: true, mode: 0o700 })
    const fileName = pdfFileName(doc.title, at)
    const path = join(this.outDir, fileName)
    await writeFile(path, bytes, { mode: 0o600 })
    return { path, fileName, bytes }
  }
}
