/**
 * A NumPy .npy array (format versions 1–3) of shape (words, dim) in C order, float32 or float64
 * of either byte order (float64 is rounded to float32), plus its vocabulary: a text file of one
 * word per line, line i naming row i. The vocabulary is `name.vocab.txt` (see `companionPath`),
 * or else `vocab.txt` in the same folder. A line is a word even when it holds spaces.
 */
import { access } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { companionPath } from '../../core/vectors/vectorFormats'
import { type BuiltEmbeddings, EmbeddingsBuilder } from './embeddingsBuilder'
import { ChunkedFile, forEachChunkCarrying, forEachLine } from './chunkedFile'
import { type FormatReadOptions } from './formatReader'
import { nonFiniteValueError } from './numberFields'
import { VectorsFileError, fileLabel } from './vectorsFileError'
import { WordDecoder } from './wordDecoding'

const MAGIC = Buffer.from('\x93NUMPY', 'latin1')
const DTYPES: Readonly<Record<string, { bytes: 4 | 8; littleEndian: boolean }>> = {
  '<f4': { bytes: 4, littleEndian: true },
  '>f4': { bytes: 4, littleEndian: false },
  '<f8': { bytes: 8, littleEndian: true },
  '>f8': { bytes: 8, littleEndian: false },
}

export interface NpyHeader {
  readonly descr: string
  readonly rows: number
  readonly dim: number
  readonly itemBytes: 4 | 8
  readonly littleEndian: boolean
  readonly dataOffset: number
}

function badNpy(path: string, detail: string): VectorsFileError {
  return new VectorsFileError('badHeader', path, `${fileLabel(path)} is not a NumPy .npy file that can be read: ${detail}.`)
}

function unsupported(path: string, detail: string): VectorsFileError {
  return new VectorsFileError('unsupportedArray', path, `${fileLabel(path)} ${detail}.`)
}

/** The header at the start of `head`, or null when `head` does not hold all of it yet. */
export function parseNpyHeader(head: Buffer, path: string): NpyHeader | null {
  if (!head.subarray(0, MAGIC.length).equals(MAGIC.subarray(0, head.length))) throw badNpy(path, 'it does not start with the NumPy signature')
  if (head.length < 12) return null
  const major = head[6]!
  if (major < 1 || major > 3) throw badNpy(path, `its format version ${major}.${head[7]} is unknown`)
  const lengthBytes = major === 1 ? 2 : 4
  const headerLength = major === 1 ? head.readUInt16LE(8) : head.readUInt32LE(8)
  const dataOffset = 8 + lengthBytes + headerLength
  if (head.length < dataOffset) return null
  const text = head.toString(major === 3 ? 'utf8' : 'latin1', 8 + lengthBytes, dataOffset)
  const descr = /['"]descr['"]\s*:\s*['"]([^'"]*)['"]/.exec(text)?.[1]
  const fortran = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(text)?.[1]
  const shape = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(text)?.[1]
  if (descr === undefined) throw unsupported(path, 'holds records (a structured dtype), not plain numbers; only float32 and float64 arrays can be loaded')
  if (fortran === undefined || shape === undefined) throw badNpy(path, 'its header lacks the fortran_order or shape entry')
  const dtype = DTYPES[descr]
  if (dtype === undefined) {
    throw unsupported(path, `holds values of dtype '${descr}'; only float32 ('<f4') and float64 ('<f8') arrays can be loaded (convert it with a.astype('float32'))`)
  }
  if (fortran === 'True') {
    throw unsupported(path, 'is stored in Fortran (column-major) order; only C order can be loaded (save np.ascontiguousarray(a) instead)')
  }
  const axes = shape.split(',').map((s) => s.trim()).filter((s) => s !== '')
  if (axes.length !== 2 || !axes.every((s) => /^\d+$/.test(s))) {
    throw unsupported(path, `has shape (${axes.join(', ')}${axes.length === 1 ? ',' : ''}); vectors must be a 2-D array of shape (words, dimension)`)
  }
  const [rows, dim] = axes.map(Number) as [number, number]
  if (dim < 1) throw unsupported(path, `has shape (${rows}, ${dim}): its vectors have no values`)
  return { descr, rows, dim, itemBytes: dtype.bytes, littleEndian: dtype.littleEndian, dataOffset }
}

/** The vocabulary file that goes with `path`: its companion, or vocab.txt beside it. */
async function vocabularyPath(path: string): Promise<string> {
  const companion = companionPath(path, 'npy')!
  const fallback = join(dirname(path), 'vocab.txt')
  for (const candidate of [companion, fallback]) {
    try {
      await access(candidate)
      return candidate
    } catch {
      // try the next name
    }
  }
  throw new VectorsFileError('notFound', companion,
    `The NumPy array ${fileLabel(path)} needs its words from ${fileLabel(companion)} (or “vocab.txt”) beside it (at ${companion}), which does not exist.`)
}

async function readVocabulary(file: ChunkedFile, options: FormatReadOptions, decoder: WordDecoder): Promise<{ words: string[]; complete: boolean }> {
  const words: string[] = []
  let complete = true
  await forEachLine(file, (bytes, start, end, line) => {
    if (words.length === options.limit) {
      complete = false
      return false
    }
    words.push(decoder.decode(bytes, start, end, line))
    return true
  })
  // Blank lines at the very end are not words (an extra newline after the last word).
  if (complete) while (words.length > 0 && words.at(-1) === '') words.pop()
  return { words, complete }
}

class NpyRows {
  header: NpyHeader | null = null
  private builder: EmbeddingsBuilder | null = null
  private target = 0
  private element = 0

  constructor(private readonly options: FormatReadOptions, private readonly words: readonly string[], private readonly vocabulary: { path: string; complete: boolean }, private readonly fileSize: number) {}

  consume(data: Buffer): number {
    let pos = 0
    if (this.header === null) {
      const header = parseNpyHeader(data, this.options.path)
      if (header === null) return 0
      this.start(header)
      pos = header.dataOffset
    }
    const { dim, itemBytes, littleEndian } = this.header!
    const builder = this.builder!
    const end = this.target * dim
    const view = new DataView(data.buffer, data.byteOffset, data.length)
    // A row in progress keeps its place: nextRow() only moves on after a commit.
    let { values, offset } = this.element < end ? builder.nextRow() : { values: new Float32Array(0), offset: 0 }
    for (; this.element < end && pos + itemBytes <= data.length; this.element++, pos += itemBytes) {
      const k = this.element % dim
      const x = itemBytes === 4 ? view.getFloat32(pos, littleEndian) : Math.fround(view.getFloat64(pos, littleEndian))
      const row = (this.element - k) / dim + 1
      if (!Number.isFinite(x)) throw nonFiniteValueError(this.options.path, x, { text: `row ${row}`, row }, k)
      values[offset + k] = x
      if (k === dim - 1) {
        builder.commit(this.words[row - 1]!, row)
        if (this.element + 1 < end) ({ values, offset } = builder.nextRow())
      }
    }
    return this.element === end ? -1 : pos
  }

  finish(): BuiltEmbeddings {
    const { path } = this.options
    if (this.header === null) throw badNpy(path, 'the file is shorter than its header')
    const built = this.builder!.finish()
    const extra = this.fileSize - this.header.dataOffset - this.header.rows * this.header.dim * this.header.itemBytes
    if (extra > 0) built.warnings.push(`${extra} byte${extra === 1 ? '' : 's'} after the array in ${fileLabel(path)} were ignored.`)
    return built
  }

  private start(header: NpyHeader): void {
    const { path, limit } = this.options
    const rowBytes = header.dim * header.itemBytes
    const present = Math.floor((this.fileSize - header.dataOffset) / rowBytes)
    if (present < header.rows) {
      throw new VectorsFileError('truncated', path,
        `${fileLabel(path)} is cut short: its header says ${header.rows} rows of ${header.dim} values, but it ends in row ${present + 1}.`,
        { row: present + 1 })
    }
    this.header = header
    this.target = Math.min(header.rows, limit)
    const words = this.words.length
    if (words < this.target || (this.vocabulary.complete && words > header.rows)) {
      throw new VectorsFileError('metadataMismatch', path,
        `${fileLabel(this.vocabulary.path)} lists ${words}${this.vocabulary.complete ? '' : ' or more'} words, but ${fileLabel(path)} holds ${header.rows} vectors: line i of the vocabulary must name row i of the array.`,
        { line: Math.min(words, header.rows) + 1 })
    }
    this.builder = new EmbeddingsBuilder(header.dim, this.target, false, 'vocabulary line')
  }
}

export async function readNpy(options: FormatReadOptions): Promise<BuiltEmbeddings> {
  const { path, progress, chunkBytes } = options
  const array = await ChunkedFile.open(path, progress, chunkBytes)
  try {
    const vocabPath = await vocabularyPath(path)
    const vocabFile = await ChunkedFile.open(vocabPath, progress, chunkBytes)
    const decoder = new WordDecoder(vocabPath, options.encodingErrors, 'vocabulary line')
    let vocabulary: { words: string[]; complete: boolean }
    try {
      vocabulary = await readVocabulary(vocabFile, options, decoder)
    } finally {
      await vocabFile.close()
    }
    const rows = new NpyRows(options, vocabulary.words, { path: vocabPath, complete: vocabulary.complete }, array.size)
    await forEachChunkCarrying(array, (data) => rows.consume(data))
    const built = rows.finish()
    const replaced = decoder.warning()
    if (replaced !== null) built.warnings.push(replaced)
    return built
  } finally {
    await array.close()
  }
}
