import { SENTENCE_END } from './tokenStream'
import { TokenScanner } from './tokenScanner'
import { type TokenizerOptions } from './tokenizer'
import { TypeTable } from './typeTable'

/**
 * One thread's share of parallel corpus preparation: pieces of text (whole lines, in file order
 * for this thread, but only every k-th piece of the file) → a stream of type ids with
 * SENTENCE_END at every line end, empty lines included. Ids are this tokenizer's own, in order
 * of first occurrence within its pieces; each result lists the types that are new in it, so
 * PieceMerger can map them to the corpus' ids in file order. Counts stay here until the end.
 *
 * Marking empty lines too lets a line cut across two pieces (a long line cut at whitespace, or
 * \r\n cut between them) come out right: the merger drops a marker that ends no tokens.
 */

export interface PieceResult {
  /** Local type ids, SENTENCE_END after each line end in the piece. */
  readonly stream: Int32Array
  /** The local types first seen in this piece, in id order (their ids follow the previous ones), as TypeTable.exportTypes packs them. */
  readonly newTypes: { readonly hashes: Int32Array; readonly units: Uint16Array }
}

const LF = 10

export class PieceTokenizer {
  private readonly table = new TypeTable()
  private readonly scanner: TokenScanner
  private stream = new Int32Array(1 << 16)
  private length = 0

  constructor(options: Partial<TokenizerOptions>) {
    this.scanner = new TokenScanner(options, this.table)
  }

  tokenize(text: string): PieceResult {
    const typesBefore = this.table.size
    this.length = 0
    let begin = 0
    // Line ends found by indexOf (native and fast) rather than by looking at every unit.
    let nl = text.indexOf('\n')
    let cr = text.indexOf('\r')
    while (nl !== -1 || cr !== -1) {
      const lineEnd = cr === -1 || (nl !== -1 && nl < cr) ? nl : cr
      this.scanLine(text, begin, lineEnd)
      this.push(SENTENCE_END)
      begin = lineEnd === cr && text.charCodeAt(cr + 1) === LF ? cr + 2 : lineEnd + 1
      if (nl !== -1 && nl < begin) nl = text.indexOf('\n', begin)
      if (cr !== -1 && cr < begin) cr = text.indexOf('\r', begin)
    }
    if (begin < text.length) this.scanLine(text, begin, text.length)
    return { stream: this.stream.slice(0, this.length), newTypes: this.table.exportTypes(typesBefore) }
  }

  /** Occurrences of each local type over all pieces so far. */
  counts(): Uint32Array {
    return this.table.counts()
  }

  private scanLine(text: string, start: number, end: number): void {
    const n = this.scanner.scan(text, start, end)
    this.ensureRoom(n)
    this.stream.set(this.scanner.ids.subarray(0, n), this.length)
    this.length += n
  }

  private push(value: number): void {
    this.ensureRoom(1)
    this.stream[this.length++] = value
  }

  private ensureRoom(extra: number): void {
    if (this.length + extra <= this.stream.length) return
    let size = this.stream.length * 2
    while (size < this.length + extra) size *= 2
    const bigger = new Int32Array(size)
    bigger.set(this.stream.subarray(0, this.length))
    this.stream = bigger
  }
}
