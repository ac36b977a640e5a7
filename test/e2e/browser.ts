/**
 * The browser the end-to-end tests drive: Debian's Chromium (`apt-get install chromium`) with
 * the flags ARCHITECTURE.md lists, and why the tests are skipped where it is missing.
 */
import { existsSync } from 'node:fs'

export const CHROMIUM_PATH = '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
]

/** Why the browser tests cannot run here, or null when they can. */
export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM_PATH) ? null : `there is no Chromium at ${CHROMIUM_PATH}; install it with \`apt-get install chromium\`.`
}
