/**
 * The hall's service catalog (政务服务事项目录): the one imported into the
 * database, else the sample shipped in resources/catalog. Parsed and indexed
 * once (pinyin included); an import replaces it for every later intake.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../../domain/errors'
import { resourcesDir } from '../../config/paths'
import { parseCatalog, type Catalog, type CatalogItem } from '../../domain/catalog/catalogSchema'
import { agentCatalog } from '../../domain/agentCase'
import { buildCatalogIndex, searchCatalog, type CatalogIndex } from '../../domain/catalog/catalogSearch'
import type { Store } from '../../store/store'
import { ItemUsageTally } from './itemUsage'
import type { HallClock } from './hallClock'
import { utcTimestamp } from '../../domain/timestamps'

export const SAMPLE_CATALOG_FILE = 'sample-hall.json'

export interface CatalogInfo {
  version: string
  hallName: string
  source: string
  itemCount: number
  from: 'imported' | 'shipped'
}

/** An item as the intake screen shows it: with its department's name. */
export type CatalogItemView = CatalogItem & { departmentName: string }

interface Loaded {
  catalog: Catalog
  /** Built on the first search: pinyin for every item costs a noticeable part of a start. */
  index: CatalogIndex | undefined
  departments: Map<string, string>
  info: CatalogInfo
  seenChanges: number
}

export interface CatalogServiceOptions {
  store: Store
  clock: HallClock
  /** Tests pass their own file; the app uses resources/catalog/sample-hall.json. */
  sampleFile?: string
  /** Whose intake history ranks an empty search (this station's); without it the catalog's own order. */
  stationId?: string
  /** A bank branch's station (代办): its searches offer only the items the catalog marks agentAllowed. */
  agentOnly?: boolean
}

export class CatalogService {
  private loaded: Loaded | undefined

  private readonly usage: ItemUsageTally | undefined

  constructor(private readonly options: CatalogServiceOptions) {
    this.usage = options.stationId === undefined ? undefined : new ItemUsageTally(options.store, options.stationId)
  }

  info(): CatalogInfo {
    return this.load().info
  }

  search(query: string, limit: number): CatalogItemView[] {
    const loaded = this.load()
    loaded.index ??= buildCatalogIndex(this.options.agentOnly === true ? agentCatalog(loaded.catalog) : loaded.catalog)
    // Only an empty search is ranked by use: a typed one keeps its match order, so `qysl` always finds the same first item.
    const usage = query.trim() === '' ? this.usage?.counts() : undefined
    return searchCatalog(loaded.index, query, limit, usage).map((i) => this.view(i))
  }

  /** The item or NOT_FOUND naming the code. */
  item(code: string): CatalogItemView {
    const found = this.load().catalog.items.find((i) => i.code === code)
    if (!found) throw new AppError('NOT_FOUND', `事项目录（${this.load().info.version}）中没有编码为 ${code} 的事项`, 'itemCode')
    return this.view(found)
  }

  /** Every item (the seeder spreads demo cases over them). */
  items(): CatalogItemView[] {
    return this.load().catalog.items.map((i) => this.view(i))
  }

  private view(item: CatalogItem): CatalogItemView {
    return { ...item, departmentName: this.departmentName(item.department) }
  }

  departments(): Array<{ code: string; name: string; itemCount: number }> {
    const { catalog } = this.load()
    return catalog.departments.map((d) => ({ ...d, itemCount: catalog.items.filter((i) => i.department === d.code).length }))
  }

  departmentName(code: string): string {
    return this.load().departments.get(code) ?? code
  }

  /** Validates and stores a catalog with its audit row; an invalid file writes nothing. */
  importCatalog(json: unknown, source: string, who: { operator: string; stationId: string }): CatalogInfo {
    const catalog = parseCatalog(json)
    const { store } = this.options
    const at = utcTimestamp(this.options.clock.now())
    store.transaction(() => {
      const stored = store.reference.addCatalog({ version: catalog.catalogVersion, source, json: JSON.stringify(catalog), importedAt: at, operator: who.operator })
      store.audit({
        at,
        operator: who.operator,
        stationId: who.stationId,
        action: 'catalog.import',
        details: { version: catalog.catalogVersion, hallName: catalog.hallName, items: catalog.items.length, source, sha256: stored.sha256 },
      })
    })
    this.loaded = undefined
    return this.info()
  }

  private load(): Loaded {
    // A `catalog import` run beside the app takes effect without a restart.
    const changes = this.options.store.externalChangeCount()
    if (this.loaded && this.loaded.seenChanges === changes) return this.loaded
    const stored = this.options.store.reference.latestCatalog()
    let catalog: Catalog
    let info: Omit<CatalogInfo, 'itemCount' | 'version' | 'hallName'>
    if (stored) {
      catalog = parseStored(stored.json, stored.source)
      info = { source: stored.source, from: 'imported' }
    } else {
      const file = this.options.sampleFile ?? join(resourcesDir(), 'catalog', SAMPLE_CATALOG_FILE)
      catalog = readCatalogFile(file)
      info = { source: file, from: 'shipped' }
    }
    this.loaded = {
      catalog,
      index: undefined,
      departments: new Map(catalog.departments.map((d) => [d.code, d.name])),
      info: { ...info, version: catalog.catalogVersion, hallName: catalog.hallName, itemCount: catalog.items.length },
      seenChanges: changes,
    }
    return this.loaded
  }
}

function parseStored(json: string, source: string): Catalog {
  try {
    return parseCatalog(JSON.parse(json) as unknown)
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err)
    throw new AppError('CATALOG_INVALID', `数据库中导入的事项目录（来自 ${source}）无法使用：${why}；请重新导入目录文件`)
  }
}

/** Reads and validates a catalog file; errors name the file (CLI import and the shipped sample). */
export function readCatalogFile(file: string): Catalog {
  if (!existsSync(file)) throw new AppError('NOT_FOUND', `找不到事项目录文件 ${file}`)
  let json: unknown
  try {
    json = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    throw new AppError('CATALOG_INVALID', `事项目录文件 ${file} 不是合法的 JSON：${(err as Error).message}`)
  }
  try {
    return parseCatalog(json)
  } catch (err) {
    if (err instanceof AppError) throw new AppError(err.code, `${file}：${err.message}`)
    throw err
  }
}
