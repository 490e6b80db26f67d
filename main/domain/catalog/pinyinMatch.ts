/**
 * Pinyin matching for item search at the counter: clerks type `qysl`,
 * `qiye` or `qiyesl` for 企业设立登记, whichever their fingers know.
 */
import { pinyin, polyphonic } from 'pinyin-pro'

/** Per character, the spellings it may be typed as: the in-context reading first, then other readings. */
export type Syllables = string[][]

function spellings(reading: string): string[] {
  const lower = reading.toLowerCase()
  // Keyboards have no ü: people type v (IME habit) or u.
  return lower.includes('ü') ? [lower.replaceAll('ü', 'v'), lower.replaceAll('ü', 'u')] : [lower]
}

export function pinyinSyllables(text: string): Syllables {
  const context = pinyin(text, { toneType: 'none', type: 'array' })
  const all = polyphonic(text, { toneType: 'none', type: 'array' })
  const out: Syllables = []
  context.forEach((reading, i) => {
    const alternates = all.length === context.length ? (all[i] ?? []) : []
    const candidates = [...new Set([reading, ...alternates].flatMap(spellings))].filter((s) => /^[a-z0-9]+$/.test(s))
    // Punctuation has no spelling; dropping it lets `gtgsh` run across "个体工商户（…）".
    if (candidates.length > 0) out.push(candidates)
  })
  return out
}

export type PinyinMatch = 'whole' | 'start' | 'middle'

/**
 * Whether `query` (lower-case latin letters and digits) spells a run of
 * syllables, each typed in full or as any non-empty prefix (so initials,
 * full pinyin and mixtures all match). `whole` = from the first syllable to
 * the last, `start` = from the first, `middle` = from any later one.
 */
export function matchPinyin(syllables: Syllables, query: string): PinyinMatch | undefined {
  if (query === '' || syllables.length === 0) return undefined
  if (spells(syllables, 0, query, true)) return 'whole'
  if (spells(syllables, 0, query, false)) return 'start'
  for (let start = 1; start < syllables.length; start++) {
    if (spells(syllables, start, query, false)) return 'middle'
  }
  return undefined
}

/** Can `query` be spelled by syllables from `start` on (and, with `toEnd`, finish exactly on the last one)? */
function spells(syllables: Syllables, start: number, query: string, toEnd: boolean): boolean {
  const last = syllables.length - 1
  const failed = new Set<number>() // (syllable, position) pairs already known to lead nowhere
  const walk = (i: number, pos: number): boolean => {
    const key = i * (query.length + 1) + pos
    if (failed.has(key)) return false
    for (const spelling of syllables[i]!) {
      // Longest prefix first: `qiye` takes `qi` whole before trying `q`.
      for (let k = Math.min(spelling.length, query.length - pos); k >= 1; k--) {
        if (!query.startsWith(spelling.slice(0, k), pos)) continue
        if (pos + k === query.length) {
          if (!toEnd || i === last) return true
        } else if (i < last && walk(i + 1, pos + k)) {
          return true
        }
      }
    }
    failed.add(key)
    return false
  }
  return walk(start, 0)
}
