/**
 * Where this station keeps its master key (it encrypts ID numbers, photos and
 * the audit chain's keys): the 设备 screen says it in words, so a hall's IT
 * sees a UOS/Kylin desktop without a keyring keeping it in the key file.
 */
import { z } from 'zod'
import { keyStorageReasons } from '../domain/keyStorage'
import { defineCommands } from './define'

export const keyStorageSchema = z.object({
  where: z.enum(['keychain', 'keyFile']),
  reason: z.enum(keyStorageReasons),
  /** safeStorage's backend (`gnome_libsecret`, `basic_text`, `DPAPI`…); null on the station host. */
  backend: z.string().nullable(),
  /** The sealed key (keychain) or the key file; the key itself never leaves main. */
  file: z.string(),
})
export type KeyStorageDto = z.infer<typeof keyStorageSchema>

export const keysCommands = defineCommands({
  'keys.storage': {
    summary: 'Where the master key is kept (OS keychain or key file) and why',
    input: z.object({}).strict(),
    output: keyStorageSchema,
  },
})
