/**
 * Everything that can stop an export ends as a `VectorExportError`: a path that names no format,
 * a word the chosen format cannot hold, a value that is not a finite number, or a disk failure
 * (the `FileWriteFailure` kinds of atomicFile.ts, with its sentences). Words and values are
 * checked before anything touches the disk.
 */
import { type Embeddings } from '../../core/vectors/embeddings'
import { type FileWriteFailure } from '../atomicFile'

export type VectorExportErrorKind = 'unknownFormat' | 'formatMismatch' | 'invalidWord' | 'invalidValue' | FileWriteFailure

export class VectorExportError extends Error {
  override readonly name = 'VectorExportError'
  /** For 'invalidWord' and 'invalidValue': the row (0-based) and its word. */
  readonly row: number | undefined
  readonly word: string | undefined

  constructor(readonly kind: VectorExportErrorKind, readonly path: string, message: string, options?: { cause?: unknown; row?: number; word?: string }) {
    super(message, { cause: options?.cause })
    this.row = options?.row
    this.word = options?.word
  }
}

/** A rule of a format: the reason a word cannot be stored, or undefined when it can. */
export type WordRule = (word: string) => string | undefined

/** Python's idea of whitespace (str.split) as well as JavaScript's, so no reader splits a word. */
// eslint-disable-next-line no-control-regex -- Python's str.split treats U+001C–U+001F as whitespace
const WHITESPACE = /[\s\u0085\u001c-\u001f]/u
/** Every character Python's str.splitlines ends a line at (JavaScript's \n and \r among them). */
// eslint-disable-next-line no-control-regex -- \v, \f and U+001C–U+001E end lines for Python
const LINE_BREAK = /[\n\r\v\f\u001c-\u001e\u0085\u2028\u2029]/u
/** A lone surrogate cannot be encoded as UTF-8; it would be written as U+FFFD, not as the word. */
const LONE_SURROGATE = /\p{Cs}/u

function commonProblem(word: string): string | undefined {
  if (word === '') return 'is empty'
  if (LONE_SURROGATE.test(word)) return 'is not valid Unicode (it has a lone surrogate)'
  return undefined
}

/** word2vec text and binary, GloVe: the word ends at the first whitespace. */
export const noWhitespace: WordRule = (word) =>
  commonProblem(word) ?? (WHITESPACE.test(word) ? 'contains whitespace (a space, tab, line break or other blank)' : undefined)

/** NumPy's vocabulary file: one word a line; readers commonly drop blank lines. */
export const oneLine: WordRule = (word) =>
  commonProblem(word)
  ?? (LINE_BREAK.test(word) ? 'contains a line break' : undefined)
  ?? (word.trim() === '' ? 'is blank (readers skip blank lines, which would shift every later word)' : undefined)

/** The Projector's metadata: tab-separated columns, and it skips lines that are blank once trimmed. */
export const oneCell: WordRule = (word) =>
  (word.includes('\t') ? 'contains a tab' : undefined) ?? oneLine(word)

function describeWord(word: string): string {
  return JSON.stringify(word.length > 60 ? `${word.slice(0, 60)}…` : word)
}

export function checkWords(path: string, words: readonly string[], rule: WordRule, formatName: string): void {
  words.forEach((word, row) => {
    const problem = rule(word)
    if (problem === undefined) return
    throw new VectorExportError('invalidWord', path, `Cannot save the vectors “${path}”: word ${row + 1} (${describeWord(word)}) ${problem}, which ${formatName} cannot store. Remove or rename that word, or choose JSON, which stores any word.`, { row, word })
  })
}

/**
 * NaN or an infinity means the training diverged; our own import refuses such files, JSON has
 * no way to write them and the Projector reads "NaN" as a label, so none is written anywhere.
 */
export function checkFinite(path: string, embeddings: Embeddings): void {
  const { vectors, dim, words } = embeddings
  for (let k = 0; k < vectors.length; k++) {
    const value = vectors[k]!
    if (Number.isFinite(value)) continue
    const row = Math.floor(k / dim)
    const word = words[row]!
    throw new VectorExportError('invalidValue', path, `Cannot save the vectors “${path}”: the vector of word ${row + 1} (${describeWord(word)}) has ${value} in column ${(k % dim) + 1}. Vectors that are not finite numbers usually mean the training diverged; train again with a smaller learning rate.`, { row, word })
  }
}

export function checkShape(embeddings: Embeddings): void {
  const { words, vectors, dim, counts } = embeddings
  if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`The vector dimension must be a positive integer, not ${dim}.`)
  if (vectors.length !== words.length * dim) throw new RangeError(`${words.length} words of dimension ${dim} need ${words.length * dim} floats, but the matrix has ${vectors.length}.`)
  if (counts !== null && counts.length !== words.length) throw new RangeError(`${words.length} words but ${counts.length} counts.`)
}
