import { grown } from './grownArray'
import { type PieceResult } from './pieceTokenizer'
import { SENTENCE_END, type TokenSink } from './tokenStream'
import { TypeTable } from './typeTable'

/**
 * Joins the results of several PieceTokenizers, fed in file order, into one token stream with
 * the corpus' own type ids, exactly as one thread would have made it: ids in order of first
 * occurrence in the file, SENTENCE_END after each non-empty line.
 *
 * A type new to a tokenizer in piece p is either new to the corpus there or was seen in an
 * earlier piece of another tokenizer, which has been merged already; and the corpus' new types
 * in p are among the tokenizer's new ones, in the same order. So giving each new type of a
 * piece its corpus id in turn numbers the corpus' types in order of first occurrence.
 */
export class PieceMerger {
  private readonly table = new TypeTable()
  private readonly localToGlobal: Int32Array[]
  private readonly localTypes: number[]
  private counts = new Float64Array(1 << 12)
  private out = new Int32Array(1 << 16)
  private sentenceHasTokens = false
  private tokens = 0
  private sentences = 0

  constructor(tokenizers: number, private readonly sink: TokenSink) {
    this.localToGlobal = Array.from({ length: tokenizers }, () => new Int32Array(1 << 12))
    this.localTypes = new Array<number>(tokenizers).fill(0)
  }

  /** Tokens written to the sink so far. */
  get tokenCount(): number {
    return this.tokens
  }

  /** Sentences (SENTENCE_END markers) written to the sink so far. */
  get sentenceCount(): number {
    return this.sentences
  }

  types(): readonly string[] {
    return this.table.types()
  }

  /** The next piece of the file, tokenized by tokenizer `from`. */
  add(from: number, piece: PieceResult): void {
    let map = this.localToGlobal[from]!
    const first = this.localTypes[from]!
    const { hashes, units } = piece.newTypes
    if (first + hashes.length > map.length) map = this.localToGlobal[from] = grown(map, first + hashes.length)
    for (let k = 0, at = 0; k < hashes.length; k++) {
      map[first + k] = this.table.internPacked(units, at, hashes[k]!)
      at += 2 + units[at]! + (units[at + 1]! << 16)
    }
    this.localTypes[from] = first + hashes.length

    const { stream } = piece
    if (stream.length > this.out.length) this.out = new Int32Array(stream.length)
    const out = this.out
    let n = 0
    let hasTokens = this.sentenceHasTokens
    for (let i = 0; i < stream.length; i++) {
      const value = stream[i]!
      if (value !== SENTENCE_END) {
        out[n++] = map[value]!
        this.tokens++
        hasTokens = true
      } else if (hasTokens) {
        out[n++] = SENTENCE_END
        this.sentences++
        hasTokens = false
      }
    }
    this.sentenceHasTokens = hasTokens
    if (n > 0) this.sink.write(out.subarray(0, n))
  }

  /** Ends the last line (a file without a final line end). */
  endLine(): void {
    if (!this.sentenceHasTokens) return
    this.sink.write(new Int32Array([SENTENCE_END]))
    this.sentences++
    this.sentenceHasTokens = false
  }

  /** Tokenizer `from`'s final counts, by its local ids. */
  addCounts(from: number, localCounts: Uint32Array): void {
    const map = this.localToGlobal[from]!
    if (this.table.size > this.counts.length) this.counts = grown(this.counts, this.table.size)
    for (let l = 0; l < localCounts.length; l++) this.counts[map[l]!]! += localCounts[l]!
  }

  typeCounts(): Uint32Array {
    return Uint32Array.from(this.counts.subarray(0, this.table.size))
  }
}
