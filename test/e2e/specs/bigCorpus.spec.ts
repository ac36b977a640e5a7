/**
 * Issue 12: pressing Train on a large corpus (20 million tokens) shows at once what the trainer
 * is doing, in words (building the vocabulary, encoding, the noise table, allocating), instead
 * of "ready" with every button disabled for seconds.
 */
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { once } from 'node:events'
import { TRAINER_PHASES } from '../../../src-main/core/contract/trainerProtocol'
import { chromiumMissing } from '../browser'
import { expect, test } from './fixtures'
import { choosePreset, openApp, screenshot, shownNumber } from './window'

test.skip(chromiumMissing() !== null, `Browser tests skipped: ${chromiumMissing() ?? ''}`)

const TOKENS = 20_000_000
const TYPES = 50_000
const WORDS_PER_LINE = 25
/** What the bar may say once Train is pressed: the label of a phase of preparing or training the run. */
const RUN_PHASE_LABELS = Object.values(TRAINER_PHASES).filter((p) => p.state === 'preparing' || p.state === 'training').map((p) => p.label)

/** Made-up words with a Zipf-like spread (word r drawn with weight 1/r), from a seeded generator, so every run writes the same text. */
async function writeCorpus(path: string): Promise<void> {
  const words = Array.from({ length: TYPES }, (_, r) => `w${r.toString(36)}`)
  const cumulative = new Float64Array(TYPES)
  let sum = 0
  for (let r = 0; r < TYPES; r++) cumulative[r] = sum += 1 / (r + 1)
  let seed = 12
  const draw = (): string => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0
    const target = (seed / 2 ** 32) * sum
    let lo = 0
    let hi = TYPES - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (cumulative[mid]! < target) lo = mid + 1
      else hi = mid
    }
    return words[lo]!
  }
  const out = createWriteStream(path)
  const line: string[] = []
  let chunk: string[] = []
  for (let t = 0; t < TOKENS; t++) {
    line.push(draw())
    if (line.length < WORDS_PER_LINE) continue
    chunk.push(line.join(' '))
    line.length = 0
    if (chunk.length === 4000) {
      if (!out.write(`${chunk.join('\n')}\n`)) await once(out, 'drain')
      chunk = []
    }
  }
  out.end(`${chunk.join('\n')}\n`)
  await once(out, 'finish')
}

test('Train on a 20M-token corpus shows a labelled phase within half a second', async ({ page, harness }) => {
  test.setTimeout(300_000)
  const folder = await mkdtemp(join(tmpdir(), 'w2v-big-corpus-'))
  try {
    const corpus = join(folder, 'twenty-million.txt')
    await writeCorpus(corpus)
    await openApp(page)
    await harness.answerDialog({ channel: 'openCorpusDialog', answer: [corpus] })
    await page.getByTestId('corpus-open').click()
    await expect.poll(() => shownNumber(page.getByTestId('corpus-tokens')), { timeout: 180_000 }).toBe(TOKENS)
    await choosePreset(page, 'quick')
    const train = page.getByTestId('train-button')
    await expect(train).toBeEnabled()

    await train.click()
    const state = page.getByTestId('training-state')
    await expect(state).toHaveText(new RegExp(`^(${RUN_PHASE_LABELS.join('|')})$`), { timeout: 500 })
    await screenshot(page, 'big-corpus-preparing')
    await expect(page.getByText('Press Train to see the loss fall.')).toHaveCount(0)
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
})
