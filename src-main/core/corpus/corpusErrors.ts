/**
 * Everything a user can get wrong about a corpus (the wrong file, an unreadable file, a corpus
 * too small for the chosen minCount) ends as a `CorpusError`: `kind` lets the window choose
 * what to offer, the message is the sentence to show. The sentences live here so they read alike.
 */

export type CorpusErrorKind =
  /** The file is not text: NUL bytes, or mostly bytes that are not UTF-8. */
  | 'binary'
  /** The file holds no token the tokenizer keeps. */
  | 'empty'
  /** No word reaches minCount. */
  | 'noVocabulary'
  /** A line breaks the declared format (the CS224n `index<TAB>sentence` layout). */
  | 'format'
  | 'notFound'
  | 'notAFile'
  /** Permission denied or an I/O failure. */
  | 'unreadable'
  /** The user cancelled the loading. */
  | 'cancelled'

export class CorpusError extends Error {
  override readonly name = 'CorpusError'

  constructor(readonly kind: CorpusErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options)
  }
}

/** How a corpus is named in messages when it does not come from a file. */
export const UNNAMED_SOURCE = 'the corpus'

/** “name” in typographic quotes, or the unnamed source as it is. */
export function quoteSource(source: string): string {
  return source === UNNAMED_SOURCE ? source : `“${source}”`
}

export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

export function binaryFileError(source: string, reason: 'nul' | 'undecodable'): CorpusError {
  const name = capitalised(quoteSource(source))
  if (reason === 'nul') return new CorpusError('binary', `${name} looks like a binary file, not text (it contains NUL bytes). Choose a plain-text file (.txt).`)
  return new CorpusError('binary', `${name} looks like a binary file, not text (too many of its first bytes are not valid UTF-8). Choose a plain-text file (.txt); if it is text in another encoding, save it as UTF-8 first.`)
}

export function emptyCorpusError(source: string, bytes: number): CorpusError {
  const message = bytes === 0
    ? `${capitalised(quoteSource(source))} is empty. Choose a text file with some sentences in it.`
    : `${capitalised(quoteSource(source))} contains no words the tokenizer keeps (only spaces, punctuation or numbers). Choose another file or change the tokenizer options.`
  return new CorpusError('empty', message)
}

export function noVocabularyError(source: string, minCount: number): CorpusError {
  return new CorpusError('noVocabulary', `No word occurs at least ${minCount} times in ${quoteSource(source)}; lower minCount or use a larger corpus.`)
}

export function cs224nFormatError(source: string, line: number): CorpusError {
  return new CorpusError('format', `Line ${line} of ${quoteSource(source)} has no tab. In the CS224n format every line after the header is “index<TAB>sentence”.`)
}

export function cancelledError(source: string): CorpusError {
  return new CorpusError('cancelled', `Loading ${quoteSource(source)} was cancelled.`)
}
