// Lint, and the layer rules of ../shared/design.md as errors that fail `npm test`
// (VS Code and Signal Desktop keep their layering the same way).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'

const nodeIo = ['node:*', 'fs', 'fs/*', 'path', 'os', 'net', 'http', 'https', 'child_process', 'crypto', 'stream', 'better-sqlite3', 'serialport', '@serialport/*', 'ws', 'node-thermal-printer', 'pg', 'electron']

const restrict = (patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
})

const upper = (layers, message) => ({ regex: `(^|/)(\\.\\./)+(${layers.join('|')})(/|$)`, message })

export default tseslint.config(
  { ignores: ['.data/**', 'out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'resources/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    // Plain Node scripts (the TypeScript compiler checks globals in .ts files).
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly' } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      ...restrict([
        { regex: '(^|/)main/(?!api/)', message: 'The renderer imports nothing from main/ but the contract’s types: go through a command.' },
        { regex: '(^|/)main/api/', allowTypeImports: true, message: 'The renderer imports only types from main/api (use `import type`).' },
        { group: nodeIo, message: 'The renderer has no Node or device access: go through a command.' },
      ]),
    },
  },
  {
    // Only the Electron shell (main/index.ts, the IPC transport) and the preload import electron.
    files: ['main/**/*.ts', 'tests/**/*.ts'],
    ignores: ['main/index.ts', 'main/transport/electronIpc.ts'],
    rules: restrict([{ group: ['electron'], message: 'Only main/index.ts and main/transport/electronIpc.ts import electron; everything else runs in plain Node.' }]),
  },
  {
    files: ['main/domain/**/*.ts'],
    rules: restrict([
      { group: nodeIo, message: 'main/domain holds pure rules: no I/O imports.' },
      upper(['store', 'services', 'devices', 'emulators', 'dispatch', 'upstream', 'hall', 'outbox', 'transport', 'cli', 'config'], 'main/domain imports nothing above it.'),
      { regex: '(^|/)api/(?!errors$)', message: 'main/domain may use AppError from api/errors, nothing else from api.' },
    ]),
  },
  {
    files: ['main/store/**/*.ts', 'main/outbox/**/*.ts'],
    rules: restrict([
      { group: ['electron'], message: 'Only the shell imports electron.' },
      upper(['services', 'devices', 'emulators', 'dispatch', 'upstream', 'hall', 'transport', 'cli'], 'main/store and main/outbox sit below services, devices and transports.'),
    ]),
  },
  {
    files: ['main/devices/**/*.ts'],
    rules: restrict([
      { group: ['electron'], message: 'Only the shell imports electron.' },
      upper(['services', 'store', 'emulators', 'dispatch', 'upstream', 'hall', 'transport', 'cli'], 'Drivers sit below services and know nothing of the store.'),
    ]),
  },
  {
    files: ['main/emulators/**/*.ts'],
    rules: restrict([
      { group: ['electron'], message: 'Only the shell imports electron.' },
      { regex: '(^|/)devices/.*/(reader|driver|serialScanner|escposPrinter|tsplPrinter)$', message: 'Emulators import the pure codecs, never the driver.' },
      upper(['services', 'store', 'transport', 'api/handlers'], 'Emulators stand beside devices, below services.'),
    ]),
  },
  {
    files: ['preload/**/*.ts'],
    rules: restrict([{ regex: '(^|/)main/(?!api/bridge$)', allowTypeImports: true, message: 'The sandboxed preload imports only main/api/bridge (and types).' }]),
  },
)
