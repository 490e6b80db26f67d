// `npm test`: typecheck, lint, build, Vitest, Playwright — then one plain line
// `N passed, N failed` totalling every runner (CI reads that line).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const reportDir = join('node_modules', '.cache', 'test-reports')
rmSync(reportDir, { recursive: true, force: true })
mkdirSync(reportDir, { recursive: true })
const vitestReport = join(reportDir, 'vitest.json')
const playwrightReport = join(reportDir, 'playwright.json')

let passed = 0
let failed = 0
let skipped = 0
const failures = []

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}: ${command} ${args.join(' ')}`)
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  const ok = result.status === 0
  if (!ok) failures.push(`${label} (exit ${result.status ?? result.signal})`)
  return ok
}

/** Steps that are not test runners count as one check each, so a broken build is never a green line. */
function check(label, command, args) {
  if (run(label, command, args)) passed++
  else failed++
}

check('typecheck', 'npx', ['tsc', '-b'])
check('lint', 'npx', ['eslint', '.', '--max-warnings=0'])
check('build', 'npx', ['electron-vite', 'build'])

const vitestOk = run('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${vitestReport}`])
if (existsSync(vitestReport)) {
  const r = JSON.parse(readFileSync(vitestReport, 'utf8'))
  passed += r.numPassedTests ?? 0
  failed += r.numFailedTests ?? 0
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)
  // A suite that failed to load has no failed tests but must still count.
  if (!vitestOk && (r.numFailedTests ?? 0) === 0) failed++
} else if (!vitestOk) failed++

const playwrightOk = run('playwright', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport })
if (existsSync(playwrightReport)) {
  const stats = JSON.parse(readFileSync(playwrightReport, 'utf8')).stats ?? {}
  passed += (stats.expected ?? 0) + (stats.flaky ?? 0)
  failed += stats.unexpected ?? 0
  skipped += stats.skipped ?? 0
  if (!playwrightOk && (stats.unexpected ?? 0) === 0) failed++
} else if (!playwrightOk) failed++

if (failures.length > 0) console.log(`\nFailed steps: ${failures.join(', ')}`)
console.log('')
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed > 0 || failures.length > 0 ? 1 : 0)
