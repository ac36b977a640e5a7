import { describe, expect, it } from 'vitest'
import { MAX_EXPRESSION_TERMS, WordExpressionError, formatWordExpression, parseWordExpression } from '../../../src-main/core/evaluation/index'

describe('parseWordExpression', () => {
  it('reads words joined by + and −, any number of them', () => {
    expect(parseWordExpression('king - man + woman')).toEqual([{ word: 'king', weight: 1 }, { word: 'man', weight: -1 }, { word: 'woman', weight: 1 }])
    expect(parseWordExpression('  paris   −  france +   italy_x  ')).toEqual([{ word: 'paris', weight: 1 }, { word: 'france', weight: -1 }, { word: 'italy_x', weight: 1 }])
    expect(parseWordExpression('whale')).toEqual([{ word: 'whale', weight: 1 }])
    expect(parseWordExpression('a + b + c - d - e + f').map((t) => t.weight)).toEqual([1, 1, 1, -1, -1, 1])
  })

  it('takes a leading sign', () => {
    expect(parseWordExpression('- man + woman')).toEqual([{ word: 'man', weight: -1 }, { word: 'woman', weight: 1 }])
    expect(parseWordExpression('+ king')).toEqual([{ word: 'king', weight: 1 }])
  })

  it('reads weights written 0.5 * word or 0.5*word, signed by the operator before them', () => {
    expect(parseWordExpression('2 * king - 0.5*man + 1e-1 × woman')).toEqual([
      { word: 'king', weight: 2 }, { word: 'man', weight: -0.5 }, { word: 'woman', weight: 0.1 },
    ])
    expect(parseWordExpression('king - 3* man')).toEqual([{ word: 'king', weight: 1 }, { word: 'man', weight: -3 }])
    expect(parseWordExpression('king + -2 * man')).toEqual([{ word: 'king', weight: 1 }, { word: 'man', weight: -2 }])
  })

  it('keeps hyphens, stars and digits inside words: a bare number is a word', () => {
    expect(parseWordExpression('well-known - -lrb- + 1990')).toEqual([
      { word: 'well-known', weight: 1 }, { word: '-lrb-', weight: -1 }, { word: '1990', weight: 1 },
    ])
    expect(parseWordExpression('a*b + 2 * 1990')).toEqual([{ word: 'a*b', weight: 1 }, { word: '1990', weight: 2 }])
  })

  it.each([
    ['', 'Type words joined by + and −, such as “king - man + woman”.'],
    ['   ', 'Type words joined by + and −, such as “king - man + woman”.'],
    ['king man', '“king” and “man” need a + or − between them, with a space on each side.'],
    ['king -man', '“king” and “-man” need a + or − between them, with a space on each side.'],
    ['king -', 'The expression ends with “−”; a word must follow it, as in “king - man + woman”.'],
    ['-', 'The expression ends with “−”; a word must follow it, as in “king - man + woman”.'],
    ['king + - man', '“+” is followed by “−”; a word must come between them.'],
    ['king - 0.5 *', 'The weight 0.5 must be followed by a word, as in “0.5 * king”.'],
    ['king - 0.5 * + man', 'The weight 0.5 must be followed by a word, as in “0.5 * king”.'],
    ['* king', '“*” must come between a number and a word, as in “0.5 * king”.'],
    ['king * 2', '“*” must come between a number and a word, as in “0.5 * king”; here it follows “king”.'],
  ])('refuses %j with a sentence', (text, message) => {
    expect(() => parseWordExpression(text)).toThrow(WordExpressionError)
    expect(() => parseWordExpression(text)).toThrow(message)
  })

  it(`refuses more than ${MAX_EXPRESSION_TERMS} words`, () => {
    const words = (n: number): string => Array.from({ length: n }, (_, i) => `w${i}`).join(' + ')
    expect(parseWordExpression(words(MAX_EXPRESSION_TERMS))).toHaveLength(MAX_EXPRESSION_TERMS)
    expect(() => parseWordExpression(words(MAX_EXPRESSION_TERMS + 1))).toThrow(`more than ${MAX_EXPRESSION_TERMS} words`)
  })

  it('formats terms back as a user reads them, and the text parses to the same terms', () => {
    const terms = parseWordExpression('- 2*king - man + 0.25 * woman')
    expect(formatWordExpression(terms)).toBe('− 2 × king − man + 0.25 × woman')
    expect(parseWordExpression(formatWordExpression(terms))).toEqual(terms)
  })
})
