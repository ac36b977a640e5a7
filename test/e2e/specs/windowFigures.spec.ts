/**
 * Issue 11, "Wrong figures and states in the window": the benchmark figures are gensim's, a
 * dialog gives the focus back to what opened it, the scatter plot's labels stay readable (or say
 * how many are hidden) and its axes follow the projection shown, and text wraps at a narrow
 * width without splitting a word or a number. Screenshots go to test-results/screenshots.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { chromiumMissing } from '../browser'
import { expect, test } from './fixtures'
import { LONG_MS, ROOT, WORDSIM, choosePreset, numberIn, openApp, trainQuickLook } from './window'

test.skip(chromiumMissing() !== null, `Browser tests skipped: ${chromiumMissing() ?? ''}`)

const SHOTS = join(ROOT, 'test-results', 'screenshots')
/** The words CS224n's run.py plots. */
const COURSE_WORDS = [
  'great', 'cool', 'brilliant', 'wonderful', 'well', 'amazing', 'worth', 'sweet', 'enjoyable', 'boring', 'bad', 'dumb',
  'annoying', 'female', 'male', 'queen', 'king', 'man', 'woman', 'rain', 'snow', 'hail', 'coffee', 'tea',
]

let folder: string
test.beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'w2v-e2e-figures-'))
  mkdirSync(SHOTS, { recursive: true })
})
test.afterEach(() => rmSync(folder, { recursive: true, force: true }))

/** gensim's evaluate_word_pairs of a word2vec text file, with its defaults (as the app uses them). */
function gensimWordPairs(vectors: string): { pearson: number; spearman: number; oov: number } {
  const script = [
    'import sys, json, logging',
    'logging.disable(logging.CRITICAL)',
    'from gensim.models import KeyedVectors',
    'kv = KeyedVectors.load_word2vec_format(sys.argv[1])',
    'p, s, oov = kv.evaluate_word_pairs(sys.argv[2])',
    'print(json.dumps({"pearson": p[0], "spearman": s[0], "oov": oov}))',
  ].join('\n')
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, vectors, WORDSIM], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as { pearson: number; spearman: number; oov: number }
}

test('WordSim-353 figures are gensim’s, and Esc gives the focus back to the Export button', async ({ page, harness }) => {
  await openApp(page)
  await trainQuickLook(page)
  await page.getByTestId('tab-explore').click()
  await harness.answerDialog({ channel: 'openBenchmarkDialog', answer: WORDSIM })
  await page.getByTestId('evaluate-pairs-open').click()
  await expect(page.getByTestId('evaluate-oov')).toHaveText(/%/, { timeout: LONG_MS })
  const shownOov = await page.getByTestId('evaluate-oov').innerText()
  const shownSpearman = await page.getByTestId('evaluate-spearman').innerText()
  const scoreLine = await page.getByTestId('evaluate-oov').locator('xpath=..').innerText()

  // The same vectors, exported, scored by gensim.
  const target = join(folder, 'moby.vec')
  await harness.answerDialog({ channel: 'exportDialog', answer: target })
  const exportButton = page.getByTestId('export-open')
  await exportButton.click()
  await expect(page.getByTestId('export-dialog')).toBeVisible()
  await page.getByTestId('export-format').selectOption('word2vec-text')
  await page.getByTestId('export-submit').click()
  await expect(page.getByTestId('export-message')).toContainText('moby.vec', { timeout: LONG_MS })
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('export-dialog')).toHaveCount(0)
  await expect(exportButton).toBeFocused()

  const gensim = gensimWordPairs(target)
  // gensim's oov_ratio is a percentage of all pairs.
  expect(shownOov).toBe(`${gensim.oov.toFixed(1)}% out of vocabulary`)
  expect(numberIn(shownOov)).toBeLessThanOrEqual(100)
  const pairsInFile = 353
  const skipped = Math.round((gensim.oov / 100) * pairsInFile)
  expect(scoreLine).toContain(`${pairsInFile - skipped} pairs scored`)
  expect(scoreLine).toContain(`${skipped} skipped`)
  expect(numberIn(shownSpearman)).toBeCloseTo(gensim.spearman, 2)
  expect(numberIn(scoreLine.replace(/^.*Pearson r/su, ''))).toBeCloseTo(gensim.pearson, 2)
})

/** The scatter plot's caption: what is plotted and how many labels are hidden. */
async function hiddenLabels(page: Page): Promise<number> {
  const note = page.getByTestId('scatter-hidden-labels')
  return (await note.count()) === 0 ? 0 : Number(await note.getAttribute('data-count'))
}

test('the course’s 24 words after a course run: labels readable, hidden ones counted, axes following the projection', async ({ page }, testInfo) => {
  testInfo.setTimeout(180_000)
  await openApp(page)
  await choosePreset(page, 'cs224n')
  const scatter = page.getByTestId('scatter-plot')
  await page.locator('.words summary').click()
  await page.locator('#plot-words').fill(COURSE_WORDS.join(' '))
  await page.getByRole('button', { name: 'Plot these words' }).click()
  // A quarter of the course's 40,000 iterations: the words have found their places by then.
  await page.getByTestId('field-iterations').fill('10000')
  await page.getByTestId('train-button').click()
  await expect(page.getByTestId('training-state')).toHaveText(/finished/i, { timeout: 150_000 })
  await expect.poll(async () => JSON.parse((await scatter.getAttribute('data-labels')) ?? '[]') as string[]).not.toHaveLength(0)
  const plotted = JSON.parse((await scatter.getAttribute('data-labels')) ?? '[]') as string[]
  expect(plotted.every((w) => COURSE_WORDS.includes(w))).toBe(true)
  await page.waitForTimeout(500)
  await scatter.screenshot({ path: join(SHOTS, 'course-words-pca.png') })
  const hidden = await hiddenLabels(page)
  expect(hidden).toBeLessThan(plotted.length)
  testInfo.annotations.push({ type: 'labels', description: `${plotted.length} plotted, ${hidden} hidden` })

  // Narrower, the plot crowds: labels move, and any that cannot are counted under the plot.
  await page.setViewportSize({ width: 520, height: 860 })
  await page.waitForTimeout(700)
  await scatter.screenshot({ path: join(SHOTS, 'course-words-pca-narrow.png') })
  const hiddenNarrow = await hiddenLabels(page)
  if (hiddenNarrow > 0) {
    await expect(page.getByTestId('scatter-hidden-labels')).toHaveText(new RegExp(`^${hiddenNarrow} labels? hidden where words crowd`))
  }
  testInfo.annotations.push({ type: 'labels at 520 px', description: `${plotted.length} plotted, ${hiddenNarrow} hidden` })
  await page.setViewportSize({ width: 1280, height: 860 })

  for (const method of ['tsne', 'umap', 'pca'] as const) {
    await scatter.locator('xpath=..').getByRole('combobox').first().selectOption(method)
    await expect(scatter).toHaveAttribute('data-method', method)
    await expect(page.getByText('Projecting…')).toHaveCount(0, { timeout: LONG_MS })
    await page.waitForTimeout(700)
    await scatter.screenshot({ path: join(SHOTS, `course-words-${method}-after-switch.png`) })
  }
})

/** The little of the DOM the measurements below use (this file is type-checked without the DOM's types). */
interface PageNode {
  readonly nodeType: number
  readonly textContent: string | null
  readonly childNodes: ArrayLike<PageNode>
  readonly ownerDocument: { createRange(): PageRange }
}
interface PageRange {
  setStart(node: PageNode, offset: number): void
  setEnd(node: PageNode, offset: number): void
  getClientRects(): ArrayLike<{ readonly top: number; readonly width: number }>
  getBoundingClientRect(): { readonly top: number }
}

/** Each run of non-space characters in `locator`'s text outside `skip`, with the number of lines it spans. */
async function linesPerWord(locator: Locator, skip: string): Promise<{ word: string; lines: number }[]> {
  return locator.evaluate((root, skipped) => {
    const textNodes = (node: PageNode): PageNode[] => (node.nodeType === 3 ? [node] : Array.from(node.childNodes).flatMap(textNodes))
    const element = root as unknown as PageNode
    const words: { word: string; lines: number }[] = []
    for (const node of textNodes(element)) {
      const text = node.textContent ?? ''
      // The path's own pieces are checked by pathBreaks.
      if (text.trim() !== '' && skipped.includes(text.trim())) continue
      for (const match of text.matchAll(/\S+/gu)) {
        const range = element.ownerDocument.createRange()
        range.setStart(node, match.index)
        range.setEnd(node, match.index + match[0].length)
        const tops = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)))
        words.push({ word: match[0], lines: tops.size })
      }
    }
    return words
  }, skip)
}

/** The characters of a path element after which a line ends. */
async function pathBreaks(locator: Locator): Promise<string[]> {
  return locator.evaluate((root) => {
    const textNodes = (node: PageNode): PageNode[] => (node.nodeType === 3 ? [node] : Array.from(node.childNodes).flatMap(textNodes))
    const element = root as unknown as PageNode
    const breaks: string[] = []
    let lastTop: number | null = null
    let previous = ''
    for (const node of textNodes(element)) {
      const text = node.textContent ?? ''
      for (let i = 0; i < text.length; i++) {
        const range = element.ownerDocument.createRange()
        range.setStart(node, i)
        range.setEnd(node, i + 1)
        const top = Math.round(range.getBoundingClientRect().top)
        if (lastTop !== null && top > lastTop) breaks.push(previous)
        lastTop = top
        previous = text[i]!
      }
    }
    return breaks
  })
}

test('at a narrow width a long vectors path wraps at its folders and the word count never splits', async ({ page, harness }) => {
  // A path much wider than the window, of folder names that each fit on a line.
  const deep = join(folder, 'experiments-2026', 'word2vec-studio-vectors', 'moby-dick-skipgram-negative-sampling', 'dimension-300-window-5')
  mkdirSync(deep, { recursive: true })
  const vectors = join(deep, 'vectors-251722.vec')
  const words = Array.from({ length: 251_722 }, (_, i) => `w${i}`)
  writeFileSync(vectors, `${words.length} 2\n${words.map((w, i) => `${w} ${(i % 7) / 7} ${(i % 3) / 3}`).join('\n')}\n`)
  await page.setViewportSize({ width: 420, height: 860 })
  await openApp(page)
  await harness.answerDialog({ channel: 'openVectorsDialog', answer: vectors })
  await page.getByRole('button', { name: 'Open vectors…' }).click()
  const line = page.getByTestId('vectors-file')
  await expect(line).toContainText('251,722 words', { timeout: LONG_MS })
  await line.scrollIntoViewIfNeeded()
  await page.screenshot({ path: join(SHOTS, 'narrow-vectors-file.png'), fullPage: false, clip: await line.boundingBox().then((b) => ({ x: 0, y: Math.max(0, b!.y - 40), width: 420, height: b!.height + 80 })) })

  for (const { word, lines } of await linesPerWord(line, vectors)) expect(lines, `“${word}” is split across lines`).toBe(1)
  const path = line.locator('.path-text')
  expect(await path.innerText()).toBe(vectors)
  const breaks = await pathBreaks(path)
  expect(breaks.length).toBeGreaterThan(0)
  // Only at folders: never at a hyphen or inside a name.
  for (const after of breaks) expect(after).toBe('/')

  await page.getByTestId('tab-explore').click()
  const source = page.getByTestId('explore-source')
  await expect(source).toContainText('Vectors from')
  await page.screenshot({ path: join(SHOTS, 'narrow-explore-source.png') })
  for (const after of await pathBreaks(source.locator('.path-text'))) expect(after).toBe('/')
})
