/**
 * Steps the specs share, written against the renderer's data-testid contract: open the window
 * as on a first start, read the numbers it shows, pick a preset, train.
 */
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Locator, Page } from '@playwright/test'
import { expect } from './fixtures'

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
/** WordSim-353, beside the repository (ARCHITECTURE.md, "Data the tests and benchmarks may use"). */
export const WORDSIM = resolve(ROOT, '../shared/data/wordsim353.tsv')

/** Loading Moby-Dick, training the Quick look preset and the like stay well below this. */
export const LONG_MS = 45_000

/** The first number a text shows, digit-group separators removed ("215,136 tokens" → 215136). */
export function numberIn(text: string): number {
  const match = /-?\d[\d,\u00a0\u202f' ]*(?:\.\d+)?(?:e[-+]?\d+)?/i.exec(text)
  return match ? Number(match[0].replace(/[,\u00a0\u202f' ]/g, '')) : Number.NaN
}

export async function shownNumber(locator: Locator): Promise<number> {
  return numberIn(await locator.innerText())
}

export async function numberAttribute(locator: Locator, name: string): Promise<number> {
  return Number(await locator.getAttribute(name))
}

/** The window as on a first start: it loads the built-in corpus by itself. */
export async function openApp(page: Page): Promise<void> {
  await page.goto('/')
  await expect(page.getByTestId('corpus-name')).toContainText('Moby', { timeout: LONG_MS })
  await expect.poll(() => shownNumber(page.getByTestId('corpus-tokens')), { timeout: LONG_MS }).toBeGreaterThan(200_000)
}

export async function choosePreset(page: Page, preset: 'word2vec' | 'cs224n' | 'quick'): Promise<void> {
  await page.getByTestId('preset-select').selectOption(preset)
}

/** Quick look trained to its end, for the specs that need vectors. */
export async function trainQuickLook(page: Page): Promise<void> {
  await choosePreset(page, 'quick')
  await expect(page.getByTestId('train-button')).toBeEnabled()
  await page.getByTestId('train-button').click()
  await expect(page.getByTestId('training-state')).toHaveText(/finished/i, { timeout: LONG_MS })
}

/** Quick look with enough epochs (Moby-Dick, 215k words each) to watch the run, pause it, kill its trainer or reload the window. */
export async function startLongRun(page: Page, epochs = 60): Promise<void> {
  await choosePreset(page, 'quick')
  await page.getByTestId('field-epochs').fill(String(epochs))
  await expect(page.getByTestId('train-button')).toBeEnabled()
  await page.getByTestId('train-button').click()
  await expect(page.getByTestId('training-state')).toHaveText(/^Training$/, { timeout: LONG_MS })
}

/** The bar's "Done" as a fraction (the bar shows a percentage with one decimal). */
export async function shownFraction(page: Page): Promise<number> {
  return (await shownNumber(page.getByTestId('progress-fraction'))) / 100
}

/** Where a screenshot of the issue's scenarios goes, beside the views' screenshots. */
export function screenshotPath(name: string): string {
  return resolve(ROOT, 'test-results', 'screenshots', 'window-state', `${name}.png`)
}

/** A screenshot of the whole window for the scenarios. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: screenshotPath(name), fullPage: true })
}
