/**
 * The cards the emulated reader offers: `resources/demo/cards.json` (fictional
 * people, one of each card type, an expired one and one with a bad check
 * character) or a file the operator names.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { resourcesDir } from '../config/paths'
import { emulatorCardFileSchema, type EmulatorCard } from '../domain/demo/emulatorCard'

export function defaultDemoCardsFile(): string {
  return join(resourcesDir(), 'demo', 'cards.json')
}

/** Reads and validates a cards file; the error names the file, the card and the field. */
export function loadEmulatorCards(file: string = defaultDemoCardsFile()): EmulatorCard[] {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    throw new Error(`模拟证件文件 ${file} 无法读取：${err instanceof Error ? err.message : String(err)}`, { cause: err })
  }
  const parsed = emulatorCardFileSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const path = issue?.path.map(String).join('.') ?? ''
    throw new Error(`模拟证件文件 ${file} 有误 — ${path ? `${path}：` : ''}${issue?.message ?? '格式不对'}`)
  }
  return parsed.data.cards
}
