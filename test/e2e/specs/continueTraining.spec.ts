/**
 * Issue 15, item 3: a run started from pretrained vectors (chosen in the run setup, locked), then
 * continued on another corpus. Each time the bar says what the trainer kept and what is new, and
 * its numbers add up to the vocabulary the window shows.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromiumMissing } from '../browser'
import { expect, test } from './fixtures'
import { LONG_MS, choosePreset, numberIn, openApp, screenshot, shownNumber } from './window'

test.skip(chromiumMissing() !== null, `Browser tests skipped: ${chromiumMissing() ?? ''}`)

let dir = ''
test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'w2v-e2e-continue-'))
})
test.afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Numbers in a sentence, in order ("1,234" as 1234). */
function numbersIn(text: string): number[] {
  return [...text.matchAll(/\d[\d,]*/g)].map((m) => numberIn(m[0]))
}

test('starts from locked pretrained vectors, then continues the run on another corpus, saying what was kept and what is new', async ({ page, harness }) => {
  // Quick look trains 50 dimensions: four Moby-Dick words and one the book does not have.
  const pretrained = join(dir, 'pretrained.vec')
  const row = (word: string, value: number): string => `${word} ${Array(50).fill(value.toFixed(2)).join(' ')}`
  await writeFile(pretrained, ['5 50', row('whale', 0.1), row('ship', 0.2), row('sea', 0.3), row('ahab', 0.4), row('qwzx', 0.5)].join('\n') + '\n')
  const more = join(dir, 'more.txt')
  await writeFile(more, 'the whale and the sea and the ship zorblax quenthil\n'.repeat(10))

  await openApp(page)
  await choosePreset(page, 'quick')
  await harness.answerDialog({ channel: 'openVectorsDialog', answer: pretrained })
  await page.getByTestId('pretrained-choose').click()
  await expect(page.getByTestId('pretrained-file')).toHaveText('pretrained.vec')
  await page.getByTestId('pretrained-lock').check()
  const vocabulary = await shownNumber(page.getByTestId('corpus-vocab'))
  await page.getByTestId('train-button').click()
  const warmStart = page.getByTestId('warm-start')
  await expect(warmStart).toContainText('pretrained vectors used from “pretrained.vec” (locked)', { timeout: LONG_MS })
  const [used, random] = numbersIn((await warmStart.textContent()) ?? '')
  expect(used).toBe(4)
  expect(used! + random!).toBe(vocabulary)
  await expect(page.getByTestId('training-state')).toHaveText('Finished', { timeout: LONG_MS })
  await screenshot(page, 'pretrained-start')

  // The continuation's own epochs and learning rate, from the form, as gensim's train() on new text takes them; a wrong one waits.
  await page.getByTestId('field-epochs').fill('0')
  await expect(page.getByTestId('continue-button')).toBeDisabled()
  await expect(page.getByTestId('continue-button')).toHaveAttribute('title', /^The continuation trains with the form's epochs, learning rates and threads: .*\.$/)
  await page.getByTestId('field-epochs').fill('1')
  await page.getByTestId('field-alpha').fill('0.01')
  await harness.answerDialog({ channel: 'openCorpusDialog', answer: [more] })
  await page.getByTestId('continue-button').click()
  await expect(warmStart).toContainText('Continuing the saved run', { timeout: LONG_MS })
  // Kept: the whole vocabulary; new: the two made-up words (10 times each, over minCount 5); the, whale, and, sea, ship occur in it.
  expect(numbersIn((await warmStart.textContent()) ?? '')).toEqual([vocabulary, 2, 5, 5])
  await expect(page.getByTestId('corpus-name')).toHaveText('more.txt')
  await expect(page.getByTestId('training-state')).toHaveText('Finished', { timeout: LONG_MS })
  await expect(page.getByTestId('run-item')).toHaveCount(2)
  // Newest first: the continuation trained 1 epoch from α 0.01; the first run kept its 2 from 0.025.
  await expect(page.getByTestId('run-item').first()).toContainText('1 epoch · α 0.01 →')
  await expect(page.getByTestId('run-item').last()).toContainText('2 epochs · α 0.025 →')
  await screenshot(page, 'continued-run')
})
