import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'

/** The shared/ folder beside the checkout (CI clones the repo next to it). */
export const SHARED_DIR = resolve(import.meta.dirname, '../../../shared')
export const REFERENCE_FIXTURE = resolve(SHARED_DIR, 'fixtures/cs224n-reference.json')

export function readReferenceFixture(): { seed: number; cases: Record<string, unknown>[] } {
  if (!existsSync(REFERENCE_FIXTURE)) {
    throw new Error(`The reference fixture is missing at ${REFERENCE_FIXTURE}; the tests expect the shared/ folder beside the checkout.`)
  }
  return JSON.parse(readFileSync(REFERENCE_FIXTURE, 'utf8')) as { seed: number; cases: Record<string, unknown>[] }
}
