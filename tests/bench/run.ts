/**
 * `npm run bench [-- --json] [-- --only NAME]`: runs every figure in
 * tests/bench/figures/, one line each `name: value unit (target: …)`, or one
 * JSON object `{name: {value, unit, target, ok}}` with --json.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { BenchFigure, BenchResult } from './figure'

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
  const results: Record<string, BenchResult> = {}
  let failed = 0
  for (const figure of await loadFigures()) {
    if (only && !figure.name.includes(only)) continue
    try {
      const result = await figure.run()
      results[figure.name] = { ...result, value: Number(result.value.toPrecision(4)) }
      if (!asJson) console.log(`${figure.name}: ${results[figure.name]!.value} ${result.unit} (target: ${result.target})${result.ok ? '' : '  ✗'}`)
    } catch (err) {
      failed++
      console.error(`${figure.name}: failed — ${err instanceof Error ? err.message : String(err)}`)
    }
  }
  if (asJson) console.log(JSON.stringify(results))
  return failed > 0 ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
