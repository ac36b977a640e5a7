import { describe, expect, it } from 'vitest'
import { DEFAULT_TOKENIZER_OPTIONS, createTokenizer } from '../../../src-main/core/corpus/index'

const tokenize = createTokenizer()

describe('createTokenizer (default: Unicode words, lowercased, punctuation stripped, numbers kept)', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_TOKENIZER_OPTIONS).toEqual({ lowercase: true, punctuation: 'strip', numbers: 'keep', segmentation: 'spaces', format: 'plain' })
  })

  it('splits English on spaces and punctuation, keeping inner apostrophes and hyphens', () => {
    expect(tokenize("Don't stop — it's five o'clock, a well-known fact!")).toEqual(
      ["don't", 'stop', "it's", 'five', "o'clock", 'a', 'well-known', 'fact'],
    )
    expect(tokenize("'Quoted' dogs' -dash- end.Start")).toEqual(['quoted', 'dogs', 'dash', 'end', 'start'])
    expect(tokenize('Don’t')).toEqual(["don't"])
  })

  it('keeps numbers, with inner . and , between digits, and letters with digits together', () => {
    expect(tokenize('Pi is 3.14, about 1,000 mp3 files; covid-19.')).toEqual(['pi', 'is', '3.14', 'about', '1,000', 'mp3', 'files', 'covid-19'])
  })

  it('keeps accented Latin letters and lowercases them', () => {
    expect(tokenize('Größe, CAFÉ et Ça — naïve Ångström')).toEqual(['größe', 'café', 'et', 'ça', 'naïve', 'ångström'])
    // A decomposed é (e + U+0301) stays one token.
    expect(tokenize('Cafe\u0301 noir')).toEqual(['cafe\u0301', 'noir'])
  })

  it('reads Cyrillic, Greek, Arabic and Hebrew', () => {
    expect(tokenize('Привет, Мир! Как дела?')).toEqual(['привет', 'мир', 'как', 'дела'])
    expect(tokenize('Καλημέρα κόσμε· ΕΛΛΆΔΑ.')).toEqual(['καλημέρα', 'κόσμε', 'ελλάδα'])
    expect(tokenize('مرحبا بالعالم، كيف حالك؟')).toEqual(['مرحبا', 'بالعالم', 'كيف', 'حالك'])
    // Hebrew with vowel points (combining marks) and the maqaf-free plain form.
    expect(tokenize('שָׁלוֹם עוֹלָם! שלום.')).toEqual(['שָׁלוֹם', 'עוֹלָם', 'שלום'])
  })

  it('keeps Devanagari combining marks (vowel signs, virama) inside the word', () => {
    const words = tokenize('हिन्दी एक भाषा है।')
    expect(words).toEqual(['हिन्दी', 'एक', 'भाषा', 'है'])
    expect(words[0]).toHaveLength(6) // ह ि न ् द ी: four of them marks
  })

  it('keeps a zero-width non-joiner inside a Persian word', () => {
    expect(tokenize('می‌خواهم بروم')).toEqual(['می\u200Cخواهم', 'بروم'])
  })

  it('keeps a U+FFFD that touches a word inside it, so an unreadable accent does not cut the word in two', () => {
    // "garçon déjà vu" in Latin-1 read as UTF-8: each accented letter became one U+FFFD.
    expect(tokenize('Le gar\uFFFDon, d\uFFFDj\uFFFD vu \u2014 \uFFFDt\uFFFD')).toEqual(['le', 'gar\uFFFDon', 'd\uFFFDj\uFFFD', 'vu', '\uFFFDt\uFFFD'])
    expect(tokenize("l'\uFFFDt\uFFFD 3.14")).toEqual(["l'\uFFFDt\uFFFD", '3.14'])
    // Alone it is a symbol: dropped, or a token of its own when punctuation is kept.
    expect(tokenize('a \uFFFD b')).toEqual(['a', 'b'])
    expect(createTokenizer({ punctuation: 'keep' })('a \uFFFD gar\uFFFDon')).toEqual(['a', '\uFFFD', 'gar\uFFFDon'])
    // A long run costs no backtracking.
    const started = performance.now()
    expect(tokenize('\uFFFD'.repeat(200_000) + 'x')).toEqual(['\uFFFDx'])
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('makes no tokens from blank or punctuation-only lines', () => {
    expect(tokenize('')).toEqual([])
    expect(tokenize('  \t ')).toEqual([])
    expect(tokenize('... — !!! ??')).toEqual([])
  })
})

describe('createTokenizer options', () => {
  it('lowercase off keeps case', () => {
    expect(createTokenizer({ lowercase: false })('The Whale, Ahab')).toEqual(['The', 'Whale', 'Ahab'])
  })

  it('lowercases with the locale when one is given', () => {
    expect(createTokenizer({ locale: 'tr' })('İSTANBUL IRMAK')).toEqual(['istanbul', 'ırmak'])
    expect(createTokenizer()('IRMAK')).toEqual(['irmak'])
  })

  it('punctuation keep makes each punctuation or symbol character a token', () => {
    expect(createTokenizer({ punctuation: 'keep' })("Hello, world! It's $5 — ok?? 😀")).toEqual(
      ['hello', ',', 'world', '!', "it's", '$', '5', '—', 'ok', '?', '?', '😀'],
    )
  })

  it('numbers strip drops tokens without letters but keeps words with digits', () => {
    expect(createTokenizer({ numbers: 'strip' })('In 1990 about 3.14 of 1,000 mp3 files, ٣ and ๕')).toEqual(
      ['in', 'about', 'of', 'mp3', 'files', 'and'],
    )
    expect(createTokenizer({ numbers: 'strip', punctuation: 'keep' })('$5, 6!')).toEqual(['$', ',', '!'])
  })
})

describe("createTokenizer segmentation 'words' (Intl.Segmenter)", () => {
  const cjk = createTokenizer({ segmentation: 'words', locale: 'zh' })

  it('cuts Chinese into several words that rebuild the sentence', () => {
    const words = cjk('我喜欢自然语言处理')
    expect(words.length).toBeGreaterThanOrEqual(4)
    expect(words.join('')).toBe('我喜欢自然语言处理')
    expect(words.some((w) => w.length >= 2)).toBe(true) // words, not single characters
    // With spaces only, the same text is one token.
    expect(tokenize('我喜欢自然语言处理')).toEqual(['我喜欢自然语言处理'])
  })

  it('cuts Thai into several words', () => {
    const words = createTokenizer({ segmentation: 'words', locale: 'th' })('ฉันรักภาษาไทย')
    expect(words.length).toBeGreaterThanOrEqual(3)
    expect(words.join('')).toBe('ฉันรักภาษาไทย')
  })

  it('cuts Japanese mixing kanji and kana', () => {
    const words = createTokenizer({ segmentation: 'words', locale: 'ja' })('私は日本語を勉強しています。')
    expect(words.length).toBeGreaterThanOrEqual(4)
    expect(words.join('')).toBe('私は日本語を勉強しています')
  })

  it('drops punctuation unless kept, and numbers when stripped', () => {
    expect(cjk('你好，世界。').join('')).toBe('你好世界')
    const kept = createTokenizer({ segmentation: 'words', punctuation: 'keep' })('你好，世界。')
    expect(kept).toContain('，')
    expect(kept).toContain('。')
    expect(createTokenizer({ segmentation: 'words', numbers: 'strip' })('我有 2024 个 apples')).not.toContain('2024')
    expect(createTokenizer({ segmentation: 'words' })('我有 2024 个 Apples')).toEqual(expect.arrayContaining(['2024', 'apples']))
  })
})

describe("createTokenizer, segmentation 'whitespace' (the course's line.strip().split())", () => {
  const split = createTokenizer({ segmentation: 'whitespace' })

  it('splits at Python’s whitespace only and keeps every token as it is, lower-cased', () => {
    expect(split("It 's -LRB- mostly -RRB- fine -- isn’t it ... ?")).toEqual(["it", "'s", '-lrb-', 'mostly', '-rrb-', 'fine', '--', 'isn’t', 'it', '...', '?'])
    // \x1c–\x1f, U+0085, U+00A0 and U+3000 separate, as in Python; U+FEFF and U+200B do not.
    expect(split('a\x1cb\x1fc\u0085d\u00a0e\u3000f\ufeffg\u200bh')).toEqual(['a', 'b', 'c', 'd', 'e', 'f\ufeffg\u200bh'])
    expect(split('  \t ')).toEqual([])
  })

  it('drops no number or punctuation whatever those options say, and keeps case when asked', () => {
    const tokens = createTokenizer({ segmentation: 'whitespace', punctuation: 'strip', numbers: 'strip', lowercase: false })
    expect(tokens('In 1851 , Ishmael !')).toEqual(['In', '1851', ',', 'Ishmael', '!'])
    expect(createTokenizer({ segmentation: 'whitespace', locale: 'tr' })('İSTANBUL')).toEqual(['istanbul'])
  })
})
