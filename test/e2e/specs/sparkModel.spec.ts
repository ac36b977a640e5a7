/**
 * Issue 15, item 6: a Spark Word2VecModel folder, opened with "Open Spark model…", is explored
 * and exported like any vectors file. Its neighbours are those gensim finds on the same vectors
 * (written by this spec as word2vec text, not read back through the app), and its export is a
 * word2vec file gensim loads with the same words and vectors. Screenshot:
 * test-results/screenshots/spark-model.png.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromiumMissing } from '../browser'
import { randomModel, writeSparkModel } from '../../node/vectors/sparkModelFixtures'
import { expect, test } from './fixtures'
import { LONG_MS, ROOT, numberIn, openApp } from './window'

test.skip(chromiumMissing() !== null, `Browser tests skipped: ${chromiumMissing() ?? ''}`)

const SHOTS = join(ROOT, 'test-results', 'screenshots')

let folder: string
test.beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'w2v-e2e-spark-'))
  mkdirSync(SHOTS, { recursive: true })
})
test.afterEach(() => rmSync(folder, { recursive: true, force: true }))

const GENSIM = [
  'import sys, json, logging',
  'logging.disable(logging.CRITICAL)',
  'from gensim.models import KeyedVectors',
  'kv = KeyedVectors.load_word2vec_format(sys.argv[1])',
  'print(json.dumps({"words": kv.index_to_key, "vectors": kv.vectors.tolist(), "neighbours": kv.most_similar(sys.argv[2], topn=10)}, default=float))',
].join('\n')

function gensim(path: string, word: string): { words: string[]; vectors: number[][]; neighbours: [string, number][] } {
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', GENSIM, path, word], { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] })) as ReturnType<typeof gensim>
}

test('a Spark model folder opens for exploring, shows gensim’s neighbours, and exports for gensim', async ({ page, harness }) => {
  const model = randomModel(600, 16, 8)
  const sparkFolder = join(folder, 'w2v-model')
  writeSparkModel(sparkFolder, model, { parts: 3, rowGroupSize: 64 })
  // The same vectors as word2vec text, written here: what gensim ranks (float32 values print exactly with 9 digits).
  const reference = join(folder, 'reference.vec')
  writeFileSync(reference, `${model.words.length} ${model.dim}\n${model.words.map((w, i) => `${w} ${Array.from(model.vectors.subarray(i * model.dim, (i + 1) * model.dim), (x) => x.toPrecision(9)).join(' ')}`).join('\n')}\n`)
  const query = 'w11'
  const expected = gensim(reference, query)

  await openApp(page)
  await harness.answerDialog({ channel: 'openVectorsDialog', answer: sparkFolder })
  await page.getByTestId('open-spark-model').click()
  const line = page.getByTestId('vectors-file')
  await expect(line).toContainText('600 words', { timeout: LONG_MS })
  await expect(line).toContainText('w2v-model')

  await page.getByTestId('tab-explore').click()
  await page.getByTestId('neighbours-input').fill(query)
  await page.getByTestId('neighbours-submit').click()
  const items = page.getByTestId('neighbours-results').locator('li')
  await expect(items).toHaveCount(10, { timeout: LONG_MS })
  const shown = await Promise.all((await items.all()).map(async (item) => {
    const score = await item.locator('.numeric').innerText()
    const text = await item.innerText()
    return [text.slice(0, text.lastIndexOf(score)).trim(), numberIn(score)] as const
  }))
  expect(shown.map(([w]) => w)).toEqual(expected.neighbours.map(([w]) => w))
  shown.forEach(([, x], i) => expect(Math.abs(x - expected.neighbours[i]![1])).toBeLessThanOrEqual(0.005 * Math.abs(expected.neighbours[i]![1]) + 1e-12))
  await page.screenshot({ path: join(SHOTS, 'spark-model.png'), fullPage: true })

  const target = join(folder, 'from-spark.vec')
  await harness.answerDialog({ channel: 'exportDialog', answer: target })
  await page.getByTestId('export-open').click()
  await page.getByTestId('export-format').selectOption('word2vec-text')
  await page.getByTestId('export-submit').click()
  await expect(page.getByTestId('export-message')).toContainText('from-spark.vec', { timeout: LONG_MS })
  const exported = gensim(target, query)
  expect(exported.words).toEqual(model.words)
  expect(Float32Array.from(exported.vectors.flat())).toEqual(model.vectors)
})
