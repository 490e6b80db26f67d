import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { BUSY_TIMEOUT_MS, databaseFile } from '../../../main/store/database'
import { checkIntegrityInBackground, IntegrityCheckError } from '../../../main/store/integrityCheck'
import { aPersonForm, openCaseWorld, tempDataDir, type CaseWorld } from '../../fixtures/caseWorld'
import { damageDeepInside } from '../../fixtures/damagedDatabase'

describe('the background integrity check', () => {
  const worlds: CaseWorld[] = []
  afterEach(() => {
    for (const world of worlds.splice(0)) world.dispose()
  })

  it('passes a whole database, while the counter keeps its writer open', async () => {
    const world = openCaseWorld()
    worlds.push(world)
    world.services.intake.accept({ form: aPersonForm() })
    const verdict = await checkIntegrityInBackground(world.store.file, BUSY_TIMEOUT_MS).verdict
    expect(verdict).toEqual({ ok: true, problems: [] })
  })

  it('opens a database damaged deep inside without reading it all, and then finds the damage', async () => {
    const first = openCaseWorld()
    const { caseNo } = first.services.intake.accept({ form: aPersonForm() })
    first.close()
    damageDeepInside(first.dataDir)

    // The start no longer reads every page: the counter opens and its cases are there.
    const world = openCaseWorld({ dataDir: first.dataDir })
    worlds.push(world)
    expect(world.services.cases.get(caseNo).caseNo).toBe(caseNo)

    const verdict = await checkIntegrityInBackground(world.store.file, BUSY_TIMEOUT_MS).verdict
    expect(verdict.ok).toBe(false)
    expect(verdict.problems.length).toBeGreaterThan(0)
    expect(verdict.problems.join('\n')).toMatch(/page/i)
  })

  it('says it could not check, rather than that the file is whole, when there is no file to read', async () => {
    const dir = tempDataDir()
    try {
      await expect(checkIntegrityInBackground(databaseFile(join(dir, 'nowhere')), BUSY_TIMEOUT_MS).verdict).rejects.toBeInstanceOf(IntegrityCheckError)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
