import { UNNAMED_SOURCE, cs224nFormatError } from './corpusErrors'
import { type RawCorpus } from './corpusTypes'
import { TokenScanner } from './tokenScanner'
import { type TokenizerOptions, DEFAULT_TOKENIZER_OPTIONS } from './tokenizer'
import { MemoryTokenSink, type TokenStoreWriter } from './tokenStore'
import { SENTENCE_END } from './tokenStream'
import { TypeTable } from './typeTable'

/**
 * Text in chunks of any size → a RawCorpus, in one pass: each line (ended by \n, \r\n or \r,
 * even when the ending is split across chunks) is a sentence, empty lines make none. Tokens are
 * interned into type ids in order of first occurrence and counted as they come, and leave as
 * the token stream (tokenStream.ts) in batches to a sink: memory by default, a file for the app
 * and the CLI, so the builder itself holds only the types and their counts.
 *
 * A line longer than LONG_LINE_CHARS (text8 is one 100 MB line) is tokenized in pieces cut at
 * whitespace, so it never sits whole in memory; it still makes one sentence. Without
 * whitespace to cut at (a long line of Chinese) it is kept until its end.
 */

export const LONG_LINE_CHARS = 1 << 16
const LF = 10
/** Stream values gathered before a write to the sink. */
const BATCH_VALUES = 1 << 16

export class CorpusBuilder {
  private readonly typeTable = new TypeTable()
  private readonly scanner: TokenScanner
  private readonly cs224n: boolean
  private readonly batch = new Int32Array(BATCH_VALUES)
  private batched = 0
  private tokenTotal = 0
  /** Tokens of the current line so far: a line without any writes no SENTENCE_END. */
  private lineTokens = 0
  private sentenceTotal = 0
  /** The unfinished line's text not tokenized yet. */
  private pending = ''
  /** Part of the current line has been tokenized already (a long line). */
  private lineStarted = false
  /** The previous chunk ended with \r: a \n starting this one belongs to it. */
  private afterCR = false
  /** 1-based number of the line being read. */
  private lineNumber = 1
  private finished = false
  private result: RawCorpus | null = null

  /** `source` names the corpus in error messages (a file name). */
  constructor(options: Partial<TokenizerOptions> = {}, private source: string = UNNAMED_SOURCE, private readonly sink: TokenStoreWriter = new MemoryTokenSink()) {
    const o = { ...DEFAULT_TOKENIZER_OPTIONS, ...options }
    this.scanner = new TokenScanner(o, this.typeTable)
    this.cs224n = o.format === 'cs224n'
  }

  /** Tokens read so far. */
  get tokenCount(): number {
    return this.tokenTotal
  }

  addText(text: string): void {
    if (this.finished) throw new Error('CorpusBuilder.addText after finish().')
    let begin = 0
    if (this.afterCR && text.length > 0) {
      if (text.charCodeAt(0) === LF) begin = 1
      this.afterCR = false
    }
    let nl = text.indexOf('\n', begin)
    let cr = text.indexOf('\r', begin)
    while (nl !== -1 || cr !== -1) {
      let lineEnd: number
      let next: number
      if (cr === -1 || (nl !== -1 && nl < cr)) {
        lineEnd = nl
        next = nl + 1
      } else {
        lineEnd = cr
        next = cr + 1
        if (next === text.length) this.afterCR = true
        else if (text.charCodeAt(next) === LF) next++
      }
      this.endLine(text, begin, lineEnd)
      begin = next
      if (nl !== -1 && nl < begin) nl = text.indexOf('\n', begin)
      if (cr !== -1 && cr < begin) cr = text.indexOf('\r', begin)
    }
    this.addPartialLine(text.slice(begin))
  }

  /**
   * Starts the text of another file in the same corpus: ends the current line, and restarts the
   * line numbers (and, for the CS224n format, the header) under the new name.
   */
  beginSource(source: string): void {
    if (this.finished) throw new Error('CorpusBuilder.beginSource after finish().')
    if (this.pending.length > 0 || this.lineStarted) this.endLine('', 0, 0)
    this.afterCR = false
    this.lineNumber = 1
    this.source = source
  }

  /** Ends the last line and returns the corpus (the same one if called again); the builder takes no more text. */
  finish(): RawCorpus {
    if (this.result) return this.result
    if (this.finished) throw new Error('CorpusBuilder.finish after discard().')
    if (this.pending.length > 0 || this.lineStarted) this.endLine('', 0, 0)
    this.flush()
    this.finished = true
    return this.result = {
      types: this.typeTable.types(),
      typeCounts: this.typeTable.counts(),
      tokenCount: this.tokenTotal,
      sentenceCount: this.sentenceTotal,
      store: this.sink.finish(),
    }
  }

  /** Gives up (a cancelled or failed read): the sink frees or deletes what it was sent. */
  discard(): void {
    this.finished = true
    this.sink.discard()
  }

  private flush(): void {
    if (this.batched > 0) this.sink.write(this.batch.subarray(0, this.batched))
    this.batched = 0
  }

  private addPartialLine(piece: string): void {
    if (piece.length === 0) return
    this.pending += piece
    if (this.pending.length <= LONG_LINE_CHARS || this.cs224n) return
    const cut = lastWhitespace(this.pending)
    if (cut <= 0) return
    this.addLinePart(this.pending, 0, cut)
    this.pending = this.pending.slice(cut)
  }

  /** Ends the line whose last piece is text[start, end): scanned in place, unless part of it is pending. */
  private endLine(text: string, start: number, end: number): void {
    if (this.pending.length > 0) {
      const line = this.pending + text.slice(start, end)
      this.pending = ''
      this.addLinePart(line, 0, line.length)
    } else {
      this.addLinePart(text, start, end)
    }
    if (this.lineTokens > 0) {
      if (this.batched === BATCH_VALUES) this.flush()
      this.batch[this.batched++] = SENTENCE_END
      this.sentenceTotal++
    }
    this.lineTokens = 0
    this.lineStarted = false
    this.lineNumber++
  }

  private addLinePart(text: string, start: number, end: number): void {
    const first = !this.lineStarted
    this.lineStarted = true
    if (this.cs224n && first) {
      if (this.lineNumber === 1) return // the header: sentence_index<TAB>sentence
      const tab = text.indexOf('\t', start)
      if (tab === -1 || tab >= end) {
        if (text.slice(start, end).trim() === '') return
        throw cs224nFormatError(this.source, this.lineNumber)
      }
      start = tab + 1
    }
    const n = this.scanner.scan(text, start, end)
    if (n === 0) return
    const ids = this.scanner.ids
    for (let i = 0; i < n;) {
      if (this.batched === BATCH_VALUES) this.flush()
      const take = Math.min(n - i, BATCH_VALUES - this.batched)
      this.batch.set(ids.subarray(i, i + take), this.batched)
      this.batched += take
      i += take
    }
    this.tokenTotal += n
    this.lineTokens += n
  }
}

/** Reads a whole text at once: for tests and small inputs. */
export function rawCorpusFromText(text: string, options: Partial<TokenizerOptions> = {}, source?: string): RawCorpus {
  const builder = new CorpusBuilder(options, source)
  builder.addText(text)
  return builder.finish()
}

/** Where a long line may be cut without cutting a token: its last space, tab, ideographic or no-break space (-1: none). */
export function lastWhitespace(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text.charCodeAt(i)
    if (c === 32 || c === 9 || c === 0x3000 || c === 0xa0) return i
  }
  return -1
}
