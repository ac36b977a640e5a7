/**
 * Issue 12: reloading the window (a renderer crash, reopening it on macOS) rebuilds it from the
 * trainer's own account: the same run, numbered as before, with its settings and curve, both
 * while it trains and after it ended; the gradient check uses it, and the next run is Run 2.
 */
import type { Page } from '@playwright/test'
import { chromiumMissing } from '../browser'
import { expect, test } from './fixtures'
import { LONG_MS, numberAttribute, openApp, screenshot, shownFraction, startLongRun } from './window'

test.skip(chromiumMissing() !== null, `Browser tests skipped: ${chromiumMissing() ?? ''}`)

async function runsShown(page: Page): Promise<{ label: string; summary: string; outcome: string | null }[]> {
  const items = await page.getByTestId('run-item').all()
  return Promise.all(items.map(async (item) => ({
    label: await item.locator('strong').innerText(),
    summary: await item.locator('.summary').innerText(),
    outcome: await item.getAttribute('data-outcome'),
  })))
}

test('a reloaded window shows the same run, settings and curve, mid-run and after it', async ({ page }) => {
  test.setTimeout(120_000)
  await openApp(page)
  await startLongRun(page, 200)
  const chart = page.getByTestId('loss-chart')
  await expect.poll(() => numberAttribute(chart, 'data-points'), { timeout: LONG_MS }).toBeGreaterThan(20)
  const during = await runsShown(page)
  expect(during).toEqual([{ label: 'Run 1 · skip-gram, d=50', summary: expect.stringContaining('200 epochs'), outcome: 'running' }])
  const fractionBefore = await shownFraction(page)
  const pointsBefore = await numberAttribute(chart, 'data-points')

  await page.reload()
  await expect(page.getByTestId('training-state')).toHaveText('Training', { timeout: LONG_MS })
  expect(await runsShown(page)).toEqual(during)
  expect(await shownFraction(page)).toBeGreaterThanOrEqual(fractionBefore)
  await expect.poll(() => numberAttribute(chart, 'data-points'), { timeout: LONG_MS }).toBeGreaterThanOrEqual(pointsBefore)
  await screenshot(page, 'reload-mid-run')

  await page.getByTestId('stop-button').click()
  await expect(page.getByTestId('training-state')).toHaveText('Stopped early', { timeout: LONG_MS })
  const after = await runsShown(page)
  const pointsAfter = await numberAttribute(chart, 'data-points')
  await page.reload()
  await expect(page.getByTestId('training-state')).toHaveText('Stopped early', { timeout: LONG_MS })
  expect(await runsShown(page)).toEqual(after)
  expect(after[0]?.outcome).toBe('stopped')
  await expect.poll(() => numberAttribute(chart, 'data-points'), { timeout: LONG_MS }).toBe(pointsAfter)
  await screenshot(page, 'reload-after-run')

  await page.getByTestId('tab-gradcheck').click()
  await page.getByTestId('gradcheck-run').click()
  await expect(page.getByTestId('gradcheck-chart')).toBeVisible({ timeout: LONG_MS })
  await expect(page.getByTestId('gradcheck-skipped')).toHaveCount(0)
  await screenshot(page, 'reload-gradient-check')

  await page.getByTestId('tab-train').click()
  await page.getByTestId('field-epochs').fill('2')
  await page.getByTestId('train-button').click()
  await expect(page.getByTestId('run-item').first().locator('strong')).toHaveText('Run 2 · skip-gram, d=50', { timeout: LONG_MS })

  // A run removed from the list stays removed after a reload: the trainer forgets it too.
  await expect(page.getByTestId('training-state')).toHaveText('Finished', { timeout: LONG_MS })
  await page.getByRole('button', { name: 'Remove Run 1 · skip-gram, d=50' }).click()
  await expect(page.getByTestId('run-item')).toHaveCount(1)
  await page.reload()
  await expect(page.getByTestId('training-state')).toHaveText('Finished', { timeout: LONG_MS })
  expect((await runsShown(page)).map((run) => run.label)).toEqual(['Run 2 · skip-gram, d=50'])
})
