/**
 * The data directory holds personal data (names, phones, addresses in the
 * database and its WAL; photos of ID documents; PDFs with names; the keys),
 * so it and everything in it belong to this OS user alone: folders 0700,
 * files 0600. New files get that from a 077 umask set at start (SQLite
 * creates -wal/-shm itself, with the database file's mode) and from explicit
 * modes where we create them; files already there — from an older version,
 * copied in by hand, restored with `cp` — are checked at every start and
 * tightened, and what was tightened is said on the console.
 *
 * Windows has no POSIX modes (ACLs follow the user profile the data lives
 * in): nothing is checked there.
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

export const PRIVATE_FOLDER_MODE = 0o700
export const PRIVATE_FILE_MODE = 0o600
const OTHERS = 0o077

export interface PermissionFix {
  path: string
  kind: 'folder' | 'file'
  /** The permission bits found, and after the fix. */
  from: number
  to: number
  /** False: chmod did not take (a file system without POSIX modes, or a file owned by another user). */
  fixed: boolean
  why?: string
}

export interface DataDirCheck {
  dataDir: string
  created: boolean
  /** Folders and files looked at (symbolic links are neither followed nor changed). */
  checked: number
  fixes: PermissionFix[]
}

/**
 * New files and folders of this process are private from here on. Called at
 * start by every entry that opens a data directory; a worker thread may not
 * change it (Node refuses), which the explicit modes cover.
 */
export function restrictUmask(): void {
  if (process.platform === 'win32') return
  try {
    process.umask(process.umask() | OTHERS)
  } catch {
    /* worker thread: explicit modes still apply */
  }
}

const octal = (mode: number): string => mode.toString(8).padStart(3, '0')

function tighten(path: string, kind: PermissionFix['kind'], mode: number): PermissionFix {
  const to = mode & 0o700
  try {
    chmodSync(path, to)
  } catch (err) {
    return { path, kind, from: mode, to, fixed: false, why: (err as NodeJS.ErrnoException).code ?? String(err) }
  }
  const now = lstatSync(path).mode & 0o777
  return now & OTHERS ? { path, kind, from: mode, to: now, fixed: false, why: '文件系统不支持权限位' } : { path, kind, from: mode, to: now, fixed: true }
}

/**
 * Creates the data directory (0700) if it is missing, and makes every folder
 * and file in it private to this user. Cheap enough for every start: one
 * lstat per entry, a chmod only where a fix is needed.
 */
export function secureDataDir(dataDir: string): DataDirCheck {
  restrictUmask()
  const created = !existsSync(dataDir)
  if (created) mkdirSync(dataDir, { recursive: true, mode: PRIVATE_FOLDER_MODE })
  const check: DataDirCheck = { dataDir, created, checked: 0, fixes: [] }
  if (process.platform === 'win32') return check
  const folders = [dataDir]
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    const mode = lstatSync(folder).mode & 0o777
    check.checked++
    if (mode & OTHERS) check.fixes.push(tighten(folder, 'folder', mode))
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) {
        folders.push(path)
      } else if (entry.isFile()) {
        check.checked++
        const fileMode = lstatSync(path).mode & 0o777
        if (fileMode & OTHERS) check.fixes.push(tighten(path, 'file', fileMode))
      }
    }
  }
  return check
}

/** What the console says at start: nothing when all was private already. */
export function describeDataDirCheck(check: DataDirCheck, shown = 20): string[] {
  if (check.fixes.length === 0) return []
  const fixed = check.fixes.filter((f) => f.fixed)
  const failed = check.fixes.filter((f) => !f.fixed)
  const line = (f: PermissionFix): string =>
    `  ${f.kind === 'folder' ? '目录' : '文件'} ${f.path}：${octal(f.from)} → ${octal(f.to)}${f.fixed ? '' : `（未能收紧：${f.why ?? ''}）`}`
  const lines: string[] = []
  if (fixed.length > 0) {
    lines.push(`[数据目录] ${check.dataDir} 中有 ${fixed.length} 个目录或文件其他用户可读写，已收紧为仅本用户可用（目录 700、文件 600）：`)
    lines.push(...fixed.slice(0, shown).map(line))
    if (fixed.length > shown) lines.push(`  ……另有 ${fixed.length - shown} 个`)
  }
  if (failed.length > 0) {
    lines.push(`[数据目录] 警告：${failed.length} 个目录或文件无法收紧权限，其他用户仍可能读取其中的个人信息，请检查所有者与文件系统：`)
    lines.push(...failed.slice(0, shown).map(line))
    if (failed.length > shown) lines.push(`  ……另有 ${failed.length - shown} 个`)
  }
  return lines
}
