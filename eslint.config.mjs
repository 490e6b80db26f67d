// Lint, and the layer rules of ../shared/design.md as errors that fail `npm test`
// (VS Code and Signal Desktop keep their layering the same way). Layers are
// folders: eslint-plugin-boundaries classifies every file by the folder it sits
// in and checks each import against what that layer may use, so a new file in
// a folder is covered without naming it here.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import boundaries from 'eslint-plugin-boundaries'
import { layerElements, layerPolicies } from './scripts/layers.mjs'

const nodeIo = ['node:*', 'fs', 'fs/*', 'path', 'os', 'net', 'http', 'https', 'child_process', 'crypto', 'stream', 'better-sqlite3', 'serialport', '@serialport/*', 'ws', 'node-thermal-printer', 'pg', 'electron']

const restrict = (patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
})

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
      // Values from the contract would drag zod schemas into the page; types are enough.
      ...restrict([
        { regex: '(^|/)main/contract(/|$)', allowTypeImports: true, message: 'The renderer imports only types from main/contract (use `import type`).' },
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
    files: ['main/domain/**/*.ts', 'main/contract/**/*.ts'],
    rules: restrict([{ group: nodeIo, message: 'main/domain and main/contract hold pure rules and schemas: no I/O imports.' }]),
  },
  {
    // Which layer may import which: one policy per layer, in scripts/layers.mjs.
    files: ['main/**/*.ts', 'preload/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': layerElements,
      'boundaries/include': ['main/**/*', 'preload/**/*', 'renderer/**/*'],
      // The root's files sit beside the layer folders; a file-mode element is the one way to name them.
      'boundaries/legacy-warnings': false,
      'import/resolver': { typescript: { project: ['tsconfig.node.json', 'tsconfig.web.json'], noWarnOnMultipleProjects: true } },
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', policies: layerPolicies, message: '{{from.type}} may not import {{to.type}}: the layers and what each may import are in scripts/layers.mjs' }],
      'boundaries/no-unknown-files': 'error',
    },
  },
)
