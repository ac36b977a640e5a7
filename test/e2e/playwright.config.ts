/**
 * The end-to-end tests: the built window in Debian's Chromium, driven by Playwright, with the
 * real services behind it through the browser harness (test/e2e/harness), which the runner
 * starts on a port of its own. `npm test` builds first; run `npm run build` before
 * `npm run test:e2e` on its own. Failure artifacts go to test-results/e2e, the views' screenshots
 * to test-results/screenshots.
 */
import { fileURLToPath } from 'node:url'
import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS, CHROMIUM_PATH, chromiumMissing } from './browser'
import { HARNESS_TOKEN_ENV, newHarnessToken } from './harness/harnessAccess'

/** Not the manual harness's 5199, so a harness left running by hand does not get in the way. */
const PORT = 5197
const root = fileURLToPath(new URL('../..', import.meta.url))
const missing = chromiumMissing()
// Workers load this file too; the runner (which has no TEST_WORKER_INDEX) prints the notice.
if (missing && process.env.TEST_WORKER_INDEX === undefined) console.log(`Browser tests skipped: ${missing}`)
// The runner makes this run's token; the harness it starts and the workers it forks inherit it.
process.env[HARNESS_TOKEN_ENV] ||= newHarnessToken()

export default defineConfig({
  testDir: fileURLToPath(new URL('./specs', import.meta.url)),
  testMatch: '*.spec.ts',
  outputDir: fileURLToPath(new URL('../../test-results/e2e', import.meta.url)),
  // One app behind one harness: the specs reset it in turn.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    viewport: { width: 1280, height: 860 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  webServer: missing ? undefined : {
    // One Node process (no npm or tsx wrapper), so the runner's SIGTERM reaches the server and it cleans up.
    command: `node --import tsx test/e2e/harness/server.ts --port ${PORT}`,
    cwd: root,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
  },
})
