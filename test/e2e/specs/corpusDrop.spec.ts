/**
 * Issue 6, end-to-end test 2: a text file dropped on the window becomes the corpus (through
 * the window's drop handler and pathForFile); a binary file dropped next is refused with a
 * sentence, and the corpus loaded before stays.
 */
import { chromiumMissing } from '../browser'
import { expect, test } from './fixtures'
import { LONG_MS, openApp, shownNumber } from './window'

test.skip(chromiumMissing() !== null, `Browser tests skipped: ${chromiumMissing() ?? ''}`)

const SENTENCE = 'the quick brown fox jumps over the lazy dog.\n'
const REPEATS = 500
/** Nine words a line: "the" twice, seven others once. */
const TOKENS = 9 * REPEATS
const TYPES = 8

/** Bytes no text file has: NULs and other control bytes among high ones. */
function binaryBytes(): Buffer {
  const bytes = Buffer.alloc(4096)
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37) % 256
  return bytes
}

test('a dropped text file becomes the corpus; a dropped binary file is refused and the corpus stays', async ({ page }) => {
  await openApp(page)
  const name = page.getByTestId('corpus-name')
  const tokens = page.getByTestId('corpus-tokens')

  await page.locator('body').drop({ files: { name: 'fox-corpus.txt', mimeType: 'text/plain', buffer: Buffer.from(SENTENCE.repeat(REPEATS)) } })
  await expect(name).toContainText('fox-corpus', { timeout: LONG_MS })
  await expect.poll(() => shownNumber(tokens), { timeout: LONG_MS }).toBe(TOKENS)
  await expect.poll(() => shownNumber(page.getByTestId('corpus-vocab'))).toBe(TYPES)
  await expect(page.getByTestId('corpus-error')).toHaveCount(0)
  const nameBefore = await name.innerText()

  await page.locator('body').drop({ files: { name: 'weights.dat', mimeType: 'application/octet-stream', buffer: binaryBytes() } })
  const error = page.getByTestId('corpus-error')
  await expect(error).toBeVisible({ timeout: LONG_MS })
  // Sentences a user understands: words, a capital (or a quoted name) first, a full stop at the end.
  await expect(error).toHaveText(/^\s*[\p{Lu}“‘"'][^\n]{15,}[.!]\s*$/u)
  await expect(name).toHaveText(nameBefore)
  expect(await shownNumber(tokens)).toBe(TOKENS)
  await expect.poll(() => shownNumber(page.getByTestId('corpus-vocab'))).toBe(TYPES)
})
