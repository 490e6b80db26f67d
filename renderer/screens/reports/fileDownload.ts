/**
 * Saves what main made (a CSV's text, a PDF's bytes) as a file through the
 * browser's download: the same on the station host and in Electron, and the
 * file lands where the supervisor's downloads go, not on the station's disk.
 */

/** The bytes of a base64 text (a PDF main sent inline). */
export function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

export function saveFile(content: Blob, fileName: string): void {
  const url = URL.createObjectURL(content)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // The download has taken the blob by the time the click returns; the address is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

/** The CSV exactly as main wrote it: its BOM included, so Excel reads it as UTF-8. */
export function csvBlob(text: string): Blob {
  return new Blob([text], { type: 'text/csv;charset=utf-8' })
}

export function pdfBlob(base64: string): Blob {
  return new Blob([base64Bytes(base64)], { type: 'application/pdf' })
}
