/**
 * Loads word vectors from any supported file: word2vec text and binary (gensim, word2vec.c,
 * fastText `.vec`), GloVe text, the TensorFlow Embedding Projector's TSV pair, NumPy `.npy` with
 * its vocabulary, and JSON. The format is the one asked for, else detected (see
 * vectorFormatDetection.ts). Every format streams ~1 MiB at a time into one Float32Array, with
 * progress after each chunk and cancellation between chunks. Anything wrong with the file is a
 * VectorsFileError naming the file and the line or vector; duplicate words and replaced invalid
 * UTF-8 are warnings.
 */
import { stat } from 'node:fs/promises'
import { type Embeddings } from '../../core/vectors/embeddings'
import { type VectorFormat } from '../../core/vectors/vectorFormats'
import { DEFAULT_CHUNK_BYTES, ReadProgress } from './chunkedFile'
import { type BuiltEmbeddings } from './embeddingsBuilder'
import { type FormatReadOptions } from './formatReader'
import { readJsonVectors } from './jsonReader'
import { readNpy } from './npyReader'
import { readProjector } from './projectorReader'
import { readSparkModel } from './sparkModelReader'
import { readTextVectors } from './textVectorsReader'
import { detectVectorFormat } from './vectorFormatDetection'
import { VectorsFileError, fileLabel, fileSystemError } from './vectorsFileError'
import { type EncodingErrors } from './wordDecoding'
import { readWord2vecBinary } from './word2vecBinaryReader'

export interface ReadEmbeddingsOptions {
  /** Default: detected from the extension, else the content. */
  readonly format?: VectorFormat
  /** Read only the first N vectors of the file (gensim's `limit`); duplicates count as read. */
  readonly limit?: number
  /** Invalid UTF-8 in a word: replaced by U+FFFD with a warning (default), or an error. */
  readonly encodingErrors?: EncodingErrors
  /** After each chunk; totalBytes covers both files of the two-file formats. Ends at the total. */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void
  /** Checked before each chunk; a cancel rejects with a VectorsFileError of kind 'cancelled'. */
  readonly signal?: AbortSignal
  /** Bytes read at a time (default 1 MiB). */
  readonly chunkBytes?: number
}

/** What was read: a file format, or a Spark model's folder (read only: the app writes files). */
export type VectorSourceFormat = VectorFormat | 'spark-word2vec'

export interface ReadEmbeddingsResult {
  readonly embeddings: Embeddings
  readonly format: VectorSourceFormat
  /** Sentences for the user: duplicates skipped, invalid UTF-8 replaced, words with spaces. */
  readonly warnings: string[]
}

const READERS: Readonly<Record<VectorFormat, (options: FormatReadOptions) => Promise<BuiltEmbeddings>>> = {
  'word2vec-text': (options) => readTextVectors(options, true),
  'word2vec-binary': readWord2vecBinary,
  'glove': (options) => readTextVectors(options, false),
  'projector': readProjector,
  'npy': readNpy,
  'json': readJsonVectors,
}

/** The fewest vectors a `limit` may ask for: a file read to nothing would hold no vectors at all. */
export const MIN_READ_LIMIT = 1

export async function readEmbeddings(path: string, options: ReadEmbeddingsOptions = {}): Promise<ReadEmbeddingsResult> {
  const { limit = Infinity, encodingErrors = 'replace', chunkBytes = DEFAULT_CHUNK_BYTES, onProgress, signal } = options
  if (limit !== Infinity && (!Number.isInteger(limit) || limit < MIN_READ_LIMIT)) throw new RangeError(`limit must be a whole number of at least ${MIN_READ_LIMIT}, not ${limit}.`)
  if (!Number.isInteger(chunkBytes) || chunkBytes < 1) throw new RangeError(`chunkBytes must be a whole number of at least 1, not ${chunkBytes}.`)
  if (encodingErrors !== 'replace' && encodingErrors !== 'strict') throw new RangeError(`encodingErrors must be 'replace' or 'strict', not ${String(encodingErrors)}.`)
  if (options.format !== undefined && !Object.hasOwn(READERS, options.format)) {
    throw new RangeError(`format must be one of ${Object.keys(READERS).join(', ')}, not ${String(options.format)}.`)
  }
  const progress = new ReadProgress(path, onProgress, signal)
  progress.throwIfCancelled()
  if (await isFolder(path)) {
    if (options.format !== undefined) {
      throw new VectorsFileError('notAFile', path, `${fileLabel(path)} is a folder; a folder is read as a saved Spark Word2VecModel, not as ${options.format}.`)
    }
    const { embeddings, warnings } = await readSparkModel({ path, limit, encodingErrors, chunkBytes, progress })
    progress.complete()
    return { embeddings, format: 'spark-word2vec', warnings }
  }
  const format = options.format ?? await detectVectorFormat(path)
  const { embeddings, warnings } = await READERS[format]({ path, limit, encodingErrors, chunkBytes, progress })
  progress.complete()
  return { embeddings, format, warnings }
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch (error) {
    throw fileSystemError(path, error)
  }
}
