import { ESLint } from 'eslint'
import { beforeAll, describe, expect, it } from 'vitest'

// The layer rules run as they do in `npm test`: the project's own eslint.config.mjs,
// on a probe file placed in the folder of the layer under test.
let eslint: ESLint

beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() })
})

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'boundaries/dependencies' || m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message)
}

describe('the layer rules', () => {
  it.each([
    ['main/domain/probe.ts', "import { openStore } from '../store/store'\nexport const x = openStore\n", 'domain may not import store'],
    ['main/domain/probe.ts', "import { commands } from '../contract'\nexport const x = commands\n", 'domain may not import contract'],
    ['main/store/probe.ts', "import type { Services } from '../services/services'\nexport type X = Services\n", 'store may not import services'],
    ['main/devices/probe.ts', "import { openStore } from '../store/store'\nexport const x = openStore\n", 'devices may not import store'],
    ['main/services/probe.ts', "import { IdCardReaderEmulator } from '../emulators/idcardReader'\nexport const x = IdCardReaderEmulator\n", 'services may not import emulators'],
    ['main/services/probe.ts', "import { startStationServer } from '../transport/stationServer'\nexport const x = startStationServer\n", 'services may not import transport'],
    ['main/contract/probe.ts', "import { openStore } from '../store/store'\nexport const x = openStore\n", 'contract may not import store'],
    ['renderer/probe.ts', "import { openStore } from '../main/store/store'\nexport const x = openStore\n", 'renderer may not import store'],
  ])('refuses a wrong-way import in %s (%#)', async (filePath, code, words) => {
    const errors = await layerErrors(filePath, code)
    expect(errors.length).toBeGreaterThan(0)
    expect(errors.join('\n')).toContain(words)
  })

  it('refuses I/O in main/domain even from a package', async () => {
    const errors = await layerErrors('main/domain/probe.ts', "import { readFileSync } from 'node:fs'\nexport const x = readFileSync\n")
    expect(errors.join('\n')).toContain('no I/O')
  })

  it('refuses a value import of the contract in the renderer, and takes a type import', async () => {
    expect(await layerErrors('renderer/probe.ts', "import { commands } from '../main/contract'\nexport const x = commands\n")).not.toHaveLength(0)
    expect(await layerErrors('renderer/probe.ts', "import type { CommandName } from '../main/contract'\nexport type X = CommandName\n")).toEqual([])
  })

  it('accepts the imports each layer is allowed', async () => {
    expect(await layerErrors('main/store/probe.ts', "import { AppError } from '../domain/errors'\nexport const x = AppError\n")).toEqual([])
    expect(await layerErrors('main/services/probe.ts', "import { openStore } from '../store/store'\nexport const x = openStore\n")).toEqual([])
    expect(await layerErrors('main/api/probe.ts', "import { commands } from '../contract'\nexport const x = commands\n")).toEqual([])
    expect(await layerErrors('main/contract/probe.ts', "import { AppError } from '../domain/errors'\nexport const x = AppError\n")).toEqual([])
  })
})
