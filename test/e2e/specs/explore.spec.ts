/**
 * Issue 6, end-to-end test 4: after a Quick look training, nearest neighbours and an analogy
 * return words, and evaluating WordSim-353 (opened through the benchmark dialog) shows a
 * Spearman correlation.
 */
import { chromiumMissing } from '../browser'
import { expect, test } from './fixtures'
import { LONG_MS, WORDSIM, numberIn, openApp, trainQuickLook } from './window'

test.skip(chromiumMissing() !== null, `Browser tests skipped: ${chromiumMissing() ?? ''}`)

/** A result item names a word (it may add its score). */
const WORD = /\p{L}{2,}/u

test('neighbours and an analogy return words, and WordSim-353 gives a Spearman figure', async ({ page, harness }) => {
  await openApp(page)
  await trainQuickLook(page)
  await page.getByTestId('tab-explore').click()

  await page.getByTestId('neighbours-input').fill('whale')
  await page.getByTestId('neighbours-submit').click()
  const neighbours = page.getByTestId('neighbours-results').locator('li')
  await expect(neighbours.first()).toBeVisible({ timeout: LONG_MS })
  for (const item of await neighbours.all()) await expect(item).toHaveText(WORD)

  await page.getByTestId('analogy-a').fill('ship')
  await page.getByTestId('analogy-b').fill('sea')
  await page.getByTestId('analogy-c').fill('whale')
  await page.getByTestId('analogy-submit').click()
  const answers = page.getByTestId('analogy-results').locator('li')
  await expect(answers.first()).toBeVisible({ timeout: LONG_MS })
  for (const item of await answers.all()) await expect(item).toHaveText(WORD)

  await harness.answerDialog({ channel: 'openBenchmarkDialog', answer: WORDSIM })
  await page.getByTestId('evaluate-pairs-open').click()
  const spearman = page.getByTestId('evaluate-spearman')
  await expect(spearman).toHaveText(/\d/, { timeout: LONG_MS })
  const rho = numberIn(await spearman.innerText())
  expect(rho).toBeGreaterThanOrEqual(-1)
  expect(rho).toBeLessThanOrEqual(1)
})
