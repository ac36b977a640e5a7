/** Issue 12: a run stopped early reads the same in the bar and in the run list: stopped, where it stopped. */
import { chromiumMissing } from '../browser'
import { expect, test } from './fixtures'
import { LONG_MS, openApp, screenshot, shownFraction, startLongRun } from './window'

test.skip(chromiumMissing() !== null, `Browser tests skipped: ${chromiumMissing() ?? ''}`)

test('a run stopped early shows as stopped in the bar and in the run list', async ({ page }) => {
  await openApp(page)
  await startLongRun(page, 200)
  await expect.poll(() => shownFraction(page), { timeout: LONG_MS }).toBeGreaterThan(0.01)
  await page.getByTestId('stop-button').click()
  const state = page.getByTestId('training-state')
  await expect(state).toHaveText('Stopped early', { timeout: LONG_MS })
  const run = page.getByTestId('run-item')
  await expect(run).toHaveAttribute('data-outcome', 'stopped')
  await expect(run).toContainText('stopped early')
  expect(await shownFraction(page)).toBeLessThan(0.5)
  // No state is shown by its raw name.
  await expect(page.getByText(/loadingCorpus|\bempty\b/)).toHaveCount(0)
  await screenshot(page, 'stopped-early')
})
