/**
 * A bad-input campaign in the window, kept as a regression suite: mistakes a user makes with
 * files, settings and queries. Each must show one sentence where the mistake was made, and lose
 * nothing: the corpus loaded before stays, Train stays usable once the mistake is undone.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromiumMissing } from '../browser'
import { expect, test } from './fixtures'
import { LONG_MS, choosePreset, openApp, screenshot, shownNumber, trainQuickLook } from './window'

test.skip(chromiumMissing() !== null, `Browser tests skipped: ${chromiumMissing() ?? ''}`)

/** A sentence a user understands: a capital (or a quoted name) first, a full stop at the end, no internals. */
const SENTENCE = /^\s*[\p{Lu}“‘"'][^\n]{10,}[.!]\s*$/u
const INTERNALS = /TypeError|RangeError|undefined|NaN|\[object|at .*\.ts:\d/

let folder: string
test.beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'w2v-e2e-bad-'))
})
test.afterEach(() => rmSync(folder, { recursive: true, force: true }))

test('files: empty, whitespace-only and binary drops are refused in a sentence and Moby-Dick stays', async ({ page }) => {
  await openApp(page)
  const tokens = await shownNumber(page.getByTestId('corpus-tokens'))
  const error = page.getByTestId('corpus-error')
  for (const [name, buffer] of [
    ['empty.txt', Buffer.alloc(0)],
    ['blank.txt', Buffer.from(' \n\t\n\n   \n')],
    ['punctuation.txt', Buffer.from('... !!! ??? --- ,,,\n'.repeat(20))],
    ['image.png', Buffer.from([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 1, 0])],
  ] as const) {
    await page.locator('body').drop({ files: { name, mimeType: 'text/plain', buffer } })
    await expect(error, name).toBeVisible({ timeout: LONG_MS })
    await expect(error, name).toHaveText(SENTENCE)
    await expect(error, name).not.toHaveText(INTERNALS)
    await expect(page.getByTestId('corpus-name'), name).toContainText('Moby')
    expect(await shownNumber(page.getByTestId('corpus-tokens')), name).toBe(tokens)
  }
  await expect(page.getByTestId('train-button')).toBeEnabled()
})

test('settings: out-of-range and non-numbers in either schedule get a sentence at the field, Train waits', async ({ page }) => {
  await openApp(page)
  const train = page.getByTestId('train-button')
  const cases: [string, string, 'word2vec' | 'cs224n'][] = [
    ['dim', 'abc', 'word2vec'], ['dim', '2001', 'word2vec'], ['dim', '1.5', 'word2vec'], ['window', '0', 'word2vec'],
    ['alpha', '-1', 'word2vec'], ['sample', '5', 'word2vec'], ['epochs', '0', 'word2vec'], ['minCount', '-3', 'word2vec'],
    ['batch', '1000000000', 'cs224n'], ['iterations', '0', 'cs224n'], ['seed', '-1', 'cs224n'], ['annealEvery', '1e12', 'cs224n'],
  ]
  for (const [field, value, preset] of cases) {
    await choosePreset(page, preset === 'cs224n' ? 'cs224n' : 'word2vec')
    const input = page.getByTestId(`field-${field}`)
    const before = await input.inputValue()
    await input.fill(value)
    const error = page.getByTestId(`error-${field}`)
    await expect(error, `${field} = ${value}`).toBeVisible()
    await expect(error, `${field} = ${value}`).toHaveText(SENTENCE)
    await expect(error, `${field} = ${value}`).not.toHaveText(INTERNALS)
    await expect(train, `${field} = ${value}`).toBeDisabled()
    await input.fill(before)
    await expect(error).toHaveCount(0)
    await expect(train).toBeEnabled()
  }
})

// One Quick look run serves the queries, the benchmarks and the export (each needs vectors).
test('queries, benchmarks and export after a run: unknown words, a malformed file, a file with no known pair and a missing export folder each get a sentence', async ({ page, harness }) => {
  await openApp(page)
  await trainQuickLook(page)
  await test.step('queries and benchmarks', async () => {
    await page.getByTestId('tab-explore').click()

    await page.getByTestId('neighbours-input').fill('xyzzyplugh')
    await page.getByTestId('neighbours-submit').click()
    const neighboursError = page.getByRole('alert').filter({ hasText: 'xyzzyplugh' })
    await expect(neighboursError).toHaveText(SENTENCE, { timeout: LONG_MS })

    await page.getByTestId('analogy-a').fill('whale')
    await page.getByTestId('analogy-b').fill('ship')
    await page.getByTestId('analogy-c').fill('qqqqzzzz')
    await page.getByTestId('analogy-submit').click()
    await expect(page.getByRole('alert').filter({ hasText: 'qqqqzzzz' })).toHaveText(SENTENCE, { timeout: LONG_MS })

    const malformed = join(folder, 'questions.txt')
    writeFileSync(malformed, ': family\nboy girl brother\n')
    await harness.answerDialog({ channel: 'openBenchmarkDialog', answer: malformed })
    await page.getByTestId('evaluate-analogies-open').click()
    await expect(page.getByRole('alert').filter({ hasText: /line 2/i })).toHaveText(SENTENCE, { timeout: LONG_MS })

    const unknownPairs = join(folder, 'pairs.tsv')
    writeFileSync(unknownPairs, 'xyzzy\tplugh\t5.0\nfrobnicate\tquux\t3.0\n')
    await harness.answerDialog({ channel: 'openBenchmarkDialog', answer: unknownPairs })
    await page.getByTestId('evaluate-pairs-open').click()
    const noPair = page.getByRole('alert').filter({ hasText: /nothing to correlate/i })
    await expect(noPair).toHaveText(SENTENCE, { timeout: LONG_MS })
    await expect(noPair).not.toHaveText(INTERNALS)
  })
  await test.step('export: a folder that does not exist gets a sentence in the dialog, and nothing is written', async () => {
    const target = join(folder, 'missing-folder', 'vectors.txt')
    await harness.answerDialog({ channel: 'exportDialog', answer: target })
    await page.getByTestId('export-open').click()
    await page.getByTestId('export-submit').click()
    const error = page.getByTestId('export-error')
    await expect(error).toBeVisible({ timeout: LONG_MS })
    await expect(error).toHaveText(SENTENCE)
    await expect(error).not.toHaveText(INTERNALS)
  })
})

test('vectors: pretrained vectors of another dimension and a folder that is not a Spark model get a sentence, and nothing is lost', async ({ page, harness }) => {
  await openApp(page)
  const tokens = await shownNumber(page.getByTestId('corpus-tokens'))
  await choosePreset(page, 'quick')
  const pretrained = join(folder, 'small.vec')
  writeFileSync(pretrained, `2 8\nwhale ${'0.5 '.repeat(8).trim()}\nship ${'0.25 '.repeat(8).trim()}\n`)
  await harness.answerDialog({ channel: 'openVectorsDialog', answer: pretrained })
  await page.getByTestId('pretrained-choose').click()
  await expect(page.getByTestId('pretrained-file')).toHaveText('small.vec')
  await page.getByTestId('train-button').click()
  const banner = page.getByTestId('app-error')
  await expect(banner).toHaveText('The pretrained vectors in “small.vec” have 8 dimensions but this run trains 50; set the dimension to 8 or use vectors of dimension 50.', { timeout: LONG_MS })
  await expect(page.getByTestId('training-state')).not.toHaveText(/training|finished/i)
  await expect(page.getByTestId('pretrained-file')).toHaveText('small.vec')
  await expect(page.getByTestId('corpus-name')).toContainText('Moby')
  expect(await shownNumber(page.getByTestId('corpus-tokens'))).toBe(tokens)
  await expect(page.getByTestId('train-button')).toBeEnabled()
  await screenshot(page, 'bad-pretrained-dimension')

  const texts = join(folder, 'texts')
  mkdirSync(texts)
  writeFileSync(join(texts, 'a.txt'), 'call me ishmael\n')
  await harness.answerDialog({ channel: 'openVectorsDialog', answer: texts })
  await page.getByTestId('open-spark-model').click()
  const error = page.getByTestId('corpus-error')
  await expect(error).toHaveText(SENTENCE, { timeout: LONG_MS })
  await expect(error).toContainText('not a saved Spark Word2VecModel either (it has no metadata/part-00000)')
  await expect(error).not.toHaveText(INTERNALS)
  await expect(page.getByTestId('vectors-file')).toHaveCount(0)
  await expect(page.getByTestId('corpus-name')).toContainText('Moby')
  expect(await shownNumber(page.getByTestId('corpus-tokens'))).toBe(tokens)
  await screenshot(page, 'not-a-spark-model')
})
