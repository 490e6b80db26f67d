/**
 * The data directory is this OS user's alone: a fresh station creates every
 * folder 0700 and every file 0600 (the database's -wal and -shm, photos,
 * PDFs, keys, token) whatever umask it was started with, and a station
 * started on a directory others could read — an older version's, or one
 * copied in by hand — tightens it at start and says what it changed.
 */
import { randomUUID } from 'node:crypto'
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp } from '../../main/app'
import { parseStationConfig } from '../../main/config/stationConfig'
import { startStation, type Station } from '../../main/station'
import { aMaterialsChecklist } from '../fixtures/printDocuments'
import { TEST_ACTOR } from '../fixtures/testApp'

const dirs: string[] = []
let stations: Station[] = []
let umaskBefore: number
let warnings: string[]

beforeEach(() => {
  // A typical login umask: without our own, SQLite, mkdir and writeFile would make 0644/0755.
  umaskBefore = process.umask(0o022)
  warnings = []
  vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args.join(' ')))
})

afterEach(async () => {
  for (const station of stations) await station.stop()
  stations = []
  vi.restoreAllMocks()
  process.umask(umaskBefore)
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function aParent(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ow-perms-'))
  dirs.push(dir)
  return dir
}

/** Every folder and file under `root` (itself included) with its permission bits, by relative path. */
function modes(root: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (path: string): void => {
    const stat = lstatSync(path)
    out[relative(root, path) || '.'] = `${stat.isDirectory() ? 'd' : 'f'}${(stat.mode & 0o777).toString(8)}`
    if (stat.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name))
  }
  walk(root)
  return out
}

function aJpeg(seed: number): Buffer {
  const bytes = Buffer.alloc(3000, seed)
  bytes.set([0xff, 0xd8, 0xff, 0xe0], 0)
  bytes.set([0xff, 0xd9], bytes.length - 2)
  return bytes
}

describe('the data directory on disk', () => {
  it('is created by a fresh station with every folder 0700 and every file 0600, -wal, photos, PDFs and key included', async () => {
    const dataDir = join(aParent(), 'station')
    const station = await startStation({ dataDir, port: 0 })
    stations.push(station)
    const { app } = station
    app.services.session.actAs(TEST_ACTOR)
    const photo = app.services.attachments.add({ draftId: randomUUID(), materialId: 'application', mime: 'image/jpeg', imageBase64: aJpeg(1).toString('base64') })
    const pdf = await app.dispatcher.invoke('print.pdf', { kind: 'materialsChecklist', data: aMaterialsChecklist() }, { transport: 'test' })
    expect(pdf.ok).toBe(true)

    const found = modes(dataDir)
    // The files that matter are there to be judged (WAL and SHM while the station runs).
    const names = Object.keys(found)
    expect(names).toEqual(expect.arrayContaining(['onewindow.sqlite', 'onewindow.sqlite-wal', 'onewindow.sqlite-shm', 'idcipher.key', 'audit.anchor', 'prints', 'attachments']))
    expect(names.some((n) => n.startsWith('prints/') && n.endsWith('.pdf'))).toBe(true)
    expect(names).toContain(join('attachments', photo.sha256.slice(0, 2), `${photo.sha256}.jpg`))
    const loose = Object.entries(found).filter(([, mode]) => mode !== 'd700' && mode !== 'f600')
    expect(loose).toEqual([])
    expect(warnings.filter((w) => w.includes('[数据目录]'))).toEqual([])
  })

  it('tightens a directory others can read at start, and says which files it changed', async () => {
    const dataDir = join(aParent(), 'station')
    const config = parseStationConfig({ devices: { idcard: { mode: 'off' } } }, dataDir)
    const first = await createApp(config)
    first.services.session.actAs(TEST_ACTOR)
    first.services.attachments.add({ draftId: randomUUID(), materialId: 'application', mime: 'image/jpeg', imageBase64: aJpeg(2).toString('base64') })
    await first.close()
    // As an older version (or `cp -r` under umask 022) left it.
    mkdirSync(join(dataDir, 'prints'), { recursive: true })
    writeFileSync(join(dataDir, 'prints', '受理回执_old.pdf'), 'a PDF with a name on it')
    for (const [path, mode] of Object.entries(modes(dataDir))) chmodSync(join(dataDir, path), mode.startsWith('d') ? 0o755 : 0o644)
    expect(Object.values(modes(dataDir)).every((m) => m === 'd755' || m === 'f644')).toBe(true)

    const app = await createApp(config)
    try {
      const after = modes(dataDir)
      expect(Object.entries(after).filter(([, mode]) => mode !== 'd700' && mode !== 'f600')).toEqual([])
      const said = warnings.join('\n')
      expect(said).toMatch(/\[数据目录\] .* 中有 \d+ 个目录或文件其他用户可读写，已收紧为仅本用户可用（目录 700、文件 600）/)
      expect(said).toContain(`文件 ${join(dataDir, 'onewindow.sqlite')}：644 → 600`)
      expect(said).toContain(`文件 ${join(dataDir, 'prints', '受理回执_old.pdf')}：644 → 600`)
      expect(said).toContain(`目录 ${dataDir}：755 → 700`)
      // The key file was loose too: tightened before the key was read, so the start went on.
      expect(existsSync(join(dataDir, 'idcipher.key'))).toBe(true)
    } finally {
      await app.close()
    }
  })
})
