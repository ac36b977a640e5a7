import { CharClass, type CharTables, charTables } from './charClasses'
import { type Tokenizer, type TokenizerOptions, DEFAULT_TOKENIZER_OPTIONS, createTokenizer } from './tokenizer'
import { type TypeTable } from './typeTable'
import { grown } from './grownArray'

/**
 * The tokenizer's pattern (tokenizer.ts, kept as the reference) done by hand over UTF-16 units
 * with table lookups (charClasses.ts), interning each token into a TypeTable straight from the
 * text: the same tokens, without a regex, a lowercased copy of the line or a string per token.
 *
 * It walks the pattern as the regex engine would: at each position a token if one starts there
 * (an optional U+FFFD, then a letter or digit), else one punctuation character when they are
 * kept, else the next position. A token takes every word character (letters, marks, digits,
 * U+FFFD), then a joiner and the next segment as long as one follows (' - ‐ ZWNJ ZWJ anywhere,
 * . and , between digits). The pattern's greedy matching never backtracks into a segment, since
 * a token may always end where its segment does, so one pass decides each token.
 *
 * A character beyond U+FFFF (emoji, rarer CJK, math letters) is a pair of units, classified by
 * its code point. Around a character the tables call complex (a lone surrogate, a case mapping
 * that depends on context or changes the length), the text from the last space or tab before it
 * to the first after it goes to the reference tokenizer instead. Tokens are found for the whole
 * line before any is interned, so ids stay in order of first occurrence. Cutting there is exact:
 * no token holds a space or tab, and no case mapping looks across one (they are neither
 * case-ignorable nor combining). Word segmentation (Intl.Segmenter) and the course's whitespace
 * split always go to the reference.
 */

const { none: NONE, letter: LETTER, digit: DIGIT, replacement: REPLACEMENT, joinerPunctuation: JOINER_PUNCTUATION,
  joinerFormat: JOINER_FORMAT, digitJoiner: DIGIT_JOINER, complex: COMPLEX, surrogate: SURROGATE } = CharClass

export class TokenScanner {
  /** The type ids of the last scan's tokens, in order (ids[0, n) for the n it returned). */
  ids: Int32Array = new Int32Array(1 << 10)
  /** The last scan's tokens (see findTokens). */
  private starts: Int32Array = new Int32Array(1 << 10)
  private ends: Int32Array = new Int32Array(1 << 10)
  private readonly tables: CharTables
  private readonly reference: Tokenizer
  private readonly keepPunctuation: boolean
  private readonly keepNumbers: boolean
  private readonly segmenting: boolean

  constructor(options: Partial<TokenizerOptions>, private readonly table: TypeTable) {
    const o = { ...DEFAULT_TOKENIZER_OPTIONS, ...options }
    this.tables = charTables(o)
    this.reference = createTokenizer(o)
    this.keepPunctuation = o.punctuation === 'keep'
    this.keepNumbers = o.numbers === 'keep'
    // Dictionary breaks and the course's whitespace split are the reference tokenizer's alone.
    this.segmenting = o.segmentation !== 'spaces'
  }

  /** Tokenizes text[start, end) (a line, or a piece of one cut at whitespace) into `ids`, counting them in the table; returns how many. */
  scan(text: string, start = 0, end = text.length): number {
    if (this.segmenting) return this.appendReference(text.slice(start, end), 0)
    const m = this.findTokens(text, start, end)
    const { table } = this
    const { normalised } = this.tables
    const { starts, ends } = this
    let n = 0
    for (let k = 0; k < m; k++) {
      const from = starts[k]!
      if (from >= 0) {
        if (n === this.ids.length) this.ids = grown(this.ids, n + 1)
        this.ids[n++] = table.intern(text, from, ends[k]!, normalised)
      } else {
        n = this.appendReference(text.slice(~starts[k]!, ends[k]!), n)
      }
    }
    return n
  }

  /**
   * Finds the tokens of text[start, end): (starts[k], ends[k]) for k < the count returned; a
   * stretch for the reference tokenizer has its start complemented (negative).
   */
  private findTokens(text: string, start: number, end: number): number {
    const { classOf } = this.tables
    const { keepPunctuation, keepNumbers } = this
    let m = 0
    // The last place the line may be cut for the reference: after a space or tab, which no token
    // and no context of a case mapping crosses; and the tokens found by then.
    let safeAt = start
    let safeTokens = 0
    let i = start
    while (i < end) {
      const unit = text.charCodeAt(i)
      let kind = classOf[unit]!
      if (kind === NONE) {
        i++
        if (unit === SPACE || unit === TAB) {
          safeAt = i
          safeTokens = m
        }
        continue
      }
      let width = 1
      if (kind === SURROGATE) {
        kind = this.pairClass(text, i, end)
        width = 2
      }
      if (kind === COMPLEX) {
        let stop = i
        for (let c = text.charCodeAt(stop); stop < end && c !== SPACE && c !== TAB; c = text.charCodeAt(++stop));
        m = this.addToken(safeTokens, ~safeAt, stop)
        i = stop
        continue
      }
      const tokenStart = i
      let keep: boolean
      if (kind === LETTER || kind === DIGIT || (kind === REPLACEMENT && i + 1 < end && isWordStart(this.classAt(text, i + 1, end)))) {
        let hasLetter = false
        let last = kind
        if (kind === REPLACEMENT) i++
        for (;;) {
          while (i < end) {
            let c = classOf[text.charCodeAt(i)]!
            let w = 1
            if (c === SURROGATE) {
              c = this.pairClass(text, i, end)
              w = 2
            }
            if (c === LETTER) hasLetter = true
            else if (c !== DIGIT && c !== REPLACEMENT) break
            last = c
            i += w
          }
          if (i + 1 >= end) break
          const joiner = classOf[text.charCodeAt(i)]!
          const next = this.classAt(text, i + 1, end)
          if (joiner === DIGIT_JOINER ? last !== DIGIT || next !== DIGIT : joiner !== JOINER_PUNCTUATION && joiner !== JOINER_FORMAT) break
          if (next === LETTER || next === DIGIT) i++
          else if (next === REPLACEMENT && i + 2 < end && isWordStart(this.classAt(text, i + 2, end))) i += 2
          else break
        }
        keep = keepNumbers || hasLetter || kind !== DIGIT
      } else {
        i += width
        keep = keepPunctuation && kind !== JOINER_FORMAT
      }
      if (keep) m = this.addToken(m, tokenStart, i)
    }
    return m
  }

  private addToken(m: number, start: number, end: number): number {
    if (m === this.starts.length) {
      this.starts = grown(this.starts, m + 1)
      this.ends = grown(this.ends, m + 1)
    }
    this.starts[m] = start
    this.ends[m] = end
    return m + 1
  }

  private classAt(text: string, i: number, end: number): number {
    const kind = this.tables.classOf[text.charCodeAt(i)]!
    return kind === SURROGATE ? this.pairClass(text, i, end) : kind
  }

  /** The class of the character whose pair starts at i; complex for a lone surrogate. */
  private pairClass(text: string, i: number, end: number): number {
    const high = text.charCodeAt(i)
    if (high > 0xdbff || i + 1 >= end) return COMPLEX
    const low = text.charCodeAt(i + 1)
    if (low < 0xdc00 || low > 0xdfff) return COMPLEX
    return this.tables.astralClass(((high - 0xd800) << 10) + (low - 0xdc00))
  }

  /** The reference tokenizer's tokens of `text`, interned into ids[at…]; returns where they end. */
  private appendReference(text: string, at: number): number {
    const words = this.reference(text)
    if (at + words.length > this.ids.length) this.ids = grown(this.ids, at + words.length)
    const ids = this.ids
    for (let k = 0; k < words.length; k++) ids[at + k] = this.table.internWord(words[k]!)
    return at + words.length
  }
}

const SPACE = 0x20
const TAB = 0x09

function isWordStart(kind: number): boolean {
  return kind === LETTER || kind === DIGIT
}
