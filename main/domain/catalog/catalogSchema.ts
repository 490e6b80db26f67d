/**
 * The hall's service catalog (政务服务事项目录) as a JSON file: every item with
 * its unified code, department, promised and legal working days, the one
 * checklist of materials, fee and delivery options. Hall administrators edit
 * these files by hand, so every error names the item and the field.
 */
import { z } from 'zod'
import { AppError } from '../errors'
import { formatIssuePath, zhIssueMessage } from '../zodMessages'

/**
 * Provincial catalogs code items as a 2-letter type (XK 行政许可, QR 其他权力,
 * GG 公共服务, …) + 5-digit main item + 3-digit sub-item (GB/T 39554.1-2020).
 */
export const DEFAULT_CODE_PATTERN = '^(XK|QR|GG|XZ|CF|QZ|ZS|JF|JL|CJ)\\d{5}\\d{3}$'

const positiveInt = z.number({ error: '应为正整数' }).int({ error: '应为正整数' }).positive({ error: '应为正整数' })
const workingDays = z.number({ error: '应为不小于 0 的整数（工作日）' }).int({ error: '应为不小于 0 的整数（工作日）' }).min(0, { error: '应为不小于 0 的整数（工作日）' })

export const materialSchema = z
  .object({
    /** Stable within the item: the intake checklist and the photos refer to it. */
    id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, { error: '应为 1–40 位字母、数字、- 或 _' }),
    name: z.string().trim().min(1),
    form: z.enum(['original', 'copy', 'original_and_copy']),
    copies: positiveInt,
    required: z.boolean(),
    note: z.string().trim().min(1).optional(),
  })
  .strict()

export const feeSchema = z
  .object({
    amountCents: positiveInt,
    feeName: z.string().trim().min(1),
    /** The pricing document the fee rests on: applicants ask. */
    basis: z.string().trim().min(1).optional(),
  })
  .strict()

export const catalogItemSchema = z
  .object({
    code: z.string().trim().min(1),
    name: z.string().trim().min(1),
    /** A department `code` from the catalog's departments. */
    department: z.string().trim().min(1),
    promisedDays: workingDays,
    legalDays: workingDays,
    materials: z.array(materialSchema),
    /** null: free of charge (most items are). */
    fee: feeSchema.nullable(),
    delivery: z.array(z.enum(['window', 'express'])).min(1),
    /** Whether a bank-branch agent (银行网点代办) may accept it. */
    agentAllowed: z.boolean(),
    keywords: z.array(z.string().trim().min(1)).default([]),
    category: z.string().trim().min(1).optional(),
    /**
     * 设立登记: the applicant is an enterprise being set up, which has no
     * 统一社会信用代码 yet — it is taken by its proposed name (拟设立名称) and
     * the handler at the counter. Absent means false.
     */
    establishment: z.boolean({ error: '应为 true（设立登记事项）或 false' }).default(false),
    /**
     * The certificate (证照) approval issues, e.g. `{ "type": "营业执照" }`: its
     * number is then required at 准予 and checked again at 出件. Absent or null: none.
     */
    certificate: z
      .object({ type: z.string().trim().min(1).max(30, { error: '证照类型最长 30 个字符' }) })
      .strict()
      .nullable()
      .default(null),
  })
  .strict()

const departmentSchema = z.object({ code: z.string().trim().min(1), name: z.string().trim().min(1) }).strict()

const catalogFileSchema = z
  .object({
    catalogVersion: z.string().trim().min(1),
    hallName: z.string().trim().min(1),
    regionCode: z.string().regex(/^\d{6}$/, { error: '应为 6 位行政区划代码，例如 "320300"' }),
    codePattern: z.string().min(1).default(DEFAULT_CODE_PATTERN),
    departments: z.array(departmentSchema).min(1),
    items: z.array(z.unknown()).min(1),
  })
  .strict()

export type Material = z.output<typeof materialSchema>
export type Fee = z.output<typeof feeSchema>
export type CatalogItem = z.output<typeof catalogItemSchema>
export type Department = z.output<typeof departmentSchema>
export type Catalog = Omit<z.output<typeof catalogFileSchema>, 'items'> & { items: CatalogItem[] }

export type CatalogCheck = { ok: true; catalog: Catalog } | { ok: false; errors: string[] }

/** `事项 XK00201001（企业设立登记）` when the item says who it is, else its position. */
function itemLabel(raw: unknown, index: number): string {
  const obj = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {}
  const code = typeof obj.code === 'string' && obj.code.trim() !== '' ? obj.code.trim() : undefined
  const name = typeof obj.name === 'string' && obj.name.trim() !== '' ? obj.name.trim() : undefined
  if (code && name) return `事项 ${code}（${name}）`
  if (code) return `事项 ${code}`
  return name ? `第 ${index + 1} 个事项（${name}）` : `第 ${index + 1} 个事项（items[${index}]）`
}

function issueLines(issues: readonly z.core.$ZodIssue[], prefix: string): string[] {
  return issues.map((i) => {
    const path = formatIssuePath(i.path)
    if (prefix === '') return `${path === '' ? '文件顶层' : path}：${i.message}`
    return path === '' ? `${prefix}：${i.message}` : `${prefix}的 ${path}：${i.message}`
  })
}

/** Validates a catalog file's JSON and returns every error, one line each. */
export function checkCatalog(json: unknown): CatalogCheck {
  const file = catalogFileSchema.safeParse(json, { error: zhIssueMessage })
  if (!file.success) return { ok: false, errors: issueLines(file.error.issues, '') }
  const { items: rawItems, ...header } = file.data
  const errors: string[] = []

  let codeRe: RegExp | undefined
  try {
    // Anchored whatever the file says, so a pattern without ^…$ cannot pass codes with junk around them.
    codeRe = new RegExp(`^(?:${header.codePattern})$`)
  } catch (err) {
    errors.push(`codePattern：“${header.codePattern}”不是有效的正则表达式（${(err as Error).message}）`)
  }

  const departments = new Set<string>()
  header.departments.forEach((d, i) => {
    if (departments.has(d.code)) errors.push(`departments[${i}].code：部门代码 ${d.code} 重复`)
    departments.add(d.code)
  })

  const items: CatalogItem[] = []
  const codes = new Map<string, number>()
  rawItems.forEach((raw, index) => {
    const label = itemLabel(raw, index)
    const parsed = catalogItemSchema.safeParse(raw, { error: zhIssueMessage })
    if (!parsed.success) {
      errors.push(...issueLines(parsed.error.issues, label))
      return
    }
    const item = parsed.data
    if (codeRe && !codeRe.test(item.code)) errors.push(`${label}的 code：不符合本目录的编码规则 ${header.codePattern}`)
    const first = codes.get(item.code)
    if (first !== undefined) errors.push(`${label}的 code：与第 ${first + 1} 个事项重复`)
    else codes.set(item.code, index)
    if (!departments.has(item.department)) errors.push(`${label}的 department：部门代码 ${item.department} 不在 departments 中`)
    if (item.promisedDays > item.legalDays) {
      errors.push(`${label}的 promisedDays：承诺时限 ${item.promisedDays} 个工作日不能超过法定时限 legalDays ${item.legalDays} 个工作日`)
    }
    const materialIds = new Set<string>()
    item.materials.forEach((m, i) => {
      if (materialIds.has(m.id)) errors.push(`${label}的 materials[${i}].id：材料编号 ${m.id} 在本事项内重复`)
      materialIds.add(m.id)
    })
    if (new Set(item.delivery).size !== item.delivery.length) errors.push(`${label}的 delivery：送达方式重复`)
    items.push(item)
  })

  return errors.length === 0 ? { ok: true, catalog: { ...header, items } } : { ok: false, errors }
}

/** Parses a catalog's JSON or throws AppError('CATALOG_INVALID') listing the errors (the first ten). */
export function parseCatalog(json: unknown): Catalog {
  const result = checkCatalog(json)
  if (result.ok) return result.catalog
  const shown = result.errors.slice(0, 10)
  const more = result.errors.length > shown.length ? `\n……另有 ${result.errors.length - shown.length} 处错误` : ''
  throw new AppError('CATALOG_INVALID', `事项目录有误：\n${shown.join('\n')}${more}`)
}
