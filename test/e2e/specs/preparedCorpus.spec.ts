/**
 * Issue 13: the prepared corpus (its token file) lives in the app's data folder. Losing it — a
 * cleaner of old files, a user tidying up — costs a sentence and a reload of the corpus, never a
 * crash report; cancelling a big corpus while two threads read it keeps the corpus you had and
 * leaves no half-written file behind.
 */
import { createWriteStream } from 'node:fs'
import { mkdtemp, readdir, rm, stat, unlink } from 'node:fs/promises'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { PACKAGE_DATA_FILE } from '../../../src-main/node/services/builtInCorpus'
import { chromiumMissing } from '../browser'
import { expect, test } from './fixtures'
import { LONG_MS, ROOT, choosePreset, openApp, screenshot } from './window'

test.skip(chromiumMissing() !== null, `Browser tests skipped: ${chromiumMissing() ?? ''}`)

/** The token files under the harness' app-data folders (it makes them in the temporary folder), newest first. */
async function tokenFiles(): Promise<string[]> {
  const found: { path: string; modified: number }[] = []
  for (const harness of (await readdir(tmpdir())).filter((name) => name.startsWith('w2v-harness-'))) {
    const names = await readdir(join(tmpdir(), harness), { recursive: true }).catch(() => [])
    for (const name of names.filter((n) => /^w2v-tokens-.*\.i32$/.test(basename(n)))) {
      const path = join(tmpdir(), harness, name)
      found.push({ path, modified: (await stat(path).catch(() => ({ mtimeMs: 0 }))).mtimeMs })
    }
  }
  return found.sort((a, b) => b.modified - a.modified).map((f) => f.path)
}

/** About `megabytes` of made-up words from a seeded generator, several thousand types. */
async function writeBigCorpus(path: string, megabytes: number): Promise<void> {
  const out = createWriteStream(path)
  let seed = 7
  let written = 0
  while (written < megabytes * 1e6) {
    const lines: string[] = []
    for (let l = 0; l < 2000; l++) {
      const words: string[] = []
      for (let w = 0; w < 20; w++) {
        seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0
        words.push(`w${(seed >>> 20).toString(36)}`)
      }
      lines.push(words.join(' '))
    }
    const text = `${lines.join('\n')}\n`
    written += text.length
    if (!out.write(text)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

test('a prepared corpus deleted under the window: Train answers with a sentence, and the corpus loaded again trains', async ({ page, harness }) => {
  await openApp(page)
  await expect(page.getByTestId('corpus-prepared')).toBeVisible()
  const [tokenFile] = await tokenFiles()
  if (tokenFile === undefined) throw new Error('No token file under the harness folders.')
  expect(basename(dirname(tokenFile))).toBe('prepared-corpora')
  await unlink(tokenFile)

  await choosePreset(page, 'quick')
  await page.getByTestId('train-button').click()
  const error = page.getByTestId('app-error')
  await expect(error).toContainText(/The prepared corpus “.*” is gone \(another program or a cleaner of temporary files deleted it\)\. Load the corpus again\./)
  await expect(error).not.toContainText(/report it/i)
  await screenshot(page, 'prepared-corpus-gone')

  await harness.answerDialog({ channel: 'openCorpusDialog', answer: [join(ROOT, PACKAGE_DATA_FILE)] })
  await page.getByTestId('corpus-open').click()
  await expect(page.getByTestId('train-button')).toBeEnabled({ timeout: LONG_MS })
  await page.getByTestId('train-button').click()
  await expect(page.getByTestId('training-state')).toHaveText(/finished/i, { timeout: LONG_MS })
})

test('cancelling a 150 MB corpus read on two threads keeps the corpus you had and leaves no prepared file behind', async ({ page, harness }) => {
  test.setTimeout(120_000)
  const folder = await mkdtemp(join(tmpdir(), 'w2v-cancel-big-'))
  try {
    const corpus = join(folder, 'big.txt')
    await writeBigCorpus(corpus, 150)
    await openApp(page)
    const before = await tokenFiles()
    await harness.answerDialog({ channel: 'openCorpusDialog', answer: [corpus] })
    await page.getByTestId('corpus-open').click()
    const loading = page.getByTestId('corpus-loading')
    await expect(loading).toContainText(/Loading big\.txt… [1-9]/, { timeout: 30_000 })
    await screenshot(page, 'big-corpus-loading')
    await loading.getByRole('button', { name: 'Cancel' }).click()
    await expect(loading).toHaveCount(0)
    await expect(page.getByTestId('corpus-name')).toContainText('Moby')
    await expect(page.getByTestId('corpus-error')).toHaveCount(0)
    await expect.poll(tokenFiles).toEqual(before)
    // Replies of the preparation threads still in flight at the cancel are dropped, not reported as a failure.
    await page.waitForTimeout(1000)
    await expect(page.getByTestId('app-error')).toHaveCount(0)
    await expect(page.getByTestId('train-button')).toBeEnabled()
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
})
