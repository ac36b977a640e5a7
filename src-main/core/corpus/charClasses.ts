import { type TokenizerOptions } from './tokenizer'

/**
 * Per-code-unit tables for the fast tokenizer (tokenScanner.ts): what each UTF-16 unit becomes
 * once the line is normalised (lowercased, ’ read as ') and what the reference tokenizer's
 * pattern makes of that. Built by asking the very regexes and case mappings the reference uses,
 * one character at a time, so the tables cannot disagree with it on a character they accept.
 *
 * A surrogate's class is SURROGATE: the scanner asks `astralClass` about the pair's code point,
 * which is classified the same way on first use (a million code points are too many to ask
 * about up front). A lone surrogate, and a code point beyond U+FFFF with a lowercase of its own
 * (Deseret, Osage, Adlam: rare), are complex.
 *
 * A unit is COMPLEX (the scanner hands the whole line to the reference tokenizer) when one unit
 * in isolation cannot say what it becomes:
 * - its lowercase is not one unit (İ → i̇) or depends on its neighbours: Greek final sigma,
 *   Lithuanian dotted i, Turkish I + U+0307. Context dependence is found by lowercasing the
 *   unit between neighbours of each kind the Unicode conditions look at (cased letters,
 *   combining marks above, case-ignorable punctuation, spaces); Σ and U+0307 are always
 *   complex, whatever the test says, since they are the characters those rules are about.
 */

export const CharClass = {
  /** Nothing: whitespace, controls, format characters, unassigned. */
  none: 0,
  /** \p{L} or \p{M}: a word character that makes a token a word. */
  letter: 1,
  /** \p{N}: a word character; a token of these alone is a number. */
  digit: 2,
  /** U+FFFD: part of a word it touches, else a symbol. */
  replacement: 3,
  /** ' - ‐: joins two word segments, else punctuation. */
  joinerPunctuation: 4,
  /** ZWNJ, ZWJ: joins two word segments, else nothing. */
  joinerFormat: 5,
  /** . , : joins two digits, else punctuation. */
  digitJoiner: 6,
  /** Any other \p{P} or \p{S}. */
  punctuation: 7,
  complex: 8,
  /** Half of a pair: ask astralClass. */
  surrogate: 9,
} as const

export interface CharTables {
  /** The class of each unit's normalised form. */
  readonly classOf: Uint8Array
  /** Each unit's normalised form (meaningless where the class is complex; surrogates are their own). */
  readonly normalised: Uint16Array
  /** The class of code point 0x10000 + offset, which is its own normalised form unless complex. */
  readonly astralClass: (offset: number) => number
}

const LETTER = /^[\p{L}\p{M}]$/u
const DIGIT = /^\p{N}$/u
const PUNCTUATION = /^[\p{P}\p{S}]$/u
/**
 * Neighbours that case-mapping conditions look at: cased letters, a mark above, case-ignorable
 * punctuation, a space. Σ and U+0307 are not needed: a line holding one never reaches the
 * scanner. So Turkish I (→ ı, unless before U+0307) stays a plain unit.
 */
const CONTEXTS = ['A', 'a', 'I', '\u0301', '.', "'", ' ']
const ALWAYS_COMPLEX = [0x03a3, 0x0307]

const cache = new Map<string, CharTables>()

export function charTables(options: Pick<TokenizerOptions, 'lowercase' | 'locale'>): CharTables {
  const key = options.lowercase ? `lower:${options.locale ?? ''}` : 'asis'
  let tables = cache.get(key)
  if (tables === undefined) {
    tables = buildTables(options)
    cache.set(key, tables)
  }
  return tables
}

function buildTables(options: Pick<TokenizerOptions, 'lowercase' | 'locale'>): CharTables {
  const lower = !options.lowercase
    ? null
    : options.locale === undefined
      ? (s: string) => s.toLowerCase()
      : (s: string) => s.toLocaleLowerCase(options.locale)
  const classOf = new Uint8Array(0x10000)
  const normalised = new Uint16Array(0x10000)
  for (let unit = 0; unit < 0x10000; unit++) {
    if (unit >= 0xd800 && unit <= 0xdfff) {
      classOf[unit] = CharClass.surrogate
      normalised[unit] = unit
      continue
    }
    const char = String.fromCharCode(unit)
    let form = char
    if (lower !== null) {
      form = lower(char)
      if (form.length !== 1 || dependsOnContext(char, form, lower)) {
        classOf[unit] = CharClass.complex
        continue
      }
    }
    if (form === '\u2019') form = "'"
    normalised[unit] = form.charCodeAt(0)
    classOf[unit] = classify(form)
  }
  if (lower !== null) for (const unit of ALWAYS_COMPLEX) classOf[unit] = CharClass.complex
  // Class + 1 of each code point from U+10000, 0 until first asked.
  const astral = new Uint8Array(0x100000)
  const astralClass = (offset: number): number => {
    let known = astral[offset]!
    if (known === 0) {
      const char = String.fromCodePoint(0x10000 + offset)
      known = 1 + (lower !== null && lower(char) !== char ? CharClass.complex : classify(char))
      astral[offset] = known
    }
    return known - 1
  }
  return { classOf, normalised, astralClass }
}

/**
 * Only characters with a lowercase of their own can depend on context: of Unicode's conditional
 * mappings (SpecialCasing.txt), the one whose target has none is U+0307, always complex.
 */
function dependsOnContext(char: string, form: string, lower: (s: string) => string): boolean {
  if (form === char) return false
  for (const x of CONTEXTS) {
    if (lower(x + char) !== lower(x) + form || lower(char + x) !== form + lower(x)) return true
  }
  return false
}

function classify(char: string): number {
  if (char === '\uFFFD') return CharClass.replacement
  if (LETTER.test(char)) return CharClass.letter
  if (DIGIT.test(char)) return CharClass.digit
  if (char === "'" || char === '-' || char === '\u2010') return CharClass.joinerPunctuation
  if (char === '\u200C' || char === '\u200D') return CharClass.joinerFormat
  if (char === '.' || char === ',') return CharClass.digitJoiner
  if (PUNCTUATION.test(char)) return CharClass.punctuation
  return CharClass.none
}
