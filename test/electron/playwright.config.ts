/**
 * The specs that launch the real app with Playwright's `_electron`. Where no Electron binary
 * exists (our build machines), they are skipped and the reason is printed once here.
 */
import { fileURLToPath } from 'node:url'
import { defineConfig } from '@playwright/test'
import { findElectronBinary } from './electronBinary'

const binary = findElectronBinary()
// Workers load this file too; the runner (which has no TEST_WORKER_INDEX) prints the notice.
if (!binary.path && process.env.TEST_WORKER_INDEX === undefined) console.log(`Electron tests skipped: ${binary.reason}`)

export default defineConfig({
  testDir: fileURLToPath(new URL('.', import.meta.url)),
  testMatch: '*.spec.ts',
  outputDir: fileURLToPath(new URL('../../out/playwright-electron', import.meta.url)),
  // One app at a time: it holds a single-instance lock.
  workers: 1,
  timeout: 180_000,
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
})
