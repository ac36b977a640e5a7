/**
 * Issue 13: the prepared corpus (its token file) lives in the app's data folder, and losing it —
 * a cleaner of old files, a user tidying up — costs a sentence and a reload of the corpus, never
 * a crash report: Train says what happened, and the corpus loaded again trains.
 */
import { readdir, stat, unlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { PACKAGE_DATA_FILE } from '../../../src-main/node/services/builtInCorpus'
import { chromiumMissing } from '../browser'
import { expect, test } from './fixtures'
import { LONG_MS, ROOT, choosePreset, openApp, screenshot } from './window'

test.skip(chromiumMissing() !== null, `Browser tests skipped: ${chromiumMissing() ?? ''}`)

/** The newest token file under the harness' app-data folders (the harness makes them in the temporary folder). */
async function newestTokenFile(): Promise<string> {
  const found: { path: string; modified: number }[] = []
  for (const harness of (await readdir(tmpdir())).filter((name) => name.startsWith('w2v-harness-'))) {
    const names = await readdir(join(tmpdir(), harness), { recursive: true }).catch(() => [])
    for (const name of names.filter((n) => /^w2v-tokens-.*\.i32$/.test(basename(n)))) {
      const path = join(tmpdir(), harness, name)
      found.push({ path, modified: (await stat(path).catch(() => ({ mtimeMs: 0 }))).mtimeMs })
    }
  }
  const newest = found.sort((a, b) => b.modified - a.modified)[0]
  if (!newest) throw new Error('No token file under the harness folders.')
  return newest.path
}

test('a prepared corpus deleted under the window: Train answers with a sentence, and the corpus loaded again trains', async ({ page, harness }) => {
  await openApp(page)
  await expect(page.getByTestId('corpus-prepared')).toBeVisible()
  const tokenFile = await newestTokenFile()
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
