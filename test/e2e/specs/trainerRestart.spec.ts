/**
 * Issue 12: a trainer killed mid-run (as the system kills one out of memory) and restarted from
 * its last checkpoint shows the checkpoint's progress, not the progress the dead trainer had
 * reached; while it is gone and while it restarts, the bar says so in words.
 */
import type { W2vApi } from '../../../src-main/core/contract/preloadApi'
import { chromiumMissing } from '../browser'
import { expect, test } from './fixtures'
import { LONG_MS, openApp, screenshot, shownFraction, startLongRun } from './window'

test.skip(chromiumMissing() !== null, `Browser tests skipped: ${chromiumMissing() ?? ''}`)

type PageGlobals = { w2v: W2vApi; savedDone: number[]; total: number }

test('a killed trainer restarts from its last checkpoint, at the checkpoint’s progress', async ({ page, harness }) => {
  test.setTimeout(120_000)
  await openApp(page)
  // A checkpoint every 5 seconds: the run has one well before it ends, and trains on past it before the kill.
  await page.evaluate(async () => {
    const g = globalThis as unknown as PageGlobals
    g.savedDone = []
    g.w2v.onTrainerEvent((event) => {
      if (event.type === 'checkpointSaved') g.savedDone.push(event.done)
      if (event.type === 'state' && event.run) g.total = event.run.total
    })
    await g.w2v.updateSettings({ autosaveSeconds: 5 })
  })
  await startLongRun(page, 200)
  const saves = () => page.evaluate(() => (globalThis as unknown as PageGlobals).savedDone.length)
  await expect.poll(saves, { timeout: LONG_MS }).toBeGreaterThan(0)
  const total = await page.evaluate(() => (globalThis as unknown as PageGlobals).total)
  const savedDone = await page.evaluate(() => (globalThis as unknown as PageGlobals).savedDone.at(-1)!)
  const checkpointFraction = savedDone / total
  await expect.poll(() => shownFraction(page), { timeout: LONG_MS }).toBeGreaterThan(checkpointFraction + 0.02)
  expect(await saves(), 'no checkpoint was written after the one measured').toBe(1)

  await harness.killTrainer()
  const state = page.getByTestId('training-state')
  await expect(page.getByTestId('trainer-crashed')).toBeVisible({ timeout: LONG_MS })
  await expect(state).toHaveText('The trainer stopped')
  await expect(page.getByTestId('run-item')).toHaveAttribute('data-outcome', 'interrupted')
  await screenshot(page, 'trainer-killed')

  await page.getByTestId('restart-button').click()
  await expect(state).toHaveText('Paused', { timeout: LONG_MS })
  await screenshot(page, 'trainer-restored')
  expect(await shownFraction(page)).toBeCloseTo(checkpointFraction, 3)
  await expect(page.getByTestId('run-item')).toHaveCount(1)
  await expect(page.getByTestId('run-item')).toHaveAttribute('data-outcome', 'running')
  // The list says what the bar says: the restored run waits, paused.
  await expect(page.getByTestId('run-item').locator('.muted').first()).toContainText('paused')

  await page.getByTestId('resume-button').click()
  await expect(state).toHaveText('Training', { timeout: LONG_MS })
  await expect.poll(() => shownFraction(page), { timeout: LONG_MS }).toBeGreaterThan(checkpointFraction)
})
