/**
 * Issue 6, end-to-end test 6: dimension 0 is refused inline with a sentence and Train is
 * disabled; a valid dimension clears both.
 */
import { chromiumMissing } from '../browser'
import { expect, test } from './fixtures'
import { openApp } from './window'

test.skip(chromiumMissing() !== null, `Browser tests skipped: ${chromiumMissing() ?? ''}`)

test('dimension 0 shows an inline error and disables Train', async ({ page }) => {
  await openApp(page)
  const train = page.getByTestId('train-button')
  await expect(train).toBeEnabled()

  await page.getByTestId('field-dim').fill('0')
  const error = page.getByTestId('error-dim')
  await expect(error).toBeVisible()
  await expect(error).toHaveText(/^\s*[\p{Lu}“‘"'][^\n]{10,}[.!]\s*$/u)
  await expect(train).toBeDisabled()

  await page.getByTestId('field-dim').fill('50')
  await expect(error).toHaveCount(0)
  await expect(train).toBeEnabled()
})
