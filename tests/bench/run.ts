/**
 * `npm run bench [-- --json] [-- --only NAME]`: runs every figure in
 * tests/bench/figures/, one line each `name: value unit (target: …) [kind]`,
 * or one JSON object `{name: {value, unit, target, ok, kind, baseline|limit}}`
 * with --json. Exits 1 when a figure missed its target or could not be
 * measured, naming each such figure on stderr.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describeResult, type BenchFigure, type BenchResult } from './figure'

async function loadFigures(): Promise<BenchFigure[]> {
  const dir = join(__dirname, 'figures')
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort()
  const figures: BenchFigure[] = []
  for (const file of files) {
    const mod = (await import(join(dir, file))) as { figures?: BenchFigure[] }
    figures.push(...(mod.figures ?? []))
  }
  return figures
}

async function main(): Promise<number> {
  const args = process.argv.slice(2)
  const asJson = args.includes('--json')
  const onlyIndex = args.indexOf('--only')
  const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined
  const results: Record<string, BenchResult | { error: string; ok: false }> = {}
  const missed: string[] = []
  const broken: string[] = []
  const figures = (await loadFigures()).filter((figure) => !only || figure.name.includes(only))
  if (figures.length === 0) {
    console.error(only ? `没有名称包含 "${only}" 的基准项` : '没有基准项')
    return 1
  }
  for (const figure of figures) {
    try {
      const result = await figure.run()
      const rounded = { ...result, value: Number(result.value.toPrecision(4)) }
      results[figure.name] = rounded
      if (!result.ok) missed.push(`${figure.name}: ${rounded.value} (target: ${result.target})`)
      if (!asJson) console.log(describeResult(figure.name, rounded))
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      results[figure.name] = { error: message, ok: false }
      broken.push(`${figure.name}: ${message}`)
      console.error(`${figure.name}: failed — ${message}`)
    }
  }
  if (asJson) console.log(JSON.stringify(results))
  for (const line of missed) console.error(`missed target — ${line}`)
  for (const line of broken) console.error(`not measured — ${line}`)
  if (missed.length + broken.length > 0) console.error(`${missed.length} figure(s) missed the target, ${broken.length} could not be measured, of ${figures.length}`)
  return missed.length + broken.length > 0 ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
