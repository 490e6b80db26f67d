import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import { cspMetaPlugin } from './scripts/cspMetaPlugin'

// Top-level main/, preload/, renderer/ instead of electron-vite's default src/.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The report worker is its own entry: a worker_threads thread loads out/main/reportWorker.js (main/services/reports).
      rolldownOptions: { input: { index: resolve(__dirname, 'main/index.ts'), reportWorker: resolve(__dirname, 'main/services/reports/reportWorker.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preload: one self-contained CommonJS file that requires only `electron`.
      rolldownOptions: { input: { index: resolve(__dirname, 'preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    base: './',
    // The page's CSP <meta>, from the one policy the headers use too.
    plugins: [react(), cspMetaPlugin()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      emptyOutDir: true,
      chunkSizeWarningLimit: 4000,
      rolldownOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
})
