/**
 * What every spec gets: the harness reset to a first start before the test (fresh user-data
 * folder, fresh trainer, no queued dialog answers), a client for the harness's test-control
 * endpoints, a page that holds the harness's token as a browser does after opening the printed
 * address, and the page's errors attached to the report of a test that failed.
 */
import { test as base, expect } from '@playwright/test'
import type { DialogAnswer, ShellCall } from '../harness/desktopStandIns'
import { HARNESS_TOKEN_ENV, withToken } from '../harness/harnessAccess'
import { DIALOG_PATH, KILL_TRAINER_PATH, RESET_PATH, SHELL_PATH } from '../harness/wire'

/** Set by playwright.config.ts, which gives the same token to the harness it starts. */
function harnessToken(): string {
  const token = process.env[HARNESS_TOKEN_ENV]
  if (!token) throw new Error(`${HARNESS_TOKEN_ENV} is not set; run the specs with test/e2e/playwright.config.ts.`)
  return token
}

export class HarnessControl {
  constructor(private readonly baseURL: string, private readonly token: string) {}

  /** A first start: what the previous test left (settings, corpus, run, trainer) is gone. */
  async reset(): Promise<void> {
    await this.send('POST', RESET_PATH)
  }

  /** The answer the next dialog of this kind gives, as if the user had picked it. */
  async answerDialog(answer: DialogAnswer): Promise<void> {
    await this.send('POST', DIALOG_PATH, JSON.stringify(answer))
  }

  /** The trainer dies as the system kills one (out of memory, say); the window gets trainerExited. */
  async killTrainer(): Promise<void> {
    await this.send('POST', KILL_TRAINER_PATH)
  }

  async shellCalls(): Promise<ShellCall[]> {
    return (await (await this.send('GET', SHELL_PATH)).json()) as ShellCall[]
  }

  private async send(method: string, path: string, body?: string): Promise<Response> {
    const headers: Record<string, string> = { authorization: `token ${this.token}`, ...(body ? { 'content-type': 'application/json' } : {}) }
    const response = await fetch(new URL(path, this.baseURL), { method, body, headers })
    if (!response.ok) throw new Error(`The harness answered ${method} ${path} with ${response.status}: ${await response.text()}`)
    return response
  }
}

export const test = base.extend<{ harness: HarnessControl }>({
  harness: [
    async ({ baseURL }, use) => {
      if (!baseURL) throw new Error('The e2e config sets baseURL to the harness; it is missing.')
      const control = new HarnessControl(baseURL, harnessToken())
      await control.reset()
      await use(control)
    },
    { auto: true },
  ],
  page: async ({ page, baseURL }, use, testInfo) => {
    // The printed address with ?token=: the harness answers with its cookie, kept by the page's context.
    const opened = await page.request.get(withToken(baseURL ?? '', harnessToken()))
    if (!opened.ok()) throw new Error(`The harness refused its own token: ${opened.status()} ${await opened.text()}`)
    const problems: string[] = []
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console ${message.type()}: ${message.text()}`)
    })
    await use(page)
    if (problems.length > 0 && testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('page-console', { body: problems.join('\n'), contentType: 'text/plain' })
    }
  },
})

export { expect }
