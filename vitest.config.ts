import { resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  // Component tests mount .vue files (in happy-dom: `// @vitest-environment happy-dom` at the top of the test).
  plugins: [vue()],
  resolve: {
    alias: { '@contract': resolve('src-main/core/contract') },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // The default summary, then one plain "Tests: N passed, N failed, N skipped" line that any CI can count.
    reporters: ['default', './test/support/plainSummaryReporter.ts'],
  },
})
