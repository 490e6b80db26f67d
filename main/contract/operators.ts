/**
 * Operator accounts, managed by a supervisor on the 设置 screen (the CLI's
 * `operators add|disable|reset-pin` does the same on a data directory). A PIN
 * goes in and never comes out: the station keeps only its scrypt hash.
 */
import { z } from 'zod'
import { defineCommands } from './define'
import { roleSchema } from './system'

export const operatorViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  /** Locked after five wrong PINs until this moment (UTC); null when not locked. */
  lockedUntil: z.string().nullable(),
  /** The operator's own ID card is registered, so a tap signs them in. */
  hasCard: z.boolean(),
  createdAt: z.string(),
})
export type OperatorViewDto = z.infer<typeof operatorViewSchema>

const operatorIdSchema = z.string().trim().min(1, '请输入工号').max(16, '工号最长 16 位').regex(/^[A-Za-z0-9]+$/, '工号只能是字母或数字')
const pinSchema = z.string().min(6, '密码至少 6 位').max(64, '密码最长 64 位')

export const operatorsCommands = defineCommands({
  'operators.list': {
    summary: 'Every operator account of this station (supervisor)',
    input: z.object({}).strict(),
    output: z.array(operatorViewSchema),
  },
  'operators.add': {
    summary: 'Add an operator with a role and a first PIN (supervisor)',
    input: z
      .object({
        id: operatorIdSchema,
        name: z.string().trim().min(1, '请输入姓名').max(32, '姓名最长 32 个字符'),
        role: roleSchema,
        pin: pinSchema,
        /** Their own ID number, so a tap of their card names them at sign-in. */
        idNumber: z.string().trim().max(18, '身份证号码最长 18 位').optional(),
      })
      .strict(),
    output: operatorViewSchema,
  },
  'operators.disable': {
    summary: 'Disable an account: it can no longer sign in and its open sessions end (supervisor)',
    input: z.object({ id: operatorIdSchema }).strict(),
    output: operatorViewSchema,
  },
  'operators.enable': {
    summary: 'Enable a disabled account again (supervisor)',
    input: z.object({ id: operatorIdSchema }).strict(),
    output: operatorViewSchema,
  },
  'operators.resetPin': {
    summary: 'Give an operator a new PIN (also lifts a lockout; their open sessions end) (supervisor)',
    input: z.object({ id: operatorIdSchema, pin: pinSchema }).strict(),
    output: operatorViewSchema,
  },
})
