/**
 * Benchmark files are read the way gensim reads them, so that the same file gives the same
 * questions here and there: Python's str.split() and str.strip() whitespace (which differs
 * from JavaScript's \s: it includes U+001C–U+001F and U+0085, and not U+FEFF), and Python's
 * str.upper() for case-insensitive matching, which JavaScript's toUpperCase matches (both apply
 * the full Unicode case mapping, e.g. “ß” → “SS”).
 */
import { restrictedRowCount } from './vectorIndex'

const PYTHON_WHITESPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000'
const WHITESPACE_RUN = new RegExp(`[${PYTHON_WHITESPACE}]+`)
const EDGE_WHITESPACE = new RegExp(`^[${PYTHON_WHITESPACE}]+|[${PYTHON_WHITESPACE}]+$`, 'g')

/** Python's `text.split()`. */
export function splitWords(text: string): string[] {
  return text.split(WHITESPACE_RUN).filter((word) => word !== '')
}

/** Python's `text.strip()`. */
export function stripWhitespace(text: string): string {
  return text.replace(EDGE_WHITESPACE, '')
}

/** The file's lines as gensim iterates them (split on \n only), without a leading byte-order mark. */
export function benchmarkLines(text: string): string[] {
  const lines = (text.startsWith('\uFEFF') ? text.slice(1) : text).split('\n')
  if (lines.at(-1) === '') lines.pop()
  return lines
}

/** How words are compared: gensim upper-cases both sides when case-insensitive. */
export function caseFolder(caseInsensitive: boolean): (word: string) => string {
  return caseInsensitive ? (word) => word.toUpperCase() : (word) => word
}

/**
 * Word → first row among the first `restrictVocab` rows, under the chosen folding: gensim's
 * `ok_vocab`, where the first (most frequent) case variant of a word wins.
 */
export function restrictedVocabulary(words: readonly string[], restrictVocab: number, fold: (word: string) => string): Map<string, number> {
  const vocabulary = new Map<string, number>()
  const limit = restrictedRowCount(words.length, restrictVocab)
  for (let row = 0; row < limit; row++) {
    const key = fold(words[row]!)
    if (!vocabulary.has(key)) vocabulary.set(key, row)
  }
  return vocabulary
}
