/**
 * The JSON format: `{"dim": d, "words": [...], "counts": [...] | null, "vectors": [[...], ...]}`,
 * keys in any order, other keys ignored. Read as a stream (see JsonStream): vectors go straight
 * into the one Float32Array and are named once the words are known (they may come after the
 * vectors), so the file is never parsed as a whole. "dim" may be left out; the first vector then
 * gives the dimension.
 */
import { type BuiltEmbeddings, EmbeddingsBuilder } from './embeddingsBuilder'
import { withChunkedFile } from './chunkedFile'
import { type FormatReadOptions } from './formatReader'
import { type JsonHandler, JsonStream } from './jsonStream'
import { type Place, parseFloat32, valueError } from './numberFields'
import { VectorsFileError, type VectorsFileErrorKind, fileLabel, quoteText } from './vectorsFileError'
import { WordDecoder } from './wordDecoding'

type Section = 'words' | 'counts' | 'vectors'

const MAX_COUNT = 0xffffffff

class JsonVectors implements JsonHandler {
  private depth = 0
  /** Containers open inside a value that is skipped (an unknown key's). */
  private ignored = 0
  private currentKey: string | null = null
  private section: Section | null = null
  private readonly seenSections = new Set<Section>()
  private readonly decoder: WordDecoder
  private readonly words: string[] = []
  private wordCount = 0
  private counts: number[] | null = null
  private countCount = 0
  private dimKey: { dim: number; line: number } | null = null
  private builder: EmbeddingsBuilder | null = null
  private vectorCount = 0
  /** The values of the row being read: stored when the row is within the limit. */
  private rowStored = false
  private rowLength = 0
  private rowLine = 0
  private firstRow: number[] | null = null
  private values: Float32Array = new Float32Array(0)
  private offset = 0

  constructor(private readonly options: FormatReadOptions) {
    this.decoder = new WordDecoder(options.path, options.encodingErrors, 'word')
  }

  beginObject(line: number): void {
    if (this.ignored > 0 || (this.depth === 1 && !this.isKnown(this.currentKey))) {
      this.ignored++
      return
    }
    if (this.depth !== 0) this.unexpected('an object', line)
    this.depth = 1
  }

  endObject(): void {
    if (this.ignored > 0) this.ignored--
    else this.depth = 0
  }

  beginArray(line: number): void {
    if (this.ignored > 0) {
      this.ignored++
    } else if (this.depth === 1) {
      if (!this.isKnown(this.currentKey)) {
        this.ignored++
        return
      }
      if (!this.isSection(this.currentKey)) this.unexpected('a list', line)
      this.section = this.currentKey
      this.seenSections.add(this.currentKey)
      if (this.currentKey === 'counts') this.counts = []
      this.depth = 2
    } else if (this.depth === 2 && this.section === 'vectors') {
      this.beginRow(line)
      this.depth = 3
    } else {
      this.unexpected('a list', line)
    }
  }

  endArray(line: number): void {
    if (this.ignored > 0) {
      this.ignored--
    } else if (this.depth === 3) {
      this.endRow(line)
      this.depth = 2
    } else {
      this.section = null
      this.depth = 1
    }
  }

  key(bytes: Buffer, start: number, end: number, escaped: boolean, line: number): void {
    if (this.ignored === 0 && this.depth === 1) this.currentKey = this.text(bytes.toString('utf8', start, end), escaped, line)
  }

  string(bytes: Buffer, start: number, end: number, escaped: boolean, line: number): void {
    if (this.ignored > 0 || (this.depth === 1 && !this.isKnown(this.currentKey))) return
    if (this.depth !== 2 || this.section !== 'words') this.unexpected('a string', line)
    const n = ++this.wordCount
    if (n > this.options.limit) return
    this.words.push(this.text(this.decoder.decode(bytes, start, end, n), escaped, line))
  }

  bare(text: string, line: number): void {
    if (this.ignored > 0) return
    if (this.depth === 3) {
      this.rowValue(text, line)
    } else if (this.depth === 1 && this.currentKey === 'dim') {
      const dim = Number(text)
      if (!Number.isInteger(dim) || dim < 1) this.fail('malformedNumber', `“dim” is ${quoteText(text)} on line ${line}; it must be a whole number of at least 1`, line)
      this.dimKey = { dim, line }
    } else if (this.depth === 1 && this.currentKey === 'counts' && text === 'null') {
      this.seenSections.add('counts')
    } else if (this.depth === 1 && !this.isKnown(this.currentKey)) {
      // an unknown key's value
    } else if (this.depth === 2 && this.section === 'counts') {
      const count = /^\d+$/.test(text) ? Number(text) : NaN
      const n = ++this.countCount
      if (!(count <= MAX_COUNT)) this.fail('malformedNumber', `count ${n} (line ${line}) is ${quoteText(text)}; counts must be whole numbers from 0 to ${MAX_COUNT}`, line)
      if (n <= this.options.limit) this.counts!.push(count)
    } else {
      this.unexpected(quoteText(text), line)
    }
  }

  finish(): BuiltEmbeddings {
    for (const section of ['words', 'vectors'] as const) {
      if (!this.seenSections.has(section)) this.fail('malformed', `it has no “${section}” list; a vector file in JSON holds “dim”, “words” and “vectors”`)
    }
    if (this.wordCount !== this.vectorCount) {
      this.fail('countMismatch', `it lists ${this.wordCount} word${this.wordCount === 1 ? '' : 's'} but ${this.vectorCount} vector${this.vectorCount === 1 ? '' : 's'}; each word needs one vector`)
    }
    if (this.counts !== null && this.countCount !== this.wordCount) {
      this.fail('countMismatch', `it lists ${this.countCount} counts for ${this.wordCount} words`)
    }
    let builder = this.builder
    if (builder === null) {
      if (this.dimKey === null) throw new VectorsFileError('empty', this.options.path, `${fileLabel(this.options.path)} holds no vectors.`)
      builder = new EmbeddingsBuilder(this.dimKey.dim, 0, false, 'word')
    }
    if (this.dimKey !== null && this.dimKey.dim !== builder.dim) {
      this.fail('inconsistentDimensions', `“dim” (line ${this.dimKey.line}) says ${this.dimKey.dim}, but the vectors have ${builder.dim} values`, this.dimKey.line)
    }
    builder.nameRows(this.words, this.counts)
    const built = builder.finish()
    const replaced = this.decoder.warning()
    if (replaced !== null) built.warnings.push(replaced)
    return built
  }

  private isSection(key: string | null): key is Section {
    return key === 'words' || key === 'counts' || key === 'vectors'
  }

  private isKnown(key: string | null): boolean {
    return key === 'dim' || this.isSection(key)
  }

  private beginRow(line: number): void {
    this.rowStored = this.vectorCount < this.options.limit
    this.rowLength = 0
    this.rowLine = line
    if (!this.rowStored) return
    const dim = this.builder?.dim ?? this.dimKey?.dim
    if (dim === undefined) {
      this.firstRow = []
      return
    }
    this.builder ??= new EmbeddingsBuilder(dim, this.expectedRows(), false, 'word')
    ;({ values: this.values, offset: this.offset } = this.builder.nextRow())
  }

  /** A value of a vector; those after the limit are only counted. */
  private rowValue(text: string, line: number): void {
    if (this.rowStored) {
      const x = parseFloat32(text)
      if (Number.isNaN(x)) throw valueError(this.options.path, text, this.place(this.vectorCount + 1, line), this.rowLength)
      if (this.firstRow !== null) this.firstRow.push(x)
      else if (this.rowLength < this.builder!.dim) this.values[this.offset + this.rowLength] = x
    }
    this.rowLength++
  }

  private endRow(line: number): void {
    const row = ++this.vectorCount
    if (this.firstRow !== null) {
      if (this.firstRow.length === 0) this.fail('inconsistentDimensions', `vector 1 (line ${this.rowLine}) is empty`, this.rowLine)
      this.builder = new EmbeddingsBuilder(this.firstRow.length, this.expectedRows(), false, 'word')
      this.builder.nextRow().values.set(this.firstRow)
      this.firstRow = null
    }
    const dim = this.builder?.dim ?? this.dimKey?.dim
    if (this.rowStored && dim !== undefined && this.rowLength !== dim) {
      const expected = this.dimKey !== null ? `“dim” (line ${this.dimKey.line}) says ${this.dimKey.dim}` : `vector 1 has ${dim}`
      this.fail('inconsistentDimensions', `vector ${row} (line ${line}) has ${this.rowLength} value${this.rowLength === 1 ? '' : 's'}, but ${expected}`, line)
    }
    if (this.rowStored) this.builder!.keepUnnamed()
  }

  /** As many rows as words when the words came first (as our exporter writes them); else a start. */
  private expectedRows(): number {
    return Math.min(this.options.limit, this.seenSections.has('words') ? this.wordCount : 1024)
  }

  private place(row: number, line: number): Place {
    return { text: `vector ${row} (line ${line})`, line, row }
  }

  /** The string a JSON string's raw text stands for. */
  private text(raw: string, escaped: boolean, line: number): string {
    if (!escaped) return raw
    try {
      return JSON.parse(`"${raw}"`) as string
    } catch {
      return this.fail('malformed', `the string ${quoteText(raw)} on line ${line} has an invalid escape`, line)
    }
  }

  private unexpected(what: string, line: number): never {
    const where = this.depth === 3 ? `inside vector ${this.vectorCount + 1}`
      : this.section !== null ? `in the “${this.section}” list`
        : this.depth === 0 ? 'at the top (the file must hold one object with “dim”, “words” and “vectors”)'
          : `as the value of “${this.currentKey}”`
    const kind: VectorsFileErrorKind = this.depth === 3 ? 'malformedNumber' : 'malformed'
    return this.fail(kind, `it has ${what} on line ${line} ${where}`, line)
  }

  private fail(kind: VectorsFileErrorKind, detail: string, line?: number): never {
    throw new VectorsFileError(kind, this.options.path, `${fileLabel(this.options.path)} cannot be loaded: ${detail}.`, { line })
  }
}

export async function readJsonVectors(options: FormatReadOptions): Promise<BuiltEmbeddings> {
  return withChunkedFile(options.path, options.progress, options.chunkBytes, async (file) => {
    const vectors = new JsonVectors(options)
    const stream = new JsonStream(options.path, vectors)
    let bytes = 0
    for (let chunk = await file.next(); chunk !== null; chunk = await file.next()) {
      bytes += chunk.length
      stream.push(chunk)
    }
    if (!stream.started) throw new VectorsFileError('empty', options.path, `${fileLabel(options.path)} is empty${bytes > 0 ? ' (only blank space)' : ''}: it holds no vectors.`)
    stream.end()
    return vectors.finish()
  })
}
