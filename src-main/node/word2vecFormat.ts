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
import { type FileHandle } from 'node:fs/promises'
import { endianness } from 'node:os'
import { extname } from 'node:path'
import { type FileWriteFailure, FileWriteError, writeFileAtomically } from './atomicFile'

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

const BATCH_BYTES = 1 << 20

/** Python's idea of whitespace (str.split) as well as JavaScript's, so no reader splits a word. */
// eslint-disable-next-line no-control-regex -- Python's str.split treats U+001C–U+001F as whitespace
const WHITESPACE = /[\s\u0085\u001c-\u001f]/u
/** A lone surrogate cannot be encoded as UTF-8; it would be written as U+FFFD, not as the word. */
const LONE_SURROGATE = /\p{Cs}/u

export function word2vecFormatFromPath(path: string): Word2vecFormat {
  return extname(path).toLowerCase() === '.bin' ? 'binary' : 'text'
}

/**
 * Nine significant digits, trailing zeros dropped: enough for every float32 to read back exactly,
 * whether a reader parses straight to float32 or to a double that it then rounds (half a step of
 * nine digits is always far smaller than half a float32 step).
 */
export function formatFloat32(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0' : '0'
  const s = x.toPrecision(9)
  const e = s.indexOf('e')
  const mantissaEnd = e === -1 ? s.length : e
  if (s.indexOf('.') === -1 || s.indexOf('.') > mantissaEnd) return s
  let end = mantissaEnd
  while (s.charCodeAt(end - 1) === 48 /* 0 */) end--
  if (s.charCodeAt(end - 1) === 46 /* . */) end--
  return e === -1 ? s.slice(0, end) : s.slice(0, end) + s.slice(e)
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

/**
 * Collects rows into one reused ~1 MB buffer and writes it whenever it fills, awaiting each
 * write (the backpressure), checking the signal and reporting the rows completed so far.
 */
class BatchWriter {
  private readonly buffer = Buffer.allocUnsafe(BATCH_BYTES)
  private used = 0
  private position = 0
  private rows = 0
  private reportedRows = -1

  constructor(
    private readonly handle: FileHandle,
    private readonly signal: AbortSignal | undefined,
    private readonly onFlushed: (rows: number) => void,
  ) {}

  async putText(text: string): Promise<void> {
    const bytes = Buffer.byteLength(text, 'utf8')
    const at = await this.room(bytes)
    if (at === undefined) await this.writeAll(Buffer.from(text, 'utf8'))
    else this.buffer.write(text, at, 'utf8')
  }

  /** `word`, a space, the vector's bytes, a newline. */
  async putBinaryRow(word: Buffer, vector: Uint8Array): Promise<void> {
    const bytes = word.length + 1 + vector.length + 1
    const at = await this.room(bytes)
    if (at === undefined) {
      await this.writeAll(Buffer.concat([word, SPACE, vector, NEWLINE]))
      return
    }
    word.copy(this.buffer, at)
    this.buffer[at + word.length] = 0x20
    this.buffer.set(vector, at + word.length + 1)
    this.buffer[at + bytes - 1] = 0x0a
  }

  endRow(): void {
    this.rows++
  }

  async finish(): Promise<void> {
    await this.flush()
    if (this.reportedRows !== this.rows) this.report()
  }

  /** Where `bytes` more bytes go in the batch, flushing it first if full; undefined if they never fit. */
  private async room(bytes: number): Promise<number | undefined> {
    if (this.used + bytes > this.buffer.length) await this.flush()
    if (bytes > this.buffer.length) return undefined
    const at = this.used
    this.used += bytes
    return at
  }

  private async flush(): Promise<void> {
    if (this.used === 0) return
    await this.writeAll(this.buffer.subarray(0, this.used))
    this.used = 0
    this.report()
  }

  private report(): void {
    this.reportedRows = this.rows
    this.onFlushed(this.rows)
  }

  private async writeAll(bytes: Uint8Array): Promise<void> {
    this.signal?.throwIfAborted()
    for (let done = 0; done < bytes.length;) {
      const { bytesWritten } = await this.handle.write(bytes, done, bytes.length - done, this.position)
      done += bytesWritten
      this.position += bytesWritten
    }
  }
}

const SPACE = Buffer.from(' ')
const NEWLINE = Buffer.from('\n')

async function writeText(out: BatchWriter, words: readonly string[], vectors: Float32Array, dim: number, stride: number): Promise<void> {
  await out.putText(`${words.length} ${dim}\n`)
  for (let row = 0; row < words.length; row++) {
    let line = words[row]!
    for (let j = row * stride, end = j + dim; j < end; j++) line += ' ' + formatFloat32(vectors[j]!)
    await out.putText(line + '\n')
    out.endRow()
  }
}

async function writeBinary(out: BatchWriter, words: readonly string[], vectors: Float32Array, dim: number, stride: number): Promise<void> {
  await out.putText(`${words.length} ${dim}\n`)
  // A Float32Array's bytes are already little-endian here (checked by the caller).
  const vectorBytes = new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength)
  for (let row = 0; row < words.length; row++) {
    const start = row * stride * 4
    await out.putBinaryRow(Buffer.from(words[row]!, 'utf8'), vectorBytes.subarray(start, start + dim * 4))
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
      const out = new BatchWriter(handle, signal, (rows) => onProgress?.(rows, words.length))
      if (format === 'binary') await writeBinary(out, words, vectors, dim, stride)
      else await writeText(out, words, vectors, dim, stride)
      await out.finish()
    }, { signal, description: 'the vectors' })
  } catch (error) {
    if (error instanceof FileWriteError) throw new Word2vecFormatError(error.kind, path, error.message, { cause: error })
    throw error
  }
}
