/**
 * The TensorFlow Embedding Projector's pair of files: vectors.tsv (one vector a line, values
 * separated by tabs, no header) and metadata.tsv beside it (see `companionPath`), whose row i
 * labels vector i. As in the Projector, metadata with a single column has no header line (each
 * line is a word); with several columns the first line is a header, the word column is the one
 * named word/label/name/token (else the first) and a column named count/frequency gives counts.
 * Blank lines in vectors.tsv are skipped; in metadata.tsv a line is a row even when empty.
 */
import { companionPath } from '../../core/vectors/vectorFormats'
import { type BuiltEmbeddings, EmbeddingsBuilder } from './embeddingsBuilder'
import { ChunkedFile, forEachLine } from './chunkedFile'
import { type FormatReadOptions } from './formatReader'
import { LineFields, parseFloat32, valueError } from './numberFields'
import { VectorsFileError, fileLabel, quoteText } from './vectorsFileError'
import { WordDecoder } from './wordDecoding'

const WORD_COLUMN = /^(word|label|name|token|text)$/i
const COUNT_COLUMN = /^(count|counts|frequency|freq)$/i
const MAX_COUNT = 0xffffffff

interface Metadata {
  readonly words: string[]
  readonly counts: number[] | null
  /** The line of row 0 (2 after a header line). */
  readonly firstRowLine: number
  readonly decoder: WordDecoder
}

/** The start and end of column `column` in bytes[start, end), split on tabs; null when the line has fewer columns. */
function column(bytes: Buffer, start: number, end: number, column: number): [number, number] | null {
  let from = start
  for (let c = 0; c < column; c++) {
    const tab = bytes.indexOf(0x09, from)
    if (tab === -1 || tab >= end) return null
    from = tab + 1
  }
  const tab = bytes.indexOf(0x09, from)
  return [from, tab === -1 || tab > end ? end : tab]
}

async function readMetadata(file: ChunkedFile, options: FormatReadOptions): Promise<Metadata> {
  const path = file.path
  const decoder = new WordDecoder(path, options.encodingErrors, 'metadata line')
  const words: string[] = []
  let counts: number[] | null = null
  let wordColumn = 0
  let countColumn = -1
  let firstRowLine = 1
  await forEachLine(file, (bytes, start, end, line) => {
    const tab = bytes.indexOf(0x09, start)
    if (line === 1 && tab !== -1 && tab < end) {
      const names = bytes.toString('utf8', start, end).split('\t').map((name) => name.trim())
      const named = names.findIndex((name) => WORD_COLUMN.test(name))
      wordColumn = named === -1 ? 0 : named
      countColumn = names.findIndex((name) => COUNT_COLUMN.test(name))
      if (countColumn !== -1) counts = []
      firstRowLine = 2
      return words.length < options.limit
    }
    const word = column(bytes, start, end, wordColumn)
    words.push(word === null ? '' : decoder.decode(bytes, word[0], word[1], line))
    if (counts !== null) {
      const cell = column(bytes, start, end, countColumn)
      const text = cell === null ? '' : bytes.toString('latin1', cell[0], cell[1]).trim()
      const count = /^\d+$/.test(text) ? Number(text) : NaN
      if (!(count <= MAX_COUNT)) {
        throw new VectorsFileError('malformedNumber', path,
          `The count on line ${line} of ${fileLabel(path)} is ${text === '' ? 'missing' : quoteText(text)}; counts must be whole numbers from 0 to ${MAX_COUNT}.`,
          { line })
      }
      counts.push(count)
    }
    return words.length < options.limit
  })
  return { words, counts, firstRowLine, decoder }
}

function mismatchError(vectorsPath: string, metadataPath: string, vectors: string, words: number, options: { line?: number }): VectorsFileError {
  return new VectorsFileError('metadataMismatch', vectorsPath,
    `${fileLabel(vectorsPath)} has ${vectors}, but ${fileLabel(metadataPath)} has ${words} word${words === 1 ? '' : 's'}: the two files must have one row per vector. Export them again together.`,
    options)
}

async function readVectors(file: ChunkedFile, metadata: Metadata, metadataPath: string, options: FormatReadOptions): Promise<BuiltEmbeddings> {
  const path = file.path
  const { words, counts, firstRowLine } = metadata
  const fields = new LineFields()
  let builder = null as EmbeddingsBuilder | null
  let rows = 0
  let firstLine = 0
  let lastLine = 0
  await forEachLine(file, (bytes, start, end, line, terminated) => {
    const text = bytes.toString('latin1', start, end)
    const n = fields.split(text)
    if (n === 0) return true
    lastLine = line
    if (rows === words.length) throw mismatchError(path, metadataPath, `more than ${rows} vectors (line ${line} holds vector ${rows + 1})`, words.length, { line })
    if (builder === null) {
      firstLine = line
      builder = new EmbeddingsBuilder(n, words.length, counts !== null, 'metadata line')
    }
    const dim = builder.dim
    if (n !== dim) {
      if (!terminated && n < dim) {
        throw new VectorsFileError('truncated', path, `${fileLabel(path)} is cut short: its last line (line ${line}) has ${n} of the ${dim} values of a vector.`, { line })
      }
      throw new VectorsFileError('inconsistentDimensions', path,
        `Line ${line} of ${fileLabel(path)} has ${n} value${n === 1 ? '' : 's'}, but line ${firstLine} (the first vector) has ${dim}. Every vector in a file must have the same dimension.`,
        { line })
    }
    const { values, offset } = builder.nextRow()
    for (let k = 0; k < dim; k++) {
      const field = fields.field(text, k)
      const x = parseFloat32(field)
      if (Number.isNaN(x)) throw valueError(path, field, { text: `line ${line}`, line }, k)
      values[offset + k] = x
    }
    builder.commit(words[rows]!, firstRowLine + rows, counts?.[rows])
    rows++
    return rows < options.limit
  })
  if (rows < words.length) {
    const where = rows === 0 ? 'no vectors' : `only ${rows} vector${rows === 1 ? '' : 's'} (the last on line ${lastLine})`
    throw mismatchError(path, metadataPath, where, words.length, rows === 0 ? {} : { line: lastLine })
  }
  if (builder === null) throw new VectorsFileError('empty', path, `${fileLabel(path)} holds no vectors.`)
  return builder.finish()
}

export async function readProjector(options: FormatReadOptions): Promise<BuiltEmbeddings> {
  const { path, progress, chunkBytes } = options
  const metadataPath = companionPath(path, 'projector')!
  const vectorsFile = await ChunkedFile.open(path, progress, chunkBytes)
  try {
    let metadataFile: ChunkedFile
    try {
      metadataFile = await ChunkedFile.open(metadataPath, progress, chunkBytes)
    } catch (error) {
      if (error instanceof VectorsFileError && error.kind === 'notFound') {
        throw new VectorsFileError('notFound', metadataPath,
          `The Projector vectors ${fileLabel(path)} need their words from ${fileLabel(metadataPath)} beside them (at ${metadataPath}), which does not exist.`,
          { cause: error })
      }
      throw error
    }
    let metadata: Metadata
    try {
      metadata = await readMetadata(metadataFile, options)
    } finally {
      await metadataFile.close()
    }
    const built = await readVectors(vectorsFile, metadata, metadataPath, options)
    const replaced = metadata.decoder.warning()
    if (replaced !== null) built.warnings.push(replaced)
    return built
  } finally {
    await vectorsFile.close()
  }
}
