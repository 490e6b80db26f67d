/**
 * Files whose loss would hurt (the ID-number key, material photos) are
 * published durably: content synced before it gets its name, and the folder
 * synced after, so a power cut cannot keep the bytes but lose the name.
 * fs is wrapped here only to see which paths were fsynced.
 */
import { randomBytes } from 'node:crypto'
import * as fs from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { AttachmentCipher } from '../../../main/store/attachmentCipher'
import { AttachmentFiles, sha256Hex } from '../../../main/store/attachmentFiles'
import { FileKeyProvider, SealedFileKeyProvider } from '../../../main/store/keyProviders'
import { tempDataDir } from '../../fixtures/caseWorld'

const synced: string[] = []
const openPaths = new Map<number, string>()

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>()
  return {
    ...actual,
    openSync: (...args: Parameters<typeof actual.openSync>) => {
      const fd = actual.openSync(...args)
      openPaths.set(fd, String(args[0]))
      return fd
    },
    fsyncSync: (fd: number) => {
      synced.push(openPaths.get(fd) ?? `fd ${fd}`)
      actual.fsyncSync(fd)
    },
  }
})

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
  synced.length = 0
})
function aDataDir(): string {
  const dir = tempDataDir('onewindow-durable-')
  dirs.push(dir)
  return dir
}

describe('durable files', () => {
  it('syncs a new key file, then its folder, and leaves no temp file behind', () => {
    const dir = aDataDir()
    new FileKeyProvider(dir).masterKey()
    expect(synced).toHaveLength(2)
    expect(synced[0]).toMatch(/idcipher\.key\.\d+\.[0-9a-f]+\.tmp$/)
    expect(synced[1]).toBe(dir)
    expect(fs.readdirSync(dir)).toEqual(['idcipher.key'])
  })

  it('syncs the folder of a sealed desktop key too', () => {
    const dir = aDataDir()
    const sealer = { name: 'test sealer', seal: (b: Buffer) => Buffer.from(b), unseal: (b: Buffer) => Buffer.from(b) }
    new SealedFileKeyProvider(dir, sealer).masterKey()
    expect(synced.at(-1)).toBe(dir)
  })

  it('syncs a material photo, then the folder it was renamed into', () => {
    const dir = aDataDir()
    const files = new AttachmentFiles(dir, new AttachmentCipher(randomBytes(32)))
    const bytes = Buffer.from('not really a jpeg, but bytes')
    const file = files.write(bytes, sha256Hex(bytes), 'image/jpeg')
    expect(synced).toEqual([expect.stringMatching(/\.tmp$/), join(files.dir, sha256Hex(bytes).slice(0, 2))])
    expect(fs.readFileSync(file).includes(bytes)).toBe(false)
    expect(files.read(sha256Hex(bytes), 'image/jpeg')).toEqual(bytes)
  })
})
