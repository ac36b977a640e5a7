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
  /** The prepared token file could not be written or read back (a full disk, a folder that is not writable, a file deleted under us). */
  | 'storage'
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

/**
 * The prepared token file (4 bytes a token, beside the app's data) failed: `doing` is what we
 * were doing ('create', 'write', 'read'); the system error's code picks the sentence.
 */
export function tokenFileError(doing: 'create' | 'write' | 'read', path: string, error: unknown): CorpusError {
  const code = (error as { code?: unknown } | null)?.code
  const detail = error instanceof Error ? error.message : String(error)
  const where = `“${path}”`
  let message: string
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    message = `The disk is full: the prepared corpus (4 bytes a word, in ${where}) could not be written. Free some space and load the corpus again.`
  } else if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    message = doing === 'read'
      ? `The app may not read the prepared corpus ${where} (${detail}). Check its permissions, or load the corpus again.`
      : `The app may not write the prepared corpus to ${where} (${detail}). Check that the folder is writable, then load the corpus again.`
  } else if (doing === 'read' && code === 'ENOENT') {
    message = `The prepared corpus ${where} is gone (another program or a cleaner of temporary files deleted it). Load the corpus again.`
  } else if (doing === 'read') {
    message = `The prepared corpus ${where} could not be read back (${detail}). Load the corpus again.`
  } else {
    message = `The prepared corpus could not be ${doing === 'create' ? 'created' : 'written'} in ${where} (${detail}). Free some space or check that the folder is writable, then load the corpus again.`
  }
  return new CorpusError('storage', message, { cause: error })
}
