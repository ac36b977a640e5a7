/**
 * Phrase joining in the window: a dropped corpus, reloaded with "Join frequent phrases" on, shows
 * the phrases it joined in a table, with the scores and joins a count by hand gives; the token
 * count drops by one for each join. Turning the option off and reloading gives the text back.
 */
import { chromiumMissing } from '../browser'
import { expect, test } from './fixtures'
import { LONG_MS, openApp, screenshot, screenshotPath, shownNumber } from './window'

test.skip(chromiumMissing() !== null, `Browser tests skipped: ${chromiumMissing() ?? ''}`)

const LINES = [
  'New York is big.', 'I love New York!', 'new york, new york', 'San Francisco is far from here',
  'we flew to san francisco', 'san francisco fog', 'york new', ...Array.from({ length: 13 }, (_, i) => `filler word${i} and more${i % 4}`),
]

/** gensim's default score of a·b with min_count 1, from the words and adjacent pairs counted here. */
function expectedScore(a: string, b: string): number {
  const counts = new Map<string, number>()
  const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1)
  for (const line of LINES) {
    const words = line.toLowerCase().replace(/[.,!]/g, '').split(' ')
    words.forEach((w, i) => {
      add(w)
      if (i > 0) add(`${words[i - 1]}_${w}`)
    })
  }
  return (counts.get(`${a}_${b}`)! - 1) / (counts.get(a)! * counts.get(b)!) * counts.size
}

/** The corpus panel's controls whose right edge passes the panel's content box (the Word breaks select did at the narrow width); run in the page. */
const OVERFLOWING = `(() => {
  const panel = document.querySelector('[data-testid="corpus-panel"]')
  const right = panel.getBoundingClientRect().right - parseFloat(getComputedStyle(panel).paddingRight)
  return [...panel.querySelectorAll('select, input, button')]
    .filter((control) => control.getClientRects().length > 0 && control.getBoundingClientRect().right > right + 0.5)
    .map((control) => (control.closest('label') || control).textContent.trim().slice(0, 40))
})()`

test('“Join frequent phrases” joins new_york and san_francisco and lists them with their scores', async ({ page }) => {
  await openApp(page)
  await page.locator('body').drop({ files: { name: 'cities.txt', mimeType: 'text/plain', buffer: Buffer.from(LINES.join('\n') + '\n') } })
  await expect(page.getByTestId('corpus-name')).toContainText('cities', { timeout: LONG_MS })
  const tokensBefore = await shownNumber(page.getByTestId('corpus-tokens'))
  await expect(page.getByTestId('corpus-phrases')).toHaveCount(0)

  await page.getByText('Tokenizer options').click()
  await page.getByTestId('phrases-toggle').check()
  // Every option fits the panel, at the default size and at the narrowest window the app allows (window.ts's minWidth).
  for (const width of [1280, 900]) {
    await page.setViewportSize({ width, height: 860 })
    expect(await page.evaluate<string[]>(OVERFLOWING)).toEqual([])
    await page.getByTestId('corpus-panel').screenshot({ path: screenshotPath(`corpus-options-${width}`) })
  }
  await page.setViewportSize({ width: 1280, height: 860 })
  await page.getByTestId('phrases-scoring').selectOption('npmi')
  // gensim's threshold of 10 is out of NPMI's range: the option says so and the reload waits.
  await expect(page.getByTestId('phrase-options')).toContainText('between −1 and 1')
  await expect(page.getByTestId('corpus-reload')).toBeDisabled()
  await page.getByTestId('phrases-scoring').selectOption('default')
  await page.getByTestId('phrases-min-count').fill('1')
  await page.getByTestId('phrases-threshold').fill('5')
  await page.getByTestId('corpus-reload').click()

  const table = page.getByTestId('corpus-phrases')
  await expect(table).toBeVisible({ timeout: LONG_MS })
  const row = (phrase: string) => table.locator('tr', { has: page.locator('td', { hasText: new RegExp(`^${phrase}$`) }) }).locator('td')
  await expect(row('new_york')).toHaveText(['new_york', expectedScore('new', 'york').toFixed(3), '4', '1'])
  await expect(row('san_francisco')).toHaveText(['san_francisco', expectedScore('san', 'francisco').toFixed(3), '3', '1'])
  await expect(table).toContainText(`2 phrases joined 7 times: ${tokensBefore} tokens became ${tokensBefore - 7}.`)
  expect(await shownNumber(page.getByTestId('corpus-tokens'))).toBe(tokensBefore - 7)
  await table.scrollIntoViewIfNeeded()
  await screenshot(page, 'corpus-phrases')

  await page.getByTestId('phrases-toggle').uncheck()
  await page.getByTestId('corpus-reload').click()
  await expect(page.getByTestId('corpus-phrases')).toHaveCount(0, { timeout: LONG_MS })
  expect(await shownNumber(page.getByTestId('corpus-tokens'))).toBe(tokensBefore)
})
