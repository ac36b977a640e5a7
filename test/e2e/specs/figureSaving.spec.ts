/**
 * Issue 14, part 3: the scatter plot and the loss chart are saved from their panels through the
 * harness's save dialog, as files a viewer opens: a PNG at twice the chart's size, an SVG that
 * labels every plotted word, CSVs of the plotted data, drawn in the light palette on white even
 * from a dark window; a folder that cannot be written gives a sentence beside the chart.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { parseCsv } from '../../../src-main/core/contract/csv'
import { DARK_PALETTE, LIGHT_PALETTE } from '../../../src-renderer/src/charts/chartPalette'
import { pngSize, svgTexts } from '../../support/figureFiles'
import { chromiumMissing } from '../browser'
import { type HarnessControl, expect, test } from './fixtures'
import { openApp, trainQuickLook } from './window'

test.skip(chromiumMissing() !== null, `Browser tests skipped: ${chromiumMissing() ?? ''}`)

let folder: string
test.beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'w2v-e2e-save-figures-'))
})
test.afterEach(() => rmSync(folder, { recursive: true, force: true }))

// One Quick look run serves the three steps (each would otherwise reset the window and train again).
test('the panels save the plot and the loss chart: in the light palette from a dark window, as PNG, SVG and CSV, and a sentence for an unwritable folder', async ({ page, harness }) => {
  // Dark from the first drawing, so the window's charts are surely in the dark palette when saved.
  await page.emulateMedia({ colorScheme: 'dark' })
  await openApp(page)
  await trainQuickLook(page)
  await test.step('in the dark theme the saved figure is still drawn in the light palette on white', async () => {
    await savesInLightPalette(page, harness)
  })
  await page.emulateMedia({ colorScheme: 'light' })
  await test.step('PNG, SVG and CSV of the plot and the loss chart', async () => {
    await savesEveryFormat(page, harness)
  })
  await test.step('a folder that cannot be written gives a sentence beside the chart, and the chart stays', async () => {
    await refusesUnwritableFolder(page, harness)
  })
})

async function savesEveryFormat(page: Page, harness: HarnessControl): Promise<void> {
  const scatter = page.getByTestId('save-scatter')
  const loss = page.getByTestId('save-loss')
  const plotted = JSON.parse((await page.getByTestId('scatter-plot').getAttribute('data-labels')) ?? '[]') as string[]
  expect(plotted.length).toBeGreaterThan(0)

  const png = join(folder, 'word_vectors.png')
  await harness.answerDialog({ channel: 'saveFigure', answer: png })
  await scatter.locator('button[data-format="png"]').click()
  await expect(scatter.locator('[data-outcome="saved"]')).toHaveText(`Saved the word vectors plot to ${png}.`)
  // The chart's own element, whose size ECharts draws at.
  const box = (await page.getByTestId('scatter-plot').locator('figure .chart').boundingBox())!
  const size = pngSize(readFileSync(png))
  expect(Math.abs(size.width - 2 * box.width)).toBeLessThanOrEqual(2)
  expect(Math.abs(size.height - 2 * box.height)).toBeLessThanOrEqual(2)

  const svg = join(folder, 'word_vectors.svg')
  await harness.answerDialog({ channel: 'saveFigure', answer: svg })
  await scatter.locator('button[data-format="svg"]').click()
  await expect(scatter.locator('[data-outcome="saved"]')).toContainText(svg)
  const labels = svgTexts(readFileSync(svg, 'utf8'))
  // Labels the chart hides where words crowd are hidden in the figure too: it is the chart as shown.
  const hiddenNote = page.getByTestId('scatter-hidden-labels')
  const hidden = (await hiddenNote.count()) === 0 ? 0 : Number(await hiddenNote.getAttribute('data-count'))
  expect(plotted.filter((word) => labels.includes(word)).length).toBe(plotted.length - hidden)

  const csv = join(folder, 'word_vectors.csv')
  await harness.answerDialog({ channel: 'saveFigure', answer: csv })
  await scatter.locator('button[data-format="csv"]').click()
  await expect(scatter.locator('[data-outcome="saved"]')).toContainText(csv)
  const [header, ...rows] = parseCsv(readFileSync(csv, 'utf8'))
  expect(header).toEqual(['word', 'x', 'y'])
  expect(rows.map((r) => r[0])).toEqual(plotted)
  for (const row of rows) expect(row.slice(1).every((v) => Number.isFinite(Number(v)))).toBe(true)

  const lossPng = join(folder, 'loss.png')
  await harness.answerDialog({ channel: 'saveFigure', answer: lossPng })
  await loss.locator('button[data-format="png"]').click()
  await expect(loss.locator('[data-outcome="saved"]')).toContainText(lossPng)
  expect(pngSize(readFileSync(lossPng)).width).toBeGreaterThan(0)

  const lossCsv = join(folder, 'loss.csv')
  await harness.answerDialog({ channel: 'saveFigure', answer: lossCsv })
  await loss.locator('button[data-format="csv"]').click()
  await expect(loss.locator('[data-outcome="saved"]')).toContainText(lossCsv)
  const [lossHeader, ...points] = parseCsv(readFileSync(lossCsv, 'utf8'))
  expect(lossHeader).toEqual(['run', 'words', 'iterations', 'training_seconds', 'loss', 'learning_rate'])
  expect(points.length).toBe(Number(await page.getByTestId('loss-chart').getAttribute('data-points')))
}

async function refusesUnwritableFolder(page: Page, harness: HarnessControl): Promise<void> {
  const target = join(folder, 'no such folder', 'word_vectors.png')
  await harness.answerDialog({ channel: 'saveFigure', answer: target })
  const scatter = page.getByTestId('save-scatter')
  await scatter.locator('button[data-format="png"]').click()
  await expect(scatter.getByRole('alert')).toHaveText(/^The folder “.*no such folder” does not exist: could not save the word vectors plot/)
  await expect(scatter.locator('button[data-format="png"]')).toBeEnabled()
  expect(JSON.parse((await page.getByTestId('scatter-plot').getAttribute('data-labels')) ?? '[]')).not.toEqual([])
}

async function savesInLightPalette(page: Page, harness: HarnessControl): Promise<void> {
  const svg = join(folder, 'dark.svg')
  await harness.answerDialog({ channel: 'saveFigure', answer: svg })
  const scatter = page.getByTestId('save-scatter')
  await scatter.locator('button[data-format="svg"]').click()
  await expect(scatter.locator('[data-outcome="saved"]')).toContainText(svg)
  const text = readFileSync(svg, 'utf8')
  expect(text).toContain('fill="#ffffff"')
  expect(text).toContain(`fill="${LIGHT_PALETTE.text}"`)
  expect(text).not.toContain(`fill="${DARK_PALETTE.text}"`)

  const png = join(folder, 'dark-loss.png')
  await harness.answerDialog({ channel: 'saveFigure', answer: png })
  const loss = page.getByTestId('save-loss')
  await loss.locator('button[data-format="png"]').click()
  await expect(loss.locator('[data-outcome="saved"]')).toContainText(png)
  expect(pngSize(readFileSync(png)).width).toBeGreaterThan(0)
}
