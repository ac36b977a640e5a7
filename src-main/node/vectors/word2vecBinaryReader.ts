/**
 * word2vec binary (word2vec.c, gensim): a "count dim\n" header, then per vector the UTF-8 word,
 * a space, `dim` little-endian float32 and usually "\n". As in gensim, newlines before a word are
 * skipped, so files written without the "\n" after each vector load too. A vector may straddle
 * two chunks; the unfinished part is carried over (it is never more than one vector).
 */
import { type BuiltEmbeddings, EmbeddingsBuilder } from './embeddingsBuilder'
import { forEachChunkCarrying, withChunkedFile } from './chunkedFile'
import { type FormatReadOptions } from './formatReader'
import { nonFiniteValueError } from './numberFields'
import { badHeaderError, checkHeaderDim, fewerRowsError, moreRowsError, parseWord2vecHeader, type Word2vecHeader } from './textVectorsReader'
import { VectorsFileError, fileLabel, quoteText } from './vectorsFileError'
import { WordDecoder } from './wordDecoding'

const MAX_HEADER_BYTES = 4096
/** No word is this long; a file without a space for this long is not in this format. */
const MAX_WORD_BYTES = 1 << 20

class BinaryRows {
  private header: Word2vecHeader | null = null
  private builder: EmbeddingsBuilder | null = null
  private readonly decoder: WordDecoder
  private rows = 0
  private target = 0
  /** All vectors the header announces were read: only blank bytes may follow. */
  private checkingTail = false

  constructor(private readonly options: FormatReadOptions, private readonly fileSize: number) {
    this.decoder = new WordDecoder(options.path, options.encodingErrors, 'vector')
  }

  /** Consumes whole vectors from data (which starts at file offset `at`); returns the bytes used, or -1 to stop. */
  consume(data: Buffer, at: number): number {
    let pos = 0
    if (this.header === null) {
      const newline = data.indexOf(0x0a)
      if (newline === -1) {
        if (data.length > MAX_HEADER_BYTES) throw badHeaderError(this.options.path, data.toString('latin1', 0, 60), 'binary')
        return 0
      }
      this.readHeader(data.toString('latin1', 0, newline).replace(/\r$/, ''))
      pos = newline + 1
    }
    if (this.checkingTail) return this.checkTail(data, pos, at)
    const builder = this.builder!
    const dim = builder.dim
    const rowBytes = 4 * dim
    const view = new DataView(data.buffer, data.byteOffset, data.length)
    while (this.rows < this.target) {
      while (pos < data.length && data[pos] === 0x0a) pos++
      const space = data.indexOf(0x20, pos)
      if (space === -1) {
        if (data.length - pos > MAX_WORD_BYTES) throw this.noSpaceError(at + pos)
        return pos
      }
      if (space - pos > MAX_WORD_BYTES) throw this.noSpaceError(at + pos)
      if (space + 1 + rowBytes > data.length) return pos
      const row = this.rows + 1
      const word = this.decoder.decode(data, pos, space, row)
      const { values, offset } = builder.nextRow()
      for (let k = 0, p = space + 1; k < dim; k++, p += 4) {
        const x = view.getFloat32(p, true)
        if (!Number.isFinite(x)) throw nonFiniteValueError(this.options.path, x, { text: `vector ${row} (${quoteText(word)}, at byte ${at + pos})`, row }, k)
        values[offset + k] = x
      }
      builder.commit(word, row)
      this.rows++
      pos = space + 1 + rowBytes
    }
    if (this.rows === this.header!.count) {
      this.checkingTail = true
      return this.checkTail(data, pos, at)
    }
    return -1
  }

  /** The file ended with `rest` unread. */
  finish(rest: Buffer, at: number): BuiltEmbeddings {
    const { path } = this.options
    if (this.header === null) {
      if (rest.length === 0) throw new VectorsFileError('empty', path, `${fileLabel(path)} is empty: it holds no vectors.`)
      throw badHeaderError(path, rest.toString('latin1', 0, 60), 'binary')
    }
    if (this.rows < this.target) {
      let start = 0
      while (start < rest.length && rest[start] === 0x0a) start++
      if (start < rest.length) {
        const row = this.rows + 1
        throw new VectorsFileError('truncated', path,
          `${fileLabel(path)} is cut short: vector ${row} (at byte ${at + start}) has only ${rest.length - start} of its bytes; the header (line 1) says ${this.header.count} vectors of dimension ${this.header.dim}.`,
          { row })
      }
      throw fewerRowsError(path, this.header.count, this.rows, `at byte ${this.fileSize}`, { row: this.rows + 1 })
    }
    const built = this.builder!.finish()
    const replaced = this.decoder.warning()
    if (replaced !== null) built.warnings.push(replaced)
    return built
  }

  private readHeader(line: string): void {
    const { path, limit } = this.options
    const header = parseWord2vecHeader(line)
    if (header === null) throw badHeaderError(path, line, 'binary')
    checkHeaderDim(path, header)
    this.header = header
    this.target = Math.min(header.count, limit)
    // Each vector takes at least a one-byte word, a space and 4 bytes a value.
    const possible = Math.floor(this.fileSize / (4 * header.dim + 2))
    this.builder = new EmbeddingsBuilder(header.dim, Math.min(this.target, possible), false, 'vector')
  }

  private checkTail(data: Buffer, pos: number, at: number): number {
    for (let i = pos; i < data.length; i++) {
      const c = data[i]!
      if (c !== 0x0a && c !== 0x0d && c !== 0x20 && c !== 0x09) {
        const count = this.header!.count
        throw moreRowsError(this.options.path, count, `the data from byte ${at + i} on`, { row: count + 1 })
      }
    }
    return data.length
  }

  private noSpaceError(offset: number): VectorsFileError {
    const row = this.rows + 1
    return new VectorsFileError('malformed', this.options.path,
      `Vector ${row} of ${fileLabel(this.options.path)} (at byte ${offset}) has no space after its word within ${MAX_WORD_BYTES >> 20} MB: the file is not in word2vec binary format.`,
      { row })
  }
}

export async function readWord2vecBinary(options: FormatReadOptions): Promise<BuiltEmbeddings> {
  return withChunkedFile(options.path, options.progress, options.chunkBytes, async (file) => {
    const rows = new BinaryRows(options, file.size)
    const { rest, at } = await forEachChunkCarrying(file, (data, offset) => rows.consume(data, offset))
    return rows.finish(rest, at)
  })
}
