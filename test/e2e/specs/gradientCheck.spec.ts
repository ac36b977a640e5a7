/**
 * Issue 6, end-to-end test 3: the gradient check runs from the window and every check passes;
 * its table and chart are shown.
 */
import { chromiumMissing } from '../browser'
import { expect, test } from './fixtures'
import { LONG_MS, openApp } from './window'

test.skip(chromiumMissing() !== null, `Browser tests skipped: ${chromiumMissing() ?? ''}`)

test('the gradient check passes every check and shows its table and chart', async ({ page }) => {
  await openApp(page)
  await page.getByTestId('tab-gradcheck').click()
  await page.getByTestId('gradcheck-run').click()

  const rows = page.getByTestId('gradcheck-row')
  await expect(rows.first()).toBeVisible({ timeout: LONG_MS })
  // The course's checks and more: sigmoid, the three losses, skip-gram and CBOW with each loss.
  expect(await rows.count()).toBeGreaterThanOrEqual(4)
  for (const row of await rows.all()) await expect(row).toHaveAttribute('data-passed', 'true')
  for (const name of ['hierarchicalSoftmaxLossAndGradient', 'skipgram / hierarchicalSoftmax', 'cbow (mean) / hierarchicalSoftmax']) {
    await expect(rows.filter({ hasText: name }).first()).toBeVisible()
  }
  await expect(page.getByTestId('gradcheck-table')).toBeVisible()
  await expect(page.getByTestId('gradcheck-chart')).toBeVisible()
})
