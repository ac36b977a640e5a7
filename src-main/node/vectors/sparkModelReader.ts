/**
 * A Word2VecModel folder as Spark's `model.save(path)` writes it, read as vectors:
 *
 *   metadata/part-00000       one JSON line (see sparkModelMetadata.ts)
 *   data/part-*.parquet       the vectors, in one or more part files (snappy, gzip, zstd, … or none)
 *   _SUCCESS, *.crc           Hadoop's markers and checksums, ignored
 *
 * Two data layouts exist. spark.mllib, and spark.ml from 2.2 on, write one row per word:
 * `word` (string) and `vector` (array<float>). spark.ml before 2.2 wrote a single row:
 * `wordIndex` (map<string, int>, the word's row) and `wordVectors` (array<float>, every row
 * one after another). Both are read; the layout is taken from the columns each part file has.
 *
 * Part files are read one row group at a time (hyparquet), so memory holds the vectors and one
 * row group, with progress and cancellation between row groups. Spark keeps no word counts and
 * no order: the words come in the order of the part files, not by frequency.
 */
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { type AsyncBuffer, type FileMetaData, asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet'
import { compressors } from 'hyparquet-compressors'
import { type BuiltEmbeddings, EmbeddingsBuilder } from './embeddingsBuilder'
import { type FormatReadOptions } from './formatReader'
import { type SparkModelMetadata, parseSparkModelMetadata } from './sparkModelMetadata'
import { VectorsFileError, fileLabel, fileSystemError, quoteText } from './vectorsFileError'

/** The part files of a folder written by Spark (Hadoop names them part-…); checksums and markers left out. */
async function partFiles(folder: string, extension: string): Promise<string[]> {
  let names: string[]
  try {
    names = await readdir(folder)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return []
    throw error
  }
  return names.filter((n) => n.startsWith('part-') && n.endsWith(extension)).sort().map((n) => join(folder, n))
}

function notAModel(folder: string, missing: string): VectorsFileError {
  return new VectorsFileError('notAModel', folder,
    `${fileLabel(folder)} is a folder, not a vectors file, and not a saved Spark Word2VecModel either (${missing}). Open a vectors file, or the folder Spark's model.save(path) wrote.`)
}

/**
 * Whether a path is a folder Spark saved a model to: it has metadata/part-…. Such a folder
 * dropped on the window opens as vectors (the reader then names any class other than
 * Word2VecModel); any other folder, or a folder that cannot be listed, goes where a drop goes.
 */
export async function isSparkModelFolder(path: string): Promise<boolean> {
  try {
    return (await partFiles(join(path, 'metadata'), '')).length > 0
  } catch {
    return false
  }
}

export async function readSparkModelMetadata(folder: string): Promise<SparkModelMetadata> {
  const [first] = await partFiles(join(folder, 'metadata'), '')
  if (first === undefined) throw notAModel(folder, 'it has no metadata/part-00000')
  return parseSparkModelMetadata(await readFile(first, 'utf8'), folder)
}

type Layout = 'wordRows' | 'indexMap'
const LAYOUT_COLUMNS: Readonly<Record<Layout, readonly [string, string]>> = { wordRows: ['word', 'vector'], indexMap: ['wordIndex', 'wordVectors'] }

/** The columns at the top of the file's schema (the root's children). */
function topColumns(metadata: FileMetaData): string[] {
  const names: string[] = []
  let i = 1
  while (i < metadata.schema.length) {
    const element = metadata.schema[i]!
    names.push(element.name)
    i = skipSubtree(metadata, i)
  }
  return names
}

function skipSubtree(metadata: FileMetaData, at: number): number {
  let next = at + 1
  for (let c = 0; c < (metadata.schema[at]!.num_children ?? 0); c++) next = skipSubtree(metadata, next)
  return next
}

function layoutOf(part: string, folder: string, metadata: FileMetaData): Layout {
  const columns = topColumns(metadata)
  const layout = (Object.keys(LAYOUT_COLUMNS) as Layout[]).find((l) => LAYOUT_COLUMNS[l].every((c) => columns.includes(c)))
  if (layout) return layout
  throw new VectorsFileError('missingColumn', folder,
    `${fileLabel(part)} in ${fileLabel(folder)} has the columns ${columns.map((c) => `“${c}”`).join(', ') || '(none)'}; a Spark Word2VecModel's data has “word” and “vector” (or, before Spark 2.2, “wordIndex” and “wordVectors”).`)
}

interface PartFile {
  readonly path: string
  readonly file: AsyncBuffer
  readonly metadata: FileMetaData
  readonly layout: Layout
}

export async function readSparkModel(options: FormatReadOptions): Promise<BuiltEmbeddings> {
  const { path: folder, limit, progress } = options
  const model = await readSparkModelMetadata(folder).catch((error: unknown) => { throw fileSystemError(folder, error) })
  const paths = await partFiles(join(folder, 'data'), '.parquet')
  if (paths.length === 0) throw notAModel(folder, 'it has metadata but no data/part-*.parquet files')
  const parts: PartFile[] = []
  for (const path of paths) {
    try {
      const file = await asyncBufferFromFile(path)
      const metadata = await parquetMetadataAsync(file)
      parts.push({ path, file, metadata, layout: layoutOf(path, folder, metadata) })
      progress.addFile(file.byteLength)
    } catch (error) {
      if (error instanceof VectorsFileError) throw error
      throw new VectorsFileError('malformed', folder, `${fileLabel(path)} in ${fileLabel(folder)} is not a Parquet file that can be read (${(error as Error).message}).`, { cause: error })
    }
  }
  const reader = new SparkRows(folder, model, limit)
  for (const part of parts) {
    if (reader.full) break
    if (part.layout === 'indexMap') await reader.readIndexMap(part, progress)
    else await reader.readWordRows(part, progress)
  }
  return reader.finish()
}

/** Collects rows from the part files in turn, checking each against the metadata. */
class SparkRows {
  private builder: EmbeddingsBuilder | null = null
  private rowsRead = 0

  constructor(private readonly folder: string, private readonly model: SparkModelMetadata, private readonly limit: number) {}

  get full(): boolean {
    return this.rowsRead >= this.limit
  }

  async readWordRows(part: PartFile, progress: FormatReadOptions['progress']): Promise<void> {
    let rowStart = 0
    for (const group of part.metadata.row_groups) {
      if (this.full) return
      progress.throwIfCancelled()
      const rowEnd = rowStart + Number(group.num_rows)
      const rows = await this.read(part, ['word', 'vector'], rowStart, rowEnd)
      for (let r = 0; r < rows.length && !this.full; r++) {
        const { word, vector } = rows[r]!
        const where = `row ${rowStart + r + 1} of ${fileLabel(part.path)}`
        if (typeof word !== 'string') throw this.malformed(`${where} has no word`)
        this.add(word, vector, where)
      }
      progress.advance(group.columns.reduce((sum, c) => sum + Number(c.meta_data?.total_compressed_size ?? 0n), 0))
      rowStart = rowEnd
    }
  }

  /** Spark before 2.2: one row, the words' rows in a map and every vector in one array. */
  async readIndexMap(part: PartFile, progress: FormatReadOptions['progress']): Promise<void> {
    progress.throwIfCancelled()
    const [row] = await this.read(part, ['wordIndex', 'wordVectors'], 0, 1)
    const wordIndex = row?.wordIndex as Record<string, unknown> | null | undefined
    const flat = row?.wordVectors as unknown
    if (typeof wordIndex !== 'object' || wordIndex === null || !Array.isArray(flat)) throw this.malformed(`${fileLabel(part.path)} has no wordIndex map and wordVectors array in its first row`)
    const words = Object.keys(wordIndex)
    const dim = this.model.vectorSize ?? (words.length > 0 ? flat.length / words.length : 0)
    if (!Number.isInteger(dim) || flat.length !== words.length * dim) {
      throw new VectorsFileError('countMismatch', this.folder, `${fileLabel(part.path)} holds ${flat.length} numbers for ${words.length} words, which is not ${words.length} × ${dim} (the vector size).`)
    }
    const byRow = new Array<string | undefined>(words.length)
    for (const word of words) {
      const index = wordIndex[word]
      if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= words.length || byRow[index] !== undefined) {
        throw this.malformed(`the wordIndex of ${fileLabel(part.path)} gives ${quoteText(word)} the row ${String(index)}, which is not a free row from 0 to ${words.length - 1}`)
      }
      byRow[index] = word
    }
    for (let r = 0; r < byRow.length && !this.full; r++) this.add(byRow[r]!, flat.slice(r * dim, (r + 1) * dim), `row ${r + 1} of the wordVectors`)
    progress.advance(part.file.byteLength)
  }

  finish(): BuiltEmbeddings {
    if (this.builder === null) throw new VectorsFileError('empty', this.folder, `The Spark model ${fileLabel(this.folder)} holds no words.`)
    const built = this.builder.finish()
    const { numWords } = this.model
    if (numWords !== null && this.limit === Infinity && this.rowsRead !== numWords) {
      throw new VectorsFileError('countMismatch', this.folder, `The metadata of ${fileLabel(this.folder)} says ${numWords} words, but its data holds ${this.rowsRead}; the model may have been only partly copied.`)
    }
    return built
  }

  private async read(part: PartFile, columns: string[], rowStart: number, rowEnd: number): Promise<Record<string, unknown>[]> {
    try {
      return await parquetReadObjects({ file: part.file, metadata: part.metadata, columns, rowStart, rowEnd, compressors })
    } catch (error) {
      throw new VectorsFileError('malformed', this.folder, `${fileLabel(part.path)} in ${fileLabel(this.folder)} could not be decoded (${(error as Error).message}).`, { cause: error })
    }
  }

  private add(word: string, vector: unknown, where: string): void {
    if (!Array.isArray(vector) && !ArrayBuffer.isView(vector)) throw this.malformed(`${where} (${quoteText(word)}) has no vector`)
    const values = vector as ArrayLike<unknown>
    this.builder ??= this.startBuilder(values.length, where)
    const { dim } = this.builder
    if (values.length !== dim) {
      const promised = this.model.vectorSize === null ? `the first vector's ${dim}` : `the ${dim} of the model's vectorSize`
      throw new VectorsFileError('inconsistentDimensions', this.folder, `The vector of ${quoteText(word)} (${where}) has ${values.length} values, not ${promised}.`)
    }
    const { values: target, offset } = this.builder.nextRow()
    for (let d = 0; d < dim; d++) {
      const x = values[d]
      if (typeof x !== 'number' || !Number.isFinite(x)) {
        throw new VectorsFileError('notFinite', this.folder, `Value ${d + 1} of the vector of ${quoteText(word)} (${where}) is ${String(x)}, not a finite number.`)
      }
      target[offset + d] = x
    }
    this.rowsRead++
    this.builder.commit(word, this.rowsRead)
  }

  private startBuilder(length: number, where: string): EmbeddingsBuilder {
    const dim = this.model.vectorSize ?? length
    if (dim === 0) throw this.malformed(`${where} has an empty vector`)
    return new EmbeddingsBuilder(dim, this.model.numWords ?? 0, false, 'vector')
  }

  private malformed(detail: string): VectorsFileError {
    return new VectorsFileError('malformed', this.folder, `The Spark model ${fileLabel(this.folder)} cannot be read: ${detail}.`)
  }
}
