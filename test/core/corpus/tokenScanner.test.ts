import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { generateMixedScriptText } from '../../../bench/mixedScriptCorpus'
import { charTables, CharClass } from '../../../src-main/core/corpus/charClasses'
import { type TokenizerOptions, createTokenizer, rawCorpusFromText } from '../../../src-main/core/corpus/index'
import { TokenScanner } from '../../../src-main/core/corpus/tokenScanner'
import { TypeTable } from '../../../src-main/core/corpus/typeTable'
import { rawTokens } from '../../support/rawTokens'

/** What CorpusBuilder made before the scanner: the reference tokenizer per line, a Map for the ids. */
function referenceCorpus(text: string, options: Partial<TokenizerOptions>): { types: string[]; counts: number[]; tokens: number[]; ends: number[] } {
  const tokenize = createTokenizer(options)
  const index = new Map<string, number>()
  const types: string[] = []
  const counts: number[] = []
  const tokens: number[] = []
  const ends: number[] = []
  const lines = text.split(/\r\n|\r|\n/)
  if (lines.at(-1) === '') lines.pop()
  for (const line of lines) {
    for (const word of tokenize(line)) {
      let id = index.get(word)
      if (id === undefined) {
        id = types.length
        index.set(word, id)
        types.push(word)
        counts.push(0)
      }
      counts[id]!++
      tokens.push(id)
    }
    if (tokens.length > (ends.at(-1) ?? 0)) ends.push(tokens.length)
  }
  return { types, counts, tokens, ends }
}

function builtCorpus(text: string, options: Partial<TokenizerOptions>): ReturnType<typeof referenceCorpus> {
  const raw = rawCorpusFromText(text, options)
  const { tokens, sentenceEnds } = rawTokens(raw)
  return { types: [...raw.types], counts: [...raw.typeCounts], tokens: [...tokens], ends: [...sentenceEnds] }
}

function mixedText(chars: number, seed: number): string {
  let text = ''
  generateMixedScriptText(chars, { seed, typesPerScript: 300 }, (piece) => (text += piece))
  return text
}

const OPTION_SETS: Partial<TokenizerOptions>[] = []
for (const lowercase of [true, false]) {
  for (const punctuation of ['strip', 'keep'] as const) {
    for (const numbers of ['keep', 'strip'] as const) {
      for (const locale of [undefined, 'tr', 'lt', 'el', 'de']) {
        if (!lowercase && locale !== undefined) continue
        OPTION_SETS.push({ lowercase, punctuation, numbers, ...(locale === undefined ? {} : { locale }) })
      }
    }
  }
}

/** Pieces that exercise every rule of the pattern and every complex case mapping. */
const TRICKY = [
  'a', 'Z', 'é', 'É', 'e\u0301', 'ß', 'ẞ', 'İ', 'I', 'ı', 'i\u0307', 'J', 'Į', 'Ì', 'Σ', 'σ', 'ς', 'Ω', 'Ⅻ', 'ǅ',
  'ж', 'Ж', 'ش', 'ש\u05B8', 'क\u093F', '中', '3', '٣', '²', '½', '.', ',', "'", '’', '-', '‐', '—', '\u200C', '\u200D',
  '\uFFFD', '😀', '👍🏽', '𝐀', '𝟎', '𠀀', '𐐀', '𐐨', '❤️', '👩\u200D💻', '\uD800', '\uDC00', ' ', '\t', '\u00A0', '\u3000', '!', '"', '$', '€', '\u0307', '\u0301',
]

describe('TokenScanner: the same tokens as the reference tokenizer', () => {
  it('on mixed-script text, for every option combination', () => {
    const text = mixedText(60_000, 7)
    for (const options of OPTION_SETS) {
      expect(builtCorpus(text, options), JSON.stringify(options)).toEqual(referenceCorpus(text, options))
    }
  })

  it('on very long lines (cut at whitespace by the builder) and with word segmentation', () => {
    const text = mixedText(400_000, 11)
    expect(text.split('\n').some((line) => line.length > 1 << 16)).toBe(true)
    expect(builtCorpus(text, {})).toEqual(referenceCorpus(text, {}))
    expect(builtCorpus(text.slice(0, 30_000), { segmentation: 'words' })).toEqual(referenceCorpus(text.slice(0, 30_000), { segmentation: 'words' }))
  })

  it('on random strings of tricky characters, line by line', () => {
    const optionSet = fc.constantFrom(...OPTION_SETS)
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TRICKY), { maxLength: 30 }), optionSet, (pieces, options) => {
        const line = pieces.join('')
        const table = new TypeTable()
        const scanner = new TokenScanner(options, table)
        const n = scanner.scan(line)
        const words = Array.from(scanner.ids.subarray(0, n), (id) => table.types()[id])
        expect(words).toEqual(createTokenizer(options)(line))
      }),
      { numRuns: 3000 },
    )
  })

  it('on random multi-line texts of tricky characters: same types, ids, counts and sentences', () => {
    const optionSet = fc.constantFrom(...OPTION_SETS)
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TRICKY, '\n', 'ab', 'ab', 'Ab'), { maxLength: 60 }), optionSet, (pieces, options) => {
        const text = pieces.join('')
        expect(builtCorpus(text, options)).toEqual(referenceCorpus(text, options))
      }),
      { numRuns: 1500 },
    )
  })

  it('keeps ids in order of first occurrence when a stretch goes to the reference halfway', () => {
    // "fresh-α" is interned by the scanner, then Σ sends "fresh-ΑΣ" to the reference: "fresh-α" must not keep an id from the first try.
    expect(builtCorpus('old\nnew fresh-ΑΣ old', {}).types).toEqual(['old', 'new', 'fresh-ας'])
    // "new" is interned by the scanner, then Σ sends the line to the reference: "new" must not keep an id from the first try.
    expect(builtCorpus('old\nnew ΑΣ old', {}).types).toEqual(['old', 'new', 'ας'])
    expect(builtCorpus('old\nnew ΑΣ old', {})).toEqual(referenceCorpus('old\nnew ΑΣ old', {}))
    expect(builtCorpus('x y\nz 😀 y', { punctuation: 'keep' })).toEqual(referenceCorpus('x y\nz 😀 y', { punctuation: 'keep' }))
  })
})

describe('charTables', () => {
  it('sends context-dependent case mappings to the reference and keeps the rest on the fast path', () => {
    const plain = charTables({ lowercase: true })
    for (const unit of [0x03a3, 0x0130, 0x0307]) expect(plain.classOf[unit], unit.toString(16)).toBe(CharClass.complex)
    expect(plain.classOf[0xd83d]).toBe(CharClass.surrogate)
    const astral = (char: string) => plain.astralClass(char.codePointAt(0)! - 0x10000)
    expect([astral('😀'), astral('𝐀'), astral('𝟎'), astral('𠀀'), astral('𐐀')]).toEqual(
      [CharClass.punctuation, CharClass.letter, CharClass.digit, CharClass.letter, CharClass.complex],
    )
    expect(charTables({ lowercase: false }).astralClass('𐐀'.codePointAt(0)! - 0x10000)).toBe(CharClass.letter)
    for (const char of 'AZÉЖ') expect(plain.classOf[char.charCodeAt(0)]).toBe(CharClass.letter)
    expect(String.fromCharCode(plain.normalised['É'.charCodeAt(0)]!)).toBe('é')
    expect(String.fromCharCode(plain.normalised['’'.charCodeAt(0)]!)).toBe("'")
    // Turkish I becomes ı without looking at its neighbours (a line with U+0307 goes to the reference anyway).
    const turkish = charTables({ lowercase: true, locale: 'tr' })
    expect(String.fromCharCode(turkish.normalised[0x49]!)).toBe('ı')
    // Lithuanian I before an accent gains a dot: only the reference knows.
    expect(charTables({ lowercase: true, locale: 'lt' }).classOf[0x49]).toBe(CharClass.complex)
  })
})

describe('TypeTable', () => {
  it('interns from text, from words and from another table alike, and counts', () => {
    const table = new TypeTable()
    const identity = new Uint16Array(0x10000).map((_, i) => i)
    const words = Array.from({ length: 5000 }, (_, i) => `w${i}`)
    const intern = (text: string, start: number, end: number): number => table.intern(text, start, end, identity)
    for (const [i, w] of words.entries()) expect(intern(`  ${w} `, 2, 2 + w.length)).toBe(i)
    for (const [i, w] of words.entries()) expect(table.internWord(w)).toBe(i)
    expect(table.internWord('new')).toBe(5000)
    expect(table.types().slice(4999)).toEqual(['w4999', 'new'])
    expect(Array.from(table.counts().slice(4998))).toEqual([2, 2, 1])
    const other = new TypeTable()
    for (const w of ['w7', 'other', 'new']) other.internWord(w)
    const { hashes, units } = other.exportTypes(1)
    expect(table.internPacked(units, 0, hashes[0]!)).toBe(5001)
    expect(table.internPacked(units, 2 + 'other'.length, hashes[1]!)).toBe(5000)
    expect(table.counts()[5001]).toBe(0)
    const long = 'x'.repeat(10_000)
    const id = table.internWord(long)
    expect(table.types()[id]).toBe(long)
    // Words that share a prefix, and a prefix of a word, are types of their own.
    const prefix = 'abcdefgh'
    const [a, b] = [intern(`${prefix}a`, 0, 9), intern(`${prefix}b`, 0, 9)]
    expect(b).toBe(a + 1)
    expect([intern(`${prefix}a`, 0, 9), table.internWord(`${prefix}b`), table.internWord(prefix), table.internWord('abc')]).toEqual([a, b, b + 1, b + 2])
    expect(Array.from(table.counts().slice(a))).toEqual([2, 2, 1, 1])
  })
})
