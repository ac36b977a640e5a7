/**
 * Issue 6, end-to-end test 7: PNG screenshots of each view (train, gradient check, explore,
 * export dialog) in the light and the dark theme, which follows the system's, saved under
 * test-results/screenshots for review. The gradient check the screenshots need is also issue 6's
 * end-to-end test 3 (every check passes; its table and chart are shown): its 25 checks take
 * about 20 s, so one run serves both.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { chromiumMissing } from '../browser'
import { expect, test } from './fixtures'
import { LONG_MS, ROOT, openApp, trainQuickLook } from './window'

test.skip(chromiumMissing() !== null, `Browser tests skipped: ${chromiumMissing() ?? ''}`)

const FOLDER = join(ROOT, 'test-results', 'screenshots')
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
type Scheme = 'light' | 'dark'

async function shoot(page: Page, view: string, scheme: Scheme): Promise<Buffer> {
  const path = join(FOLDER, `${view}-${scheme}.png`)
  await page.screenshot({ path, fullPage: true, animations: 'disabled' })
  const png = readFileSync(path)
  expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE)
  return png
}

test('every view in light and dark', async ({ page }, testInfo) => {
  testInfo.setTimeout(120_000)
  mkdirSync(FOLDER, { recursive: true })
  await page.emulateMedia({ colorScheme: 'light' })
  await openApp(page)
  // Views with something in them: a trained run and a gradient check.
  await trainQuickLook(page)
  await test.step('the gradient check passes every check and shows its table and chart', async () => {
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

  const trainShots: Partial<Record<Scheme, Buffer>> = {}
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.getByTestId('tab-train').click()
    await expect(page.getByTestId('loss-chart')).toBeVisible()
    trainShots[scheme] = await shoot(page, 'train', scheme)
    await page.getByTestId('tab-gradcheck').click()
    await expect(page.getByTestId('gradcheck-table')).toBeVisible()
    await shoot(page, 'gradient-check', scheme)
    await page.getByTestId('tab-explore').click()
    await expect(page.getByTestId('neighbours-input')).toBeVisible()
    await shoot(page, 'explore', scheme)
  }
  // The theme follows the system's: the same view looks different in the two.
  expect(trainShots.light?.equals(trainShots.dark ?? Buffer.alloc(0))).toBe(false)

  await page.getByTestId('export-open').click()
  await expect(page.getByTestId('export-dialog')).toBeVisible()
  for (const scheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await shoot(page, 'export-dialog', scheme)
  }
})
