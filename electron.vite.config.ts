import { resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'

// The layer folders are ours, not electron-vite's default src/main, src/preload, src/renderer.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve('src-main/electron-main/index.ts'),
          trainer: resolve('src-main/trainer/index.ts'),
          // Training threads load this file beside the trainer's bundle.
          kernelWorker: resolve('src-main/node/training/kernelWorker.ts'),
          // Corpus preparation threads, likewise.
          corpusWorker: resolve('src-main/node/corpusWorker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only 'electron': everything else (the contract's
      // validators) must be bundled into it.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src-main/preload/index.ts') },
        // A sandboxed preload cannot be an ES module.
        output: { format: 'cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    resolve: {
      alias: { '@contract': resolve('src-main/core/contract') },
    },
    build: {
      outDir: 'out/renderer',
      // ECharts is most of the window's code: minified, the bundle is 0.76 MB instead of 1.8 MB.
      minify: true,
      rolldownOptions: { input: resolve('src-renderer/index.html') },
    },
    plugins: [vue()],
  },
})
