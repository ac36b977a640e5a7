/**
 * The two text formats: word2vec text (gensim, fastText `.vec`: a "count dim" header line, then
 * "word v1 … vD" per line) and GloVe (the same lines without a header; the dimension comes from
 * the first line). Blank lines are skipped; fields are separated by spaces or tabs.
 *
 * A few real GloVe files (glove.840B) hold words with spaces, like ". . ." or
 * "at name@domain.com". In GloVe files a line with more fields than the first takes its LAST
 * `dim` fields as the vector and the rest as the word, unless those extra leading fields are all
 * numbers: then it is a vector with too many values, and an error. word2vec text is strict, as
 * in gensim: one word, then exactly `dim` values.
 */
import { type BuiltEmbeddings, EmbeddingsBuilder } from './embeddingsBuilder'
import { type ChunkedFile, forEachLine, withChunkedFile } from './chunkedFile'
import { type FormatReadOptions } from './formatReader'
import { LineFields, parseFloat32, valueError } from './numberFields'
import { VectorsFileError, fileLabel, quoteText } from './vectorsFileError'
import { WordDecoder } from './wordDecoding'

export interface Word2vecHeader {
  readonly count: number
  readonly dim: number
}

const HEADER = /^[ \t]*(\d+)[ \t]+(\d+)[ \t]*$/

/** The "count dim" of a word2vec header line, or null when the line is not one. */
export function parseWord2vecHeader(line: string): Word2vecHeader | null {
  const match = HEADER.exec(line)
  if (match === null) return null
  return { count: Number(match[1]), dim: Number(match[2]) }
}

export function badHeaderError(path: string, line: string, format: 'text' | 'binary'): VectorsFileError {
  const hint = format === 'text'
    ? ' A text file without that header is in GloVe format: load it as GloVe.'
    : ' (A fastText .bin file is a model, not word2vec vectors: load the .vec file fastText writes beside it.)'
  return new VectorsFileError('badHeader', path,
    `Line 1 of ${fileLabel(path)} should be the word2vec header, the number of vectors and their dimension (like “400000 300”), but it is ${quoteText(line)}.${hint}`,
    { line: 1 })
}

export function checkHeaderDim(path: string, header: Word2vecHeader): void {
  if (header.dim < 1 || !Number.isSafeInteger(header.count)) {
    throw new VectorsFileError('badHeader', path, `The header of ${fileLabel(path)} (line 1) says ${header.count} vectors of dimension ${header.dim}; the dimension must be at least 1.`, { line: 1 })
  }
}

export function moreRowsError(path: string, count: number, place: string, options: { line?: number; row?: number }): VectorsFileError {
  return new VectorsFileError('countMismatch', path,
    `${fileLabel(path)} holds more vectors than its header says: the header (line 1) says ${count}, but ${place} holds vector ${count + 1}. Fix the count in the header.`,
    options)
}

export function fewerRowsError(path: string, count: number, rows: number, where: string, options: { line?: number; row?: number }): VectorsFileError {
  return new VectorsFileError('truncated', path,
    `${fileLabel(path)} ends ${where} after ${rows} vector${rows === 1 ? '' : 's'}, but its header (line 1) says ${count}: the file is cut short, or its header is wrong.`,
    options)
}

class TextRows {
  private readonly fields = new LineFields()
  private readonly decoder: WordDecoder
  private builder: EmbeddingsBuilder | null = null
  private header: Word2vecHeader | null = null
  /** Where the dimension came from, for messages. */
  private dimSource = ''
  private rows = 0
  private lastLine = 0
  private wordsWithSpaces = 0
  private firstWordWithSpaces: { line: number; word: string } | null = null

  constructor(private readonly options: FormatReadOptions, private readonly file: ChunkedFile, private readonly hasHeader: boolean) {
    this.decoder = new WordDecoder(options.path, options.encodingErrors, 'line')
  }

  /** One line; false once the limit is reached. */
  line(bytes: Buffer, start: number, end: number, line: number, terminated: boolean): boolean {
    const { path, limit } = this.options
    const text = bytes.toString('latin1', start, end)
    this.lastLine = line
    if (this.hasHeader && line === 1) {
      this.readHeader(text)
      return this.rows < limit
    }
    const fields = this.fields
    const n = fields.split(text)
    if (n === 0) return true
    if (this.header !== null && this.rows === this.header.count) throw moreRowsError(path, this.header.count, `line ${line}`, { line })
    const builder = this.builder ?? this.startWithoutHeader(text, n, end - start + 1, line)
    const dim = builder.dim
    let wordFields = 1
    if (n - 1 !== dim) {
      if (!terminated && n - 1 < dim) {
        throw new VectorsFileError('truncated', path, `${fileLabel(path)} is cut short: its last line (line ${line}) has ${n - 1} of the ${dim} values of a vector.`, { line })
      }
      if (this.hasHeader || n - 1 < dim || this.extraFieldsAreNumbers(text, n - dim)) {
        throw new VectorsFileError('inconsistentDimensions', path,
          `Line ${line} of ${fileLabel(path)} has ${n - 1} value${n === 2 ? '' : 's'} after its word, but ${this.dimSource} ${dim}. Every vector in a file must have the same dimension.`,
          { line })
      }
      wordFields = n - dim
    }
    const word = this.decoder.decode(bytes, start + fields.starts[0]!, start + fields.ends[wordFields - 1]!, line)
    if (wordFields > 1) {
      this.wordsWithSpaces++
      this.firstWordWithSpaces ??= { line, word }
    }
    const { values, offset } = builder.nextRow()
    for (let k = 0; k < dim; k++) {
      const field = fields.field(text, wordFields + k)
      const x = parseFloat32(field)
      if (Number.isNaN(x)) throw valueError(path, field, { text: `line ${line}`, line }, k)
      values[offset + k] = x
    }
    builder.commit(word, line)
    this.rows++
    return this.rows < limit
  }

  finish(): BuiltEmbeddings {
    const { path, limit } = this.options
    if (this.header !== null && this.rows < Math.min(this.header.count, limit)) {
      throw fewerRowsError(path, this.header.count, this.rows, `at line ${this.lastLine}`, { line: this.lastLine })
    }
    if (this.builder === null) {
      throw new VectorsFileError('empty', path, `${fileLabel(path)} holds no vectors${this.lastLine === 0 ? ' (the file is empty)' : ''}.`)
    }
    const built = this.builder.finish()
    if (this.firstWordWithSpaces !== null) {
      const n = this.wordsWithSpaces
      built.warnings.push(`${n} word${n === 1 ? '' : 's'} contain${n === 1 ? 's' : ''} spaces; the last ${built.embeddings.dim} fields of each such line were taken as its vector (first at line ${this.firstWordWithSpaces.line}: ${quoteText(this.firstWordWithSpaces.word)}).`)
    }
    const replaced = this.decoder.warning()
    if (replaced !== null) built.warnings.push(replaced)
    return built
  }

  private readHeader(text: string): void {
    const { path, limit } = this.options
    const header = parseWord2vecHeader(text)
    if (header === null) throw badHeaderError(path, text, 'text')
    checkHeaderDim(path, header)
    this.header = header
    this.dimSource = 'the header (line 1) says the dimension is'
    // The smallest text row is a one-byte word and one-digit values, so a header that
    // overstates the count cannot make us allocate more than the file could hold.
    const possible = Math.floor(this.file.size / (2 * header.dim + 2))
    this.builder = new EmbeddingsBuilder(header.dim, Math.min(header.count, limit, possible), false, 'line')
  }

  private startWithoutHeader(text: string, fields: number, lineBytes: number, line: number): EmbeddingsBuilder {
    const { path, limit } = this.options
    if (fields < 2) {
      throw new VectorsFileError('malformed', path, `Line ${line} of ${fileLabel(path)} holds only ${quoteText(this.fields.field(text, 0))}, with no values: a vector line is a word followed by its values.`, { line })
    }
    this.dimSource = `line ${line} (the first vector) has`
    const estimate = Math.ceil((this.file.size / lineBytes) * 1.1) + 1
    this.builder = new EmbeddingsBuilder(fields - 1, Math.min(estimate, limit), false, 'line')
    return this.builder
  }

  /** Fields 1 … k-1 of a GloVe line with k-1 extra fields: a word with spaces holds non-numbers there. */
  private extraFieldsAreNumbers(text: string, wordFields: number): boolean {
    for (let k = 1; k < wordFields; k++) {
      if (Number.isNaN(parseFloat32(this.fields.field(text, k)))) return false
    }
    return true
  }
}

/** Reads a word2vec text file (with header) or a GloVe file (without). */
export async function readTextVectors(options: FormatReadOptions, hasHeader: boolean): Promise<BuiltEmbeddings> {
  return withChunkedFile(options.path, options.progress, options.chunkBytes, async (file) => {
    const rows = new TextRows(options, file, hasHeader)
    await forEachLine(file, (bytes, start, end, line, terminated) => rows.line(bytes, start, end, line, terminated))
    return rows.finish()
  })
}
