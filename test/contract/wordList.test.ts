import { describe, expect, it } from 'vitest'
import { CS224N_PLOT_WORDS, parseWordList } from '../../src-main/core/contract/wordList'

describe('parseWordList', () => {
  it('reads words separated by spaces, commas and lines, each once', () => {
    expect(parseWordList('whale, ship\nsea  whale,,boat', true)).toEqual(['whale', 'ship', 'sea', 'boat'])
  })

  it('reads the list pasted from run.py as its 24 words, without quote marks or brackets', () => {
    const pasted = `visualizeWords = [
    "great", "cool", "brilliant", "wonderful", "well", "amazing",
    "worth", "sweet", "enjoyable", "boring", "bad", "dumb",
    "annoying", "female", "male", "queen", "king", "man", "woman", "rain", "snow",
    "hail", "coffee", "tea"]`
    expect(parseWordList(pasted, true)).toEqual([...CS224N_PLOT_WORDS])
    expect(CS224N_PLOT_WORDS).toHaveLength(24)
  })

  it('reads single, curly and escaped quotes, and keeps a quoted word whole', () => {
    expect(parseWordList(`['king', \u201Cqueen\u201D, "new york", 'it\\'s']`, false)).toEqual(['king', 'queen', 'new york', "it's"])
  })

  it("keeps a quote that does not close a word: the course's tokens 's, '' and -lrb-", () => {
    expect(parseWordList(`'s '' -lrb- don't "x`, true)).toEqual(["'s", "''", '-lrb-', "don't", '"x'])
    expect(parseWordList(`'s and 'd`, true)).toEqual(["'s", 'and', "'d"])
  })

  it('lower-cases only when asked', () => {
    expect(parseWordList('King QUEEN', true)).toEqual(['king', 'queen'])
    expect(parseWordList('King QUEEN', false)).toEqual(['King', 'QUEEN'])
  })

  it('reads nothing from blanks, commas and empty brackets', () => {
    expect(parseWordList(' , \n ', true)).toEqual([])
    expect(parseWordList('[]', true)).toEqual([])
  })
})
