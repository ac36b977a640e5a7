/**
 * Issue 14: the course's path as a student walks it. A datasetSentences.txt (the treebank's
 * layout and token kinds, made from Moby-Dick) dropped on the window is offered the course's
 * preset; one click reads it the course's way (the header and numbers gone, `-lrb-` and `'s`
 * words, UNK added); a course run shows iterations per second, the final exploss with run.py's
 * sanity check, and the scatter plot of run.py's 24 words. Screenshots go to test-results.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { datasetSentencesText } from '../../../bench/datasetSentences'
import { CS224N_PLOT_WORDS } from '../../../src-main/core/contract/wordList'
import { pngSize } from '../../support/figureFiles'
import { chromiumMissing } from '../browser'
import { expect, test } from './fixtures'
import { LONG_MS, openApp, screenshot, shownNumber } from './window'

test.skip(chromiumMissing() !== null, `Browser tests skipped: ${chromiumMissing() ?? ''}`)

const TEXT = datasetSentencesText()
const LINES = TEXT.trimEnd().split('\n').slice(1)
const TOKENS = LINES.reduce((sum, line) => sum + line.slice(line.indexOf('\t') + 1).split(' ').length, 0)

let folder: string
test.beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'w2v-e2e-course-'))
})
test.afterEach(() => rmSync(folder, { recursive: true, force: true }))

test('a dropped datasetSentences.txt, the course preset, a course run and its word_vectors.png', async ({ page, harness }, testInfo) => {
  testInfo.setTimeout(240_000)
  await openApp(page)
  await page.locator('body').drop({ files: { name: 'datasetSentences.txt', mimeType: 'text/plain', buffer: Buffer.from(TEXT) } })
  await expect(page.getByTestId('corpus-name')).toContainText('datasetSentences.txt', { timeout: LONG_MS })
  const offer = page.getByTestId('corpus-use-course-preset')
  await expect(offer).toBeVisible({ timeout: LONG_MS })
  await expect(page.getByTestId('corpus-notices')).toContainText('looks like the CS224n assignment')
  await screenshot(page, 'course-offered')

  await offer.click()
  await expect(offer).toHaveCount(0, { timeout: LONG_MS })
  await expect(page.getByTestId('preset-select')).toHaveValue('cs224n')
  // Read as the course reads it: every token after the numbers, and nothing else.
  await expect.poll(() => shownNumber(page.getByTestId('corpus-tokens')), { timeout: LONG_MS }).toBe(TOKENS)
  await expect(page.getByTestId('field-subsampling')).toHaveValue('cs224n')
  await expect(page.getByTestId('field-unk')).toBeChecked()
  await expect(page.getByTestId('field-sample')).toHaveValue('0.00001')

  // A tenth of the course's 40,000 iterations keeps the spec short; the full run is the bench's course tier.
  await page.getByTestId('field-iterations').fill('4000')
  await page.getByTestId('field-annealEvery').fill('2000')
  await page.getByTestId('train-button').click()
  await expect(page.getByTestId('words-per-sec')).toHaveText(/iterations\/s$/, { timeout: LONG_MS })
  await screenshot(page, 'course-training')
  await expect(page.getByTestId('training-state')).toHaveText(/finished/i, { timeout: 180_000 })
  await expect(page.getByTestId('course-sanity-check')).toHaveText(/^Course check: (at or below|above) 10/)
  await expect(page.getByTestId('run-item').first()).toContainText(/final exploss \d/)

  const scatter = page.getByTestId('scatter-plot')
  await expect.poll(async () => JSON.parse((await scatter.getAttribute('data-labels')) ?? '[]') as string[]).not.toHaveLength(0)
  const plotted = JSON.parse((await scatter.getAttribute('data-labels')) ?? '[]') as string[]
  expect(plotted.every((word) => CS224N_PLOT_WORDS.includes(word))).toBe(true)
  const missing = CS224N_PLOT_WORDS.filter((word) => !plotted.includes(word))
  if (missing.length > 0) {
    await page.locator('.words summary').click()
    await expect(page.getByText(`Not in the vocabulary: ${missing.join(', ')}`)).toBeVisible()
  }
  testInfo.annotations.push({ type: 'plotted', description: `${plotted.length} of 24; missing: ${missing.join(', ') || 'none'}` })
  await page.waitForTimeout(500)
  await screenshot(page, 'course-finished')

  // The course's figure kept: word_vectors.png, and its coordinates as CSV.
  const save = page.getByTestId('save-scatter')
  const png = join(folder, 'word_vectors.png')
  await harness.answerDialog({ channel: 'saveFigure', answer: png })
  await save.locator('button[data-format="png"]').click()
  await expect(save.locator('[data-outcome="saved"]')).toHaveText(`Saved the word vectors plot to ${png}.`)
  expect(pngSize(readFileSync(png)).width).toBeGreaterThan(400)
  const csv = join(folder, 'word_vectors.csv')
  await harness.answerDialog({ channel: 'saveFigure', answer: csv })
  await save.locator('button[data-format="csv"]').click()
  await expect(save.locator('[data-outcome="saved"]')).toContainText(csv)
  const rows = readFileSync(csv, 'utf8').trim().split(/\r?\n/u)
  expect(rows[0]).toBe('word,x,y')
  expect(rows.slice(1).map((row) => row.split(',')[0])).toEqual(plotted)
})
