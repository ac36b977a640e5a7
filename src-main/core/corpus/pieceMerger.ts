import { type RawCorpus } from './corpusTypes'
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

  constructor(tokenizers: number, private readonly sink: TokenSink) {
    this.localToGlobal = Array.from({ length: tokenizers }, () => new Int32Array(1 << 12))
    this.localTypes = new Array<number>(tokenizers).fill(0)
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
        hasTokens = true
      } else if (hasTokens) {
        out[n++] = SENTENCE_END
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

/** A TokenSink that keeps the stream as RawCorpus' arrays: the tokens, and where each sentence ends. */
export class TokenArrays implements TokenSink {
  private tokens = new Int32Array(1 << 16)
  private tokenTotal = 0
  private ends = new Uint32Array(1 << 10)
  private sentenceTotal = 0

  write(values: Int32Array): void {
    if (this.tokenTotal + values.length > this.tokens.length) this.tokens = grown(this.tokens, this.tokenTotal + values.length)
    for (let i = 0; i < values.length; i++) {
      const value = values[i]!
      if (value !== SENTENCE_END) this.tokens[this.tokenTotal++] = value
      else {
        if (this.sentenceTotal === this.ends.length) this.ends = grown(this.ends, this.sentenceTotal + 1)
        this.ends[this.sentenceTotal++] = this.tokenTotal
      }
    }
  }

  corpus(types: readonly string[], typeCounts: Uint32Array): RawCorpus {
    return { types, typeCounts, tokens: this.tokens.slice(0, this.tokenTotal), sentenceEnds: this.ends.slice(0, this.sentenceTotal) }
  }
}

function grown<T extends Int32Array | Uint32Array | Float64Array>(array: T, needed: number): T {
  let size = array.length * 2
  while (size < needed) size *= 2
  const bigger = new (array.constructor as new (n: number) => T)(size)
  bigger.set(array)
  return bigger
}
