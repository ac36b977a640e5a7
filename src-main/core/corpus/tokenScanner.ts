import { CharClass, type CharTables, charTables } from './charClasses'
import { type Tokenizer, type TokenizerOptions, DEFAULT_TOKENIZER_OPTIONS, createTokenizer } from './tokenizer'
import { type TypeTable } from './typeTable'

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
 * A line holding a unit the tables call complex (a surrogate pair, a case mapping that depends
 * on context or makes two units) goes to the reference tokenizer whole, after forgetting the
 * types and counts this line had added, so ids stay in order of first occurrence. Word segmentation
 * (Intl.Segmenter) always goes to the reference.
 */

const { none: NONE, letter: LETTER, digit: DIGIT, replacement: REPLACEMENT, joinerPunctuation: JOINER_PUNCTUATION,
  joinerFormat: JOINER_FORMAT, digitJoiner: DIGIT_JOINER, complex: COMPLEX } = CharClass

export class TokenScanner {
  /** The type ids of the last scan's tokens, in order (ids[0, n) for the n it returned). */
  ids: Int32Array = new Int32Array(1 << 10)
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
    this.segmenting = o.segmentation === 'words'
  }

  /** Tokenizes text[start, end) (a line, or a piece of one cut at whitespace) into `ids`, counting them in the table; returns how many. */
  scan(text: string, start = 0, end = text.length): number {
    if (this.segmenting) return this.scanReference(text.slice(start, end))
    const { classOf, normalised } = this.tables
    const { table, keepPunctuation, keepNumbers } = this
    const typesBefore = table.size
    let ids = this.ids
    let n = 0
    let i = start
    while (i < end) {
      const kind = classOf[text.charCodeAt(i)]!
      if (kind === NONE) {
        i++
        continue
      }
      if (kind === COMPLEX) {
        table.uncount(ids, n)
        table.truncate(typesBefore)
        return this.scanReference(text.slice(start, end))
      }
      const tokenStart = i
      let keep: boolean
      if (kind === LETTER || kind === DIGIT || (kind === REPLACEMENT && i + 1 < end && isWordStart(classOf[text.charCodeAt(i + 1)]!))) {
        let hasLetter = false
        let last = kind
        if (kind === REPLACEMENT) i++
        for (;;) {
          while (i < end) {
            const c = classOf[text.charCodeAt(i)]!
            if (c === LETTER) hasLetter = true
            else if (c !== DIGIT && c !== REPLACEMENT) break
            last = c
            i++
          }
          if (i + 1 >= end) break
          const joiner = classOf[text.charCodeAt(i)]!
          const next = classOf[text.charCodeAt(i + 1)]!
          if (joiner === DIGIT_JOINER ? last !== DIGIT || next !== DIGIT : joiner !== JOINER_PUNCTUATION && joiner !== JOINER_FORMAT) break
          if (next === LETTER || next === DIGIT) i++
          else if (next === REPLACEMENT && i + 2 < end && isWordStart(classOf[text.charCodeAt(i + 2)]!)) i += 2
          else break
        }
        keep = keepNumbers || hasLetter || kind !== DIGIT
      } else {
        i++
        keep = keepPunctuation && kind !== JOINER_FORMAT
      }
      if (!keep) continue
      if (n === ids.length) ids = this.grow(n + 1)
      ids[n++] = table.intern(text, tokenStart, i, normalised)
    }
    return n
  }

  private scanReference(line: string): number {
    const words = this.reference(line)
    const ids = words.length > this.ids.length ? this.grow(words.length) : this.ids
    for (let k = 0; k < words.length; k++) ids[k] = this.table.internWord(words[k]!)
    return words.length
  }

  private grow(needed: number): Int32Array {
    let size = this.ids.length * 2
    while (size < needed) size *= 2
    const bigger = new Int32Array(size)
    bigger.set(this.ids)
    this.ids = bigger
    return bigger
  }
}

function isWordStart(kind: number): boolean {
  return kind === LETTER || kind === DIGIT
}
