/**
 * Everything a user can get wrong about a vector file ends as a `VectorsFileError`: `kind` lets
 * the window or the CLI choose what to offer, the message is the sentence to show. It names the
 * file by its name and, when the problem sits somewhere in it, the line (text formats, JSON) or
 * the vector (binary formats), 1-based.
 */
import { basename } from 'node:path'

export type VectorsFileErrorKind =
  | 'notFound'
  | 'notAFile'
  /** Permission denied or an I/O failure. */
  | 'unreadable'
  | 'cancelled'
  /** No vectors at all (an empty file, or only blank lines). */
  | 'empty'
  /** The word2vec header line or the .npy header cannot be read. */
  | 'badHeader'
  /** The file ends before the header's count, or in the middle of a vector. */
  | 'truncated'
  /** More vectors than the header says (or, in JSON, words and vectors of different lengths). */
  | 'countMismatch'
  /** A vector with a different number of values than the header or the first vector. */
  | 'inconsistentDimensions'
  /** A value that is not a number. */
  | 'malformedNumber'
  /** NaN, an infinity, or a value too large for float32. */
  | 'notFinite'
  /** A word that is not valid UTF-8, with encodingErrors 'strict'. */
  | 'invalidEncoding'
  /** A .npy array this reader does not take: its dtype, Fortran order or number of axes. */
  | 'unsupportedArray'
  /** The Projector metadata (or the NumPy vocabulary) has a different number of rows than the vectors. */
  | 'metadataMismatch'
  /** A folder that is not a saved Spark Word2VecModel: no Spark metadata, or another class of model. */
  | 'notAModel'
  /** A Spark model's data lacks a column it needs, or holds it in another type. */
  | 'missingColumn'
  /** Any other break of the format: a JSON syntax error, a binary word without its space. */
  | 'malformed'

export class VectorsFileError extends Error {
  override readonly name = 'VectorsFileError'
  /** 1-based line of a text file (JSON included) where the problem is, when there is one. */
  readonly line: number | undefined
  /** 1-based vector (row) where the problem is, for formats without lines. */
  readonly row: number | undefined

  constructor(readonly kind: VectorsFileErrorKind, readonly path: string, message: string, options?: { cause?: unknown; line?: number; row?: number }) {
    super(message, { cause: options?.cause })
    this.line = options?.line
    this.row = options?.row
  }
}

/** “name.txt”, as messages show a file. */
export function fileLabel(path: string): string {
  return `“${basename(path)}”`
}

/** A word or a piece of a line as messages quote it: shortened, control characters made visible. */
export function quoteText(text: string, max = 40): string {
  const short = text.length > max ? `${text.slice(0, max)}…` : text
  return `“${JSON.stringify(short).slice(1, -1)}”`
}

export function cancelledError(path: string): VectorsFileError {
  return new VectorsFileError('cancelled', path, `Loading the vectors ${fileLabel(path)} was cancelled.`)
}

/** A file-system failure as the sentence a user reads; a VectorsFileError passes through. */
export function fileSystemError(path: string, error: unknown): VectorsFileError {
  if (error instanceof VectorsFileError) return error
  const name = fileLabel(path)
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  switch (code) {
    case 'ENOENT':
      return new VectorsFileError('notFound', path, `The vector file ${name} does not exist (at ${path}); it may have been moved or deleted.`, { cause: error })
    case 'EISDIR':
      return new VectorsFileError('notAFile', path, `${name} is a folder, not a vector file.`, { cause: error })
    case 'EACCES':
    case 'EPERM':
      return new VectorsFileError('unreadable', path, `You do not have permission to read ${name}.`, { cause: error })
    default: {
      const detail = error instanceof Error ? error.message : String(error)
      return new VectorsFileError('unreadable', path, `${name} could not be read (${detail}).`, { cause: error })
    }
  }
}
