/**
 * Writing a file so a power cut leaves either no file or the whole file: the
 * bytes go to a private temp file that is fsynced, the caller publishes it
 * (rename or link), and the folder is fsynced so the new name itself survives.
 */
import { randomBytes } from 'node:crypto'
import { closeSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs'

/** A 0600 temp file beside `file` holding `bytes`, already on disk; the caller publishes or removes it. */
export function writeSyncedTemp(file: string, bytes: Uint8Array): string {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  const fd = openSync(tmp, 'wx', 0o600)
  try {
    writeSync(fd, bytes)
    fsyncSync(fd)
  } catch (err) {
    closeSync(fd)
    rmSync(tmp, { force: true })
    throw err
  }
  closeSync(fd)
  return tmp
}

/** Makes a rename or link in `folder` durable; some file systems refuse to open a folder, which is no worse than before. */
export function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r')
    try {
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch {
    /* best effort */
  }
}
