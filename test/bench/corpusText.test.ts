import { describe, expect, it } from 'vitest'
import { MAX_LINE_TOKENS, countTokens, documentToLines } from '../../bench/corpusText'

describe('documentToLines', () => {
  it('lowercases, strips punctuation and puts one sentence per line', () => {
    const text = 'Fellow-Citizens of the Senate: In meeting you again, I feel much satisfaction. Is it so? Yes!'
    expect(documentToLines(text)).toEqual([
      'fellow citizens of the senate in meeting you again i feel much satisfaction',
      'is it so',
      'yes',
    ])
  })

  it('joins apostrophes and thousands separators, splits other punctuation inside numbers', () => {
    expect(documentToLines('The nation’s loan of 3,000,000 florins (don\'t ask) cost $1.50 each.')).toEqual([
      'the nations loan of 3000000 florins dont ask cost 1 50 each',
    ])
  })

  it('ends a sentence after closing quotes and brackets, never inside a number', () => {
    expect(documentToLines('He said “we will.” Then (as noted.) we did 2.5 times')).toEqual(['he said we will', 'then as noted', 'we did 2 5 times'])
  })

  it('keeps letters of any script and drops symbols, so every line is tokens and single spaces', () => {
    const lines = documentToLines('Latitude 54° 40′ — Señor naïve Ｗide.\n\nZürich; 東京 ok')
    expect(lines).toEqual(['latitude 54 40 señor naïve ｗide', 'zürich 東京 ok'])
    for (const line of lines) expect(line).toMatch(/^[\p{L}\p{Nd}]+( [\p{L}\p{Nd}]+)*$/u)
  })

  it('composes decomposed accents (NFC) so one word is one token for every engine', () => {
    expect(documentToLines('nai\u0308ve')).toEqual(['na\u00efve'])
  })

  it('drops sentences without tokens', () => {
    expect(documentToLines('... — !!! ? Word.')).toEqual(['word'])
  })

  it('wraps a sentence longer than MAX_LINE_TOKENS so no engine cuts it differently', () => {
    const words = Array.from({ length: MAX_LINE_TOKENS * 2 + 3 }, (_, i) => `w${i}`)
    const lines = documentToLines(words.join(' '))
    expect(lines.map((l) => l.split(' ').length)).toEqual([MAX_LINE_TOKENS, MAX_LINE_TOKENS, 3])
    expect(lines.join(' ')).toBe(words.join(' '))
  })
})

describe('countTokens', () => {
  it('counts space-separated tokens and ignores empty lines', () => {
    expect(countTokens(['a b c', '', 'd'])).toBe(4)
  })
})
