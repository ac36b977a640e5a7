/**
 * Writers for the two formats of word2vec.c that gensim's `KeyedVectors.load_word2vec_format`
 * (and most other tools) read:
 *
 *   text   (.txt, .vec)  "V D\n", then per word "word v1 v2 … vD\n", numbers in decimal
 *   binary (.bin)        "V D\n", then per word the UTF-8 word, a space, D little-endian
 *                        float32, "\n"
 *
 * Both formats end a word at the first space, and readers split lines on whitespace, so a word
 * that is empty or contains whitespace cannot be stored: such words are refused before anything
 * is written (never escaped or cut). Words are written whole as UTF-8. Writes stream in ~1 MB
 * batches through `writeFileAtomically`, so a failure never leaves a partial file behind.
 */
import { endianness } from 'node:os'
import { extname } from 'node:path'
import { type FileWriteFailure, FileWriteError, writeFileAtomically } from './atomicFile'
import { BatchedFileWriter } from './vectors/batchedFileWriter'
import { floatsText } from './vectors/float32Text'

export type Word2vecFormat = 'text' | 'binary'

export type Word2vecFormatErrorKind = 'invalidWord' | FileWriteFailure

export class Word2vecFormatError extends Error {
  override readonly name = 'Word2vecFormatError'
  /** For 'invalidWord': the word's index in `words` (0-based) and the word itself. */
  readonly row: number | undefined
  readonly word: string | undefined

  constructor(readonly kind: Word2vecFormatErrorKind, readonly path: string, message: string, options?: { cause?: unknown; row?: number; word?: string }) {
    super(message, { cause: options?.cause })
    this.row = options?.row
    this.word = options?.word
  }
}

export interface Word2vecWriteOptions {
  readonly dim: number
  /** Floats from one row's start to the next; ≥ dim. The engine pads rows to a multiple of 4. Default dim. */
  readonly stride?: number
  /** Default from the extension: .bin is binary, anything else text. */
  readonly format?: Word2vecFormat
  readonly onProgress?: (rowsWritten: number, totalRows: number) => void
  readonly signal?: AbortSignal
}


/** Python's idea of whitespace (str.split) as well as JavaScript's, so no reader splits a word. */
// eslint-disable-next-line no-control-regex -- Python's str.split treats U+001C–U+001F as whitespace
const WHITESPACE = /[\s\u0085\u001c-\u001f]/u
/** A lone surrogate cannot be encoded as UTF-8; it would be written as U+FFFD, not as the word. */
const LONE_SURROGATE = /\p{Cs}/u

export function word2vecFormatFromPath(path: string): Word2vecFormat {
  return extname(path).toLowerCase() === '.bin' ? 'binary' : 'text'
}


function describeWord(word: string): string {
  return JSON.stringify(word.length > 60 ? `${word.slice(0, 60)}…` : word)
}

function checkWords(path: string, words: readonly string[]): void {
  words.forEach((word, row) => {
    const problem = word === '' ? 'is empty'
      : WHITESPACE.test(word) ? 'contains whitespace (a space, tab, line break or other blank)'
        : LONE_SURROGATE.test(word) ? 'is not valid Unicode (it has a lone surrogate)'
          : undefined
    if (problem === undefined) return
    throw new Word2vecFormatError('invalidWord', path, `Cannot save the vectors “${path}”: word ${row + 1} (${describeWord(word)}) ${problem}, which the word2vec format cannot store. Remove or rename that word and try again.`, { row, word })
  })
}

function checkShape(words: readonly string[], vectors: Float32Array, dim: number, stride: number): void {
  if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`The vector dimension must be a positive integer, not ${dim}.`)
  if (!Number.isInteger(stride) || stride < dim) throw new RangeError(`The row stride (${stride}) must be an integer of at least the dimension (${dim}).`)
  const needed = words.length === 0 ? 0 : (words.length - 1) * stride + dim
  if (vectors.length < needed) throw new RangeError(`${words.length} words of dimension ${dim} (stride ${stride}) need ${needed} floats, but the matrix has ${vectors.length}.`)
}


async function writeText(out: BatchedFileWriter, words: readonly string[], vectors: Float32Array, dim: number, stride: number): Promise<void> {
  await out.putText(`${words.length} ${dim}\n`)
  for (let row = 0; row < words.length; row++) {
    await out.putText(`${words[row]!} ${floatsText(vectors, row * stride, row * stride + dim, ' ')}\n`)
    out.endRow()
  }
}

const NEWLINE = new Uint8Array([0x0a])

async function writeBinary(out: BatchedFileWriter, words: readonly string[], vectors: Float32Array, dim: number, stride: number): Promise<void> {
  await out.putText(`${words.length} ${dim}\n`)
  // A Float32Array's bytes are already little-endian here (checked by the caller).
  const vectorBytes = new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength)
  for (let row = 0; row < words.length; row++) {
    const start = row * stride * 4
    await out.putBytes(Buffer.from(`${words[row]!} `, 'utf8'))
    await out.putBytes(vectorBytes.subarray(start, start + dim * 4))
    await out.putBytes(NEWLINE)
    out.endRow()
  }
}

/**
 * Writes `words` and the first `dim` floats of each `stride`-long row of `vectors` (row i holds
 * words[i]) to `path` in word2vec text or binary format, atomically. Refuses words the format
 * cannot hold with a `Word2vecFormatError` ('invalidWord') before touching the disk; disk and
 * cancel failures also reject with a `Word2vecFormatError`, leaving any earlier file unchanged.
 */
export async function writeWord2vecVectors(path: string, words: readonly string[], vectors: Float32Array, options: Word2vecWriteOptions): Promise<void> {
  const { dim, stride = dim, signal, onProgress } = options
  const format = options.format ?? word2vecFormatFromPath(path)
  checkShape(words, vectors, dim, stride)
  checkWords(path, words)
  if (format === 'binary' && endianness() !== 'LE') throw new Error('The word2vec binary format can only be written on a little-endian computer.')
  try {
    await writeFileAtomically(path, async (handle) => {
      const out = new BatchedFileWriter(handle, signal, (rows) => onProgress?.(rows, words.length))
      if (format === 'binary') await writeBinary(out, words, vectors, dim, stride)
      else await writeText(out, words, vectors, dim, stride)
      await out.finish()
    }, { signal, description: 'the vectors' })
  } catch (error) {
    if (error instanceof FileWriteError) throw new Word2vecFormatError(error.kind, path, error.message, { cause: error })
    throw error
  }
}
