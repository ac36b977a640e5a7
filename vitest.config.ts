import { readFileSync, readdirSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join, resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

/**
 * A test is an integration test when it runs something beyond the sources in this process: a
 * built file (the forked trainer, the `w2v` bundle, the WebAssembly kernels, anything in out/),
 * another process or thread (child processes, worker threads, Python), or the browser harness.
 * Decided by what the file imports and reads, so a new test lands in the right project by itself.
 */
const INTEGRATION_MARKERS = [
  /node:child_process/, /node:worker_threads/, /support\/python/, /forkTrainer/, /kernelHarness/, /support\/builtOutputs/,
  /['"`/]out\/(main|cli|kernels|preload|renderer)/, /e2e\/harness/, /electron-builder/,
]

function testFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return testFiles(path)
    return entry.name.endsWith('.test.ts') ? [path] : []
  })
}

const integration = testFiles('test').filter((file) => {
  const text = readFileSync(file, 'utf8')
  return INTEGRATION_MARKERS.some((marker) => marker.test(text)) || file.startsWith(join('test', 'e2e'))
})

export default defineConfig({
  // Component tests mount .vue files (in happy-dom: `// @vitest-environment happy-dom` at the top of the test).
  plugins: [vue()],
  resolve: {
    alias: { '@contract': resolve('src-main/core/contract') },
  },
  test: {
    environment: 'node',
    testTimeout: 60_000,
    // The default summary, then one plain "Tests: N passed, N failed, N skipped" line that any CI can count.
    reporters: ['default', './test/support/plainSummaryReporter.ts'],
    projects: [
      // Vitest's default is one worker fewer than the cores: on a 2-core machine one unit test file at
      // a time, with the other core idle. Integration tests keep the default: their trainers, worker
      // threads and child processes fill the cores themselves, and their timeouts assume so.
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: integration, maxWorkers: availableParallelism() } },
      // Its global setup rebuilds any build output older than its sources: no test runs a stale build.
      { extends: true, test: { name: 'integration', include: integration, globalSetup: ['test/support/globalSetup.ts'] } },
    ],
  },
})
