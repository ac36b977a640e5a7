/**
 * Issue 12: the form shows only the fields the chosen schedule reads, every select shows its
 * whole choice (the Schedule select read "word2vec (epochs, li"), and a field of the other
 * schedule keeps its value across a switch. Screenshots of the form under each schedule go to
 * test-results/screenshots for review.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { chromiumMissing } from '../browser'
import { expect, test } from './fixtures'
import { ROOT, choosePreset, openApp } from './window'

test.skip(chromiumMissing() !== null, `Browser tests skipped: ${chromiumMissing() ?? ''}`)

/**
 * Selects of the form whose chosen option's text is wider than the room the select gives it
 * (inside the padding, less about 1.5em for the drop-down arrow). A string, run in the page,
 * because this side has no DOM types.
 */
const CUT_OFF_SELECTS = `(() => {
  const context = document.createElement('canvas').getContext('2d')
  const form = document.getElementById('hp-heading').parentElement
  return [...form.querySelectorAll('select')].flatMap((select) => {
    const style = getComputedStyle(select)
    context.font = style.fontStyle + ' ' + style.fontWeight + ' ' + style.fontSize + ' ' + style.fontFamily
    const text = select.selectedOptions[0] ? select.selectedOptions[0].text : ''
    const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 1.5 * parseFloat(style.fontSize)
    return context.measureText(text).width > room ? [select.id + ': ' + text] : []
  })
})()`

async function cutOffSelects(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(CUT_OFF_SELECTS)
}

test('the form shows the chosen schedule’s fields only, whole, and keeps the other’s values', async ({ page }) => {
  mkdirSync(join(ROOT, 'test-results', 'screenshots'), { recursive: true })
  await openApp(page)
  const form = page.locator('section[aria-labelledby="hp-heading"]')
  await choosePreset(page, 'word2vec')
  await expect(page.getByTestId('field-epochs')).toBeVisible()
  await expect(page.getByTestId('field-iterations')).toHaveCount(0)
  await expect(page.getByTestId('field-step')).toHaveCount(0)
  expect(await cutOffSelects(page)).toEqual([])
  await form.screenshot({ path: join(ROOT, 'test-results', 'screenshots', 'form-word2vec.png') })

  await page.getByTestId('field-epochs').fill('7')
  await page.getByTestId('field-schedule').selectOption('cs224n')
  await expect(page.getByTestId('field-iterations')).toBeVisible()
  await expect(page.getByTestId('field-optimizer')).toBeVisible()
  await expect(page.getByTestId('field-epochs')).toHaveCount(0)
  await expect(page.getByTestId('field-alpha')).toHaveCount(0)
  expect(await cutOffSelects(page)).toEqual([])
  await expect(form.locator('input:disabled, select:disabled')).toHaveCount(0)
  await form.screenshot({ path: join(ROOT, 'test-results', 'screenshots', 'form-cs224n.png') })

  await page.getByTestId('field-schedule').selectOption('word2vec')
  await expect(page.getByTestId('field-epochs')).toHaveValue('7')

  // The longest loss name fits its select, and K goes with negative sampling.
  await page.getByTestId('field-loss').selectOption('hierarchicalSoftmax')
  await expect(page.getByTestId('field-negatives')).toHaveCount(0)
  expect(await cutOffSelects(page)).toEqual([])
  await form.screenshot({ path: join(ROOT, 'test-results', 'screenshots', 'form-hierarchical-softmax.png') })
  await page.getByTestId('field-loss').selectOption('negSampling')
  await expect(page.getByTestId('field-negatives')).toBeVisible()
})
