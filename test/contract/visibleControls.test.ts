import { describe, expect, it } from 'vitest'
import { showControls } from '../../src-main/core/contract/visibleControls'

describe('showControls', () => {
  it.each([
    ['\x1b[2J', '\\x1b[2J'],
    ['\x1b]0;title\x07', '\\x1b]0;title\\x07'],
    ['a\tb\nc\rd', 'a\\tb\\nc\\rd'],
    ['\x00\x7f', '\\x00\\x7f'],
    ['\x9b31m', '\\x9b31m'],
    ['\u202eevil\u2066\u2069\u200f\u061c', '\\u202eevil\\u2066\\u2069\\u200f\\u061c'],
  ])('escapes %j', (text, shown) => {
    expect(showControls(text)).toBe(shown)
  })

  it('leaves printable text of any script alone', () => {
    const text = 'naïve café “garçon” 東京 ñ \\x1b C:\\Users 😀'
    expect(showControls(text)).toBe(text)
  })
})
