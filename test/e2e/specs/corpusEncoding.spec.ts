/**
 * Issue 15, item 4, "Legacy encodings": a dropped Shift_JIS file loads read as Shift_JIS, the
 * corpus panel shows the encoding the detector found with its confidence and offers the others;
 * choosing EUC-JP reads it again (its words break: unreadable sequences are counted), and choosing
 * Shift_JIS again gives back the original tokens. A dropped Latin-1 file is read as Windows-1252.
 * Python's codecs encode our own texts (test/support/legacyTexts.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { rawCorpusFromText } from '../../../src-main/core/corpus/index'
import { writeLegacyFiles } from '../../support/legacyFiles'
import { JAPANESE, WESTERN } from '../../support/legacyTexts'
import { pythonCanImport } from '../../support/python'
import { chromiumMissing } from '../browser'
import { expect, test } from './fixtures'
import { LONG_MS, openApp, screenshot, shownNumber } from './window'

test.skip(chromiumMissing() !== null, `Browser tests skipped: ${chromiumMissing() ?? ''}`)
test.skip(!pythonCanImport('codecs', 'the encoding spec'), 'Python’s codecs write the files of this spec.')

const JAPANESE_TEXT = JAPANESE.repeat(20)
const WESTERN_TEXT = WESTERN.repeat(10)

function encoded(): { sjis: Buffer; latin1: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'w2v-e2e-encoding-'))
  try {
    const paths = writeLegacyFiles(dir, [
      { name: 'sjis', text: JAPANESE_TEXT, codec: 'shift_jis', accepted: ['shift_jis'] },
      { name: 'latin1', text: WESTERN_TEXT, codec: 'latin-1', accepted: ['windows-1252'] },
    ])
    return { sjis: readFileSync(paths.get('sjis')!), latin1: readFileSync(paths.get('latin1')!) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

test('a dropped Shift_JIS file shows its detected encoding, and another encoding chosen reads it again', async ({ page }) => {
  const { sjis } = encoded()
  await openApp(page)
  // Moby-Dick is UTF-8: no encoding is offered.
  await expect(page.getByTestId('corpus-encoding')).toHaveCount(0)
  await page.locator('body').drop({ files: { name: 'nihongo.txt', mimeType: 'text/plain', buffer: sjis } })
  await expect(page.getByTestId('corpus-name')).toContainText('nihongo', { timeout: LONG_MS })
  const select = page.getByTestId('corpus-encoding-select')
  await expect(select).toHaveValue('shift_jis')
  await expect(page.getByTestId('corpus-encoding-detected')).toHaveText('detected: Shift_JIS, confidence 100%')
  const original = rawCorpusFromText(JAPANESE_TEXT)
  expect(await shownNumber(page.getByTestId('corpus-tokens'))).toBe(original.tokenCount)
  await page.getByText('Most frequent words').click()
  await expect(page.getByTestId('corpus-panel')).toContainText('私は毎朝早く起きて')
  await screenshot(page, 'encoding-detected-shift-jis')

  await select.selectOption('euc-jp')
  await expect(page.getByTestId('corpus-encoding-detected')).toContainText('chosen; the bytes look like Shift_JIS, confidence 100%', { timeout: LONG_MS })
  await expect(page.getByTestId('corpus-encoding-detected')).toContainText('unreadable sequences')
  await expect(page.getByTestId('corpus-notices')).toContainText('“nihongo.txt” is not valid EUC-JP in ')
  await expect(page.getByTestId('corpus-panel')).not.toContainText('私は毎朝早く起きて')
  await screenshot(page, 'encoding-chosen-euc-jp')

  await select.selectOption('shift_jis')
  await expect(page.getByTestId('corpus-encoding-detected')).toHaveText('chosen; the bytes look like Shift_JIS, confidence 100%', { timeout: LONG_MS })
  await expect(page.locator('[data-testid="corpus-notices"] [data-kind="notUtf8"]')).toHaveCount(0)
  expect(await shownNumber(page.getByTestId('corpus-tokens'))).toBe(original.tokenCount)
  await expect(page.getByTestId('corpus-panel')).toContainText('私は毎朝早く起きて')
})

test('a dropped Latin-1 file is read as Windows-1252, its accents whole', async ({ page }) => {
  const { latin1 } = encoded()
  await openApp(page)
  await page.locator('body').drop({ files: { name: 'french.txt', mimeType: 'text/plain', buffer: latin1 } })
  await expect(page.getByTestId('corpus-name')).toContainText('french', { timeout: LONG_MS })
  await expect(page.getByTestId('corpus-encoding-select')).toHaveValue('windows-1252')
  await expect(page.getByTestId('corpus-encoding-detected')).toContainText('detected: Windows-1252 (Latin-1), confidence')
  expect(await shownNumber(page.getByTestId('corpus-tokens'))).toBe(rawCorpusFromText(WESTERN_TEXT).tokenCount)
  await expect(page.getByTestId('corpus-notices')).toHaveCount(0)
})
