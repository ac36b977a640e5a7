/**
 * Issue 15, items 5: the explore tools core has, in the window. On a vectors file opened through
 * the dialog, an analogy by 3CosMul, a weighted sum of words by 3CosAdd and the odd one out show
 * the words and the scores gensim computes on the same file (most_similar_cosmul, most_similar with
 * (word, weight) pairs, doesnt_match and rank_by_centrality), and a malformed expression is
 * answered with a sentence. Screenshot: test-results/screenshots/explore-queries.png.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator } from '@playwright/test'
import { chromiumMissing } from '../browser'
import { expect, test } from './fixtures'
import { LONG_MS, ROOT, numberIn, openApp } from './window'

test.skip(chromiumMissing() !== null, `Browser tests skipped: ${chromiumMissing() ?? ''}`)

const SHOTS = join(ROOT, 'test-results', 'screenshots')
const DIM = 12
const ROYALS = ['king', 'queen', 'man', 'woman', 'prince', 'princess', 'boy', 'girl', 'breakfast', 'lunch', 'dinner', 'cereal', 'whale']

let folder: string
test.beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'w2v-e2e-explore-'))
  mkdirSync(SHOTS, { recursive: true })
})
test.afterEach(() => rmSync(folder, { recursive: true, force: true }))

/** Letters only, so no word reads as a number; a seeded generator, so the file is the same every run. */
function vectorsFile(): string {
  let seed = 11
  const next = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5
  const letters = 'abcdefghijklmnopqrstuvwxyz'
  const fillers = Array.from({ length: 400 }, (_, i) => `f${letters[Math.floor(i / 26) % 26]}${letters[i % 26]}x`)
  const vector = new Map<string, number[]>()
  for (const word of [...ROYALS, ...fillers]) vector.set(word, Array.from({ length: DIM }, next))
  // king − man + woman ≈ queen, with noise, so the answers mean something.
  const royal = Array.from({ length: DIM }, next)
  for (const [male, female] of [['king', 'queen'], ['prince', 'princess']] as const) {
    vector.set(male, vector.get('man')!.map((x, d) => x + royal[d]! + 0.2 * next()))
    vector.set(female, vector.get('woman')!.map((x, d) => x + royal[d]! + 0.2 * next()))
  }
  const path = join(folder, 'royals.vec')
  writeFileSync(path, `${vector.size} ${DIM}\n${[...vector].map(([w, v]) => `${w} ${v.map((x) => x.toFixed(6)).join(' ')}`).join('\n')}\n`)
  return path
}

interface Gensim {
  cosmul: [string, number][]
  cosadd: [string, number][]
  weighted: [string, number][]
  odd: string
  centrality: [number, string][]
}

function gensim(path: string): Gensim {
  const script = [
    'import sys, json, logging',
    'logging.disable(logging.CRITICAL)',
    'from gensim.models import KeyedVectors',
    'kv = KeyedVectors.load_word2vec_format(sys.argv[1])',
    'cosmul = kv.most_similar_cosmul(positive=["king", "woman"], negative=["man"], topn=10)',
    'cosadd = kv.most_similar(positive=["king", "woman"], negative=["man"], topn=10)',
    'weighted = kv.most_similar(positive=[("king", 1.0), ("man", -1.0), ("woman", 0.5), ("princess", 1.0)], topn=10)',
    'group = ["breakfast", "lunch", "dinner", "whale", "unicorn"]',
    'known = [w for w in group if w in kv]',
    'print(json.dumps({"cosmul": cosmul, "cosadd": cosadd, "weighted": weighted, "odd": kv.doesnt_match(group), "centrality": kv.rank_by_centrality(known)}, default=float))',
  ].join('\n')
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as Gensim
}

/** Each item's word and the score shown beside it (three significant digits). */
async function shownRanking(list: Locator): Promise<[string, number][]> {
  const items = await list.locator('li').all()
  return Promise.all(items.map(async (item) => {
    const score = await item.locator('.numeric').innerText()
    const text = await item.innerText()
    return [text.slice(0, text.lastIndexOf(score)).trim(), numberIn(score)] as [string, number]
  }))
}

function expectSameRanking(shown: [string, number][], theirs: [string, number][]): void {
  expect(shown.map(([w]) => w)).toEqual(theirs.map(([w]) => w))
  // Three significant digits: off by at most half a unit of the third.
  shown.forEach(([, x], i) => expect(Math.abs(x - theirs[i]![1])).toBeLessThanOrEqual(0.005 * Math.abs(theirs[i]![1]) + 1e-12))
}

test('3CosMul analogies, weighted sums of words and the odd one out show gensim\'s words and scores', async ({ page, harness }) => {
  const path = vectorsFile()
  const expected = gensim(path)
  await openApp(page)
  await harness.answerDialog({ channel: 'openVectorsDialog', answer: path })
  await page.getByRole('button', { name: 'Open vectors…' }).click()
  await expect(page.getByTestId('vectors-file')).toContainText('413 words', { timeout: LONG_MS })
  await page.getByTestId('tab-explore').click()

  await page.getByTestId('analogy-a').fill('man')
  await page.getByTestId('analogy-b').fill('king')
  await page.getByTestId('analogy-c').fill('woman')
  await page.getByTestId('analogy-method').selectOption('3CosMul')
  await page.getByTestId('analogy-submit').click()
  await expect(page.getByTestId('analogy-results').locator('li')).toHaveCount(10, { timeout: LONG_MS })
  expectSameRanking(await shownRanking(page.getByTestId('analogy-results')), expected.cosmul)
  // The method reached the trainer: 3CosAdd ranks this question otherwise.
  expect(expected.cosadd.map(([w]) => w)).not.toEqual(expected.cosmul.map(([w]) => w))
  expect(expected.cosadd[0]![0]).toBe('queen')

  // Upper case is folded as the vocabulary was (lower-cased), operators and weights kept.
  await page.getByTestId('expression-input').fill('King - man + 0.5*woman + princess')
  await page.getByTestId('expression-submit').click()
  await expect(page.getByTestId('expression-results').locator('li')).toHaveCount(10, { timeout: LONG_MS })
  await expect(page.getByTestId('expression-terms')).toHaveText('Nearest to king − man + 0.5 × woman + princess, its words left out')
  expectSameRanking(await shownRanking(page.getByTestId('expression-results')), expected.weighted)

  await page.getByTestId('odd-input').fill('breakfast, lunch, dinner, whale, unicorn')
  await page.getByTestId('odd-submit').click()
  await expect(page.getByTestId('odd-word')).toHaveText(`Doesn’t match: ${expected.odd}`, { timeout: LONG_MS })
  await expect(page.getByTestId('odd-unknown')).toHaveText('Not in the vocabulary, left out: unicorn')
  expectSameRanking(await shownRanking(page.getByTestId('odd-ranking')), expected.centrality.map(([score, word]) => [word, score]))
  await page.screenshot({ path: join(SHOTS, 'explore-queries.png'), fullPage: true })

  // A malformed expression: a sentence, and no stale answers beside it.
  await page.getByTestId('expression-input').fill('king man')
  await page.getByTestId('expression-submit').click()
  await expect(page.getByTestId('expression-error')).toHaveText('“king” and “man” need a + or − between them, with a space on each side.')
  await expect(page.getByTestId('expression-results').locator('li')).toHaveCount(0)
  await page.getByTestId('expression-method').selectOption('3CosMul')
  await page.getByTestId('expression-input').fill('king - 0.5 * man')
  await page.getByTestId('expression-submit').click()
  await expect(page.getByTestId('expression-error')).toHaveText('3CosMul multiplies similarities and takes no weights (“man” has 0.5); use 3CosAdd for weights.')
})
