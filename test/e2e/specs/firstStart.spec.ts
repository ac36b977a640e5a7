/**
 * Issue 6, end-to-end test 1: on a first start the window has loaded Moby-Dick by itself;
 * Quick look trains, the loss chart gains points while the smoothed loss falls, the scatter
 * plot labels its words, and Stop ends the run.
 */
import { chromiumMissing } from '../browser'
import { expect, test } from './fixtures'
import { LONG_MS, choosePreset, numberAttribute, openApp } from './window'

test.skip(chromiumMissing() !== null, `Browser tests skipped: ${chromiumMissing() ?? ''}`)

test('first start: the default corpus trains with Quick look, the curves move, and Stop ends the run', async ({ page }) => {
  await openApp(page)
  await choosePreset(page, 'quick')
  // Quick look trains Moby-Dick in about a second; more epochs leave time to watch it and press Stop.
  await page.getByTestId('field-epochs').fill('40')
  const train = page.getByTestId('train-button')
  await expect(train).toBeEnabled()
  await train.click()
  await expect(page.getByTestId('training-state')).toHaveText(/training/i, { timeout: LONG_MS })

  const chart = page.getByTestId('loss-chart')
  await expect.poll(() => numberAttribute(chart, 'data-points'), { timeout: LONG_MS }).toBeGreaterThan(0)
  const early = await numberAttribute(chart, 'data-points')
  await expect.poll(() => numberAttribute(chart, 'data-points'), { timeout: LONG_MS }).toBeGreaterThan(early)
  await expect.poll(async () => {
    const first = await numberAttribute(chart, 'data-first-smoothed')
    const last = await numberAttribute(chart, 'data-last-smoothed')
    return Number.isFinite(first) && Number.isFinite(last) && last < first
  }, { timeout: LONG_MS, message: 'the smoothed loss falls below its first value' }).toBe(true)

  const labels = async (): Promise<unknown> => JSON.parse((await page.getByTestId('scatter-plot').getAttribute('data-labels')) ?? '[]')
  await expect.poll(async () => {
    const words = await labels()
    return Array.isArray(words) && words.length > 0 && words.every((w) => typeof w === 'string' && w.length > 0)
  }, { timeout: LONG_MS, message: 'the scatter plot labels its words' }).toBe(true)

  await page.getByTestId('stop-button').click()
  await expect(page.getByTestId('training-state')).toHaveText(/finished|stopped/i, { timeout: LONG_MS })
  await expect(train).toBeEnabled()
})
