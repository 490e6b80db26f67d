/**
 * What the control planes of the simulated servers (`/__sim/*`, behind
 * `X-Sim-Admin`) share: the route and its JSON input, an input checked
 * against a schema (a bad one is a 400 naming the field), fault rules
 * appended, and the 404 of a route a simulator does not have.
 */
import type { z } from 'zod'
import { jsonReply, type PreparedReply } from './httpSimWire'

export interface ControlRequest {
  /** The method and the path below `/__sim`: `POST /faults`. */
  route: string
  input: unknown
  /** The input as `schema` reads it, or the 400 naming the first thing wrong. */
  checked<T>(schema: z.ZodType<T>): T | PreparedReply
}

export function badControlInput(message: string): PreparedReply {
  return jsonReply(400, { error: message })
}

export function noSuchControl(route: string): PreparedReply {
  return jsonReply(404, { error: `没有这个控制接口：${route}` })
}

export function isReply(value: unknown): value is PreparedReply {
  return typeof value === 'object' && value !== null && 'body' in value && Buffer.isBuffer((value as PreparedReply).body)
}

/** The request, or the 400 of a body that is not JSON. A GET or a DELETE has no input; neither has an empty body. */
export function controlRequest(method: string, url: URL, body: Buffer): ControlRequest | PreparedReply {
  const route = `${method} ${url.pathname.slice('/__sim'.length)}`
  let input: unknown
  try {
    const text = body.toString('utf8').trim()
    input = method === 'GET' || method === 'DELETE' || text === '' ? {} : JSON.parse(text)
  } catch {
    return badControlInput('请求体不是有效的 JSON')
  }
  return {
    route,
    input,
    checked<T>(schema: z.ZodType<T>): T | PreparedReply {
      const parsed = schema.safeParse(input)
      if (parsed.success) return parsed.data
      const issue = parsed.error.issues[0]!
      return badControlInput(`${issue.path.join('.') || '(根)'}：${issue.message}`)
    },
  }
}

/** `POST /faults {rules: […]}`: appended to the book, answered with how many wait; a rule that does not parse is a 400 in the simulator's words. */
export function addFaultRules(book: { add(rules: unknown[]): number }, input: unknown, refusal: (err: unknown) => string): PreparedReply {
  const rules = (input as { rules?: unknown }).rules
  if (!Array.isArray(rules)) return badControlInput('rules 应为数组')
  try {
    return jsonReply(200, { pending: book.add(rules) })
  } catch (err) {
    return badControlInput(refusal(err))
  }
}
