/**
 * Issue 6, end-to-end test 5: vectors exported from the window as word2vec binary land where
 * the save dialog said, and the command line's `w2v eval` reads them.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { chromiumMissing } from '../browser'
import { expect, test } from './fixtures'
import { LONG_MS, ROOT, WORDSIM, choosePreset, openApp, trainQuickLook } from './window'

test.skip(chromiumMissing() !== null, `Browser tests skipped: ${chromiumMissing() ?? ''}`)

let folder: string
test.beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'w2v-e2e-export-'))
})
test.afterEach(() => rmSync(folder, { recursive: true, force: true }))

test('word2vec binary export writes a file that `w2v eval` loads', async ({ page, harness }) => {
  await openApp(page)
  await trainQuickLook(page)

  const target = join(folder, 'moby-vectors.bin')
  await harness.answerDialog({ channel: 'exportDialog', answer: target })
  await page.getByTestId('export-open').click()
  await expect(page.getByTestId('export-dialog')).toBeVisible()
  await page.getByTestId('export-format').selectOption('word2vec-binary')
  await page.getByTestId('export-submit').click()
  await expect(page.getByTestId('export-message')).toContainText(target, { timeout: LONG_MS })
  await expect(page.getByTestId('export-error')).toHaveCount(0)
  expect(existsSync(target)).toBe(true)
  expect(statSync(target).size).toBeGreaterThan(0)

  // The command line as `npm run w2v` runs it, from the sources.
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src-main/cli/w2v.ts', 'eval', '--vectors', target, '--similarity', WORDSIM, '--json'], { cwd: ROOT })
  const report = JSON.parse(stdout) as { similarity?: { spearman?: unknown; pairs?: unknown } }
  expect(report.similarity?.spearman).toEqual(expect.any(Number))
  expect(report.similarity?.pairs).toBeGreaterThan(0)
})

test('a hierarchical-softmax run exports its centre vectors only, and the dialog says why', async ({ page }) => {
  await openApp(page)
  await choosePreset(page, 'quick')
  await page.getByTestId('field-loss').selectOption('hierarchicalSoftmax')
  await page.getByTestId('field-epochs').fill('1')
  await page.getByTestId('train-button').click()
  await expect(page.getByTestId('training-state')).toHaveText(/finished/i, { timeout: LONG_MS })
  await page.getByTestId('export-open').click()
  const vectors = page.getByTestId('export-vectors')
  await expect(vectors).toHaveValue('center')
  for (const kind of ['outside', 'sum', 'concat']) {
    await expect(vectors.locator(`option[value="${kind}"]`)).toBeDisabled()
    await expect(vectors.locator(`option[value="${kind}"]`)).toHaveAttribute('title', /hierarchical softmax/)
  }
  await expect(page.getByTestId('export-vectors-note')).toHaveText('This run trained with hierarchical softmax, whose outside vectors (U) belong to the inner nodes of its Huffman tree, not to words; only the centre vectors (V) can be used.')
  await page.getByTestId('export-dialog').screenshot({ path: join(ROOT, 'test-results', 'screenshots', 'window-state', 'export-hierarchical-softmax.png') })
})
