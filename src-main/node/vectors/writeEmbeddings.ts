/**
 * Saves a set of word vectors in any format of VECTOR_FORMATS, chosen explicitly or by the
 * path's extension. Every format streams in ~1 MB batches with progress (rows of the vectors
 * file), obeys the signal and is written atomically: a failure or a cancel never leaves a
 * partial file, nor one file of a two-file format without the other (see filePair.ts).
 * Words a format cannot hold, and values that are not finite, are refused before anything is
 * written; every failure is a `VectorExportError`.
 */
import { type Embeddings } from '../../core/vectors/embeddings'
import { VECTOR_FORMATS, type VectorFormat, companionPath, formatFromPath } from '../../core/vectors/vectorFormats'
import { FileWriteError } from '../atomicFile'
import { Word2vecFormatError, writeWord2vecVectors } from '../word2vecFormat'
import { type RowStreamOptions } from './batchedFileWriter'
import { writeGloveVectors } from './gloveFormat'
import { writeJsonVectors } from './jsonFormat'
import { writeNpyFiles } from './npyFormat'
import { writeProjectorFiles } from './projectorFormat'
import { VectorExportError, checkFinite, checkShape } from './vectorExportError'

export interface WriteEmbeddingsOptions extends RowStreamOptions {
  /** Default: the format the path's extension names (GloVe has no extension and must be named). */
  readonly format?: VectorFormat
}

function formatChoices(): string {
  const byExtension = VECTOR_FORMATS.filter((f) => f.extensions.length > 0)
    .map((f) => `${f.extensions.join(' or ')} (${f.label})`)
  const ids = VECTOR_FORMATS.map((f) => f.format).join(', ')
  return `Use ${byExtension.join(', ')}, or name the format (${ids}); GloVe text has no extension of its own and must be named.`
}

/** The format to write `path` in; a `VectorExportError` ('unknownFormat') when none is known. */
export function resolveExportFormat(path: string, format?: VectorFormat): VectorFormat {
  const fromPath = formatFromPath(path)
  if (format !== undefined) {
    const named = VECTOR_FORMATS.find((f) => f.format === format)
    if (!named) throw new VectorExportError('unknownFormat', path, `Cannot save the vectors “${path}”: “${String(format)}” is not a vector format. ${formatChoices()}`)
    // A name whose extension says another format would be read back as that format, by us and by
    // every other tool (JSON in “x.npy”). GloVe has no extension of its own and is text, so a text one fits it.
    const fits = fromPath === null || fromPath === format || (format === 'glove' && fromPath === 'word2vec-text')
    if (fits) return format
    const extension = named.extensions[0]
    throw new VectorExportError('formatMismatch', path, `Cannot save ${named.label} as “${path}”: its extension says ${VECTOR_FORMATS.find((f) => f.format === fromPath)!.label}, and it would be read back as that. ${extension ? `Name it with ${extension}` : 'Give it a .txt name'}, or choose that format.`)
  }
  if (fromPath !== null) return fromPath
  throw new VectorExportError('unknownFormat', path, `Cannot tell which format to save the vectors “${path}” in: its extension names none. ${formatChoices()}`)
}

/**
 * Writes `embeddings` to `path` (and, for the Projector and NumPy, to `companionPath(path)`),
 * resolving with every file written, the main file first.
 */
export async function writeEmbeddings(path: string, embeddings: Embeddings, options: WriteEmbeddingsOptions = {}): Promise<{ files: string[] }> {
  const format = resolveExportFormat(path, options.format)
  checkShape(embeddings)
  checkFinite(path, embeddings)
  const companion = companionPath(path, format)
  try {
    await writeFormat(format, path, companion, embeddings, options)
  } catch (error) {
    throw asExportError(error)
  }
  return { files: companion === null ? [path] : [path, companion] }
}

async function writeFormat(format: VectorFormat, path: string, companion: string | null, embeddings: Embeddings, options: RowStreamOptions): Promise<void> {
  switch (format) {
    case 'word2vec-text':
    case 'word2vec-binary':
      return writeWord2vecVectors(path, embeddings.words, embeddings.vectors, {
        dim: embeddings.dim, format: format === 'word2vec-text' ? 'text' : 'binary', signal: options.signal, onProgress: options.onProgress,
      })
    case 'glove':
      return writeGloveVectors(path, embeddings, options)
    case 'projector':
      return writeProjectorFiles(path, companion!, embeddings, options)
    case 'npy':
      return writeNpyFiles(path, companion!, embeddings, options)
    case 'json':
      return writeJsonVectors(path, embeddings, options)
  }
}

/** One error class for every format; the path is the file that failed, which may be the companion. */
function asExportError(error: unknown): unknown {
  if (error instanceof FileWriteError) return new VectorExportError(error.kind, error.path, error.message, { cause: error })
  if (error instanceof Word2vecFormatError) {
    return new VectorExportError(error.kind, error.path, error.message, { cause: error, row: error.row, word: error.word })
  }
  return error
}
