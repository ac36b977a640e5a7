/**
 * Issue 11, "Text a user has": a dropped file whose Latin-1 accents lie where the encoding
 * detector's sample does not look (between its slices: corpusEncoding.spec.ts has files it reads)
 * loads with a notice in the corpus panel saying it is probably not UTF-8; a dropped Chinese file without spaces gets the offer of
 * dictionary word breaks, and one click reloads it with them.
 */
import { chromiumMissing } from '../browser'
import { expect, test } from './fixtures'
import { LONG_MS, openApp, shownNumber } from './window'

test.skip(chromiumMissing() !== null, `Browser tests skipped: ${chromiumMissing() ?? ''}`)

const CHINESE = '我今天早上去学校学习中文，老师说我们的发音很好。\n他们下午在公园里一起散步，天气非常暖和。\n'

test('the corpus panel says a dropped Latin-1 file is probably not UTF-8 when the detector did not see its accents', async ({ page }) => {
  await openApp(page)
  await expect(page.getByTestId('corpus-notices')).toHaveCount(0)
  // 30 KB of ASCII, the accents, then 171 KB of ASCII: the sample's slices (16 KiB at 0, 62, 124 and 187 KB) miss the accents.
  const ascii = 'Le garcon eut une impression.\n'
  const latin1 = Buffer.from(ascii.repeat(1000) + 'Le garçon eut une impression de déjà vu.\n'.repeat(40) + ascii.repeat(5700), 'latin1')
  await page.locator('body').drop({ files: { name: 'french.txt', mimeType: 'text/plain', buffer: latin1 } })
  await expect(page.getByTestId('corpus-name')).toContainText('french', { timeout: LONG_MS })
  await expect(page.getByTestId('corpus-notices')).toContainText('“french.txt” is probably Latin-1 or Windows-1252, not UTF-8: in 120 places')
})

test('a dropped Chinese file without spaces is offered dictionary word breaks, and one click applies them', async ({ page }) => {
  await openApp(page)
  await page.locator('body').drop({ files: { name: 'zh.txt', mimeType: 'text/plain', buffer: Buffer.from(CHINESE.repeat(30)) } })
  await expect(page.getByTestId('corpus-name')).toContainText('zh', { timeout: LONG_MS })
  await expect(page.getByTestId('corpus-notices')).toContainText('written without spaces between words')
  const phrases = await shownNumber(page.getByTestId('corpus-tokens'))
  await page.getByTestId('corpus-use-word-breaks').click()
  await expect(page.getByTestId('corpus-notices')).toHaveCount(0, { timeout: LONG_MS })
  expect(await shownNumber(page.getByTestId('corpus-tokens'))).toBeGreaterThan(phrases)
})
