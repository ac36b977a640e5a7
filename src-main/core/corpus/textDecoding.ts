import { UNNAMED_SOURCE, binaryFileError } from './corpusErrors'

/**
 * Bytes → text for corpus files that arrive in chunks. The encoding comes from the byte-order
 * mark (UTF-8, UTF-16 LE, UTF-16 BE; none means UTF-8) and the mark is dropped. Decoding is the
 * WHATWG decoder in streaming mode, so a character split across chunks comes out whole, and an
 * invalid sequence becomes U+FFFD (one per maximal invalid subpart, as every browser does).
 *
 * Replacements are counted exactly: every U+FFFD in the output either comes from a replaced
 * sequence or from a literal U+FFFD in the input, and a literal one is always decoded, and
 * emitted, in the push that delivers its last byte. So per push,
 *   replaced = (U+FFFD in the output) − (literal U+FFFD ending in these bytes).
 * The input is only scanned for literals when the output holds a U+FFFD, which is rare.
 *
 * A file is rejected as binary (CorpusError 'binary') when the decoded text holds a NUL
 * (U+0000: a NUL byte in UTF-8, a 0x0000 unit in UTF-16; no text file has one), or when the
 * replaced sequences number more than BINARY_REPLACED_SHARE of the bytes in the first
 * BINARY_SNIFF_BYTES (the whole file, if shorter) and at least BINARY_MIN_REPLACED, since a
 * few bytes say little. That check runs on the push that crosses BINARY_SNIFF_BYTES, so with
 * large chunks it judges the whole first chunk. 25 % separates the cases well: random or
 * compressed bytes (zip, png, pdf streams) give 0.41 replacements a byte, while text in a legacy
 * 8-bit encoding stays below about 15 % even when dense with accents (Latin-1 French ~13 %),
 * and is kept, its replacements counted for the user to see. Two-byte legacy encodings (GBK,
 * Shift-JIS) do exceed it; the message then says to save the file as UTF-8.
 */

export type CorpusEncoding = 'utf-8' | 'utf-16le' | 'utf-16be'

export const BINARY_SNIFF_BYTES = 64 * 1024
export const BINARY_REPLACED_SHARE = 0.25
export const BINARY_MIN_REPLACED = 16

const REPLACEMENT = '\uFFFD'

export class CorpusTextDecoder {
  private decoder: TextDecoder | null = null
  /** Bytes held back until there are enough (3) to read a byte-order mark. */
  private head: Uint8Array | null = null
  private detected: CorpusEncoding = 'utf-8'
  private replaced = 0
  /** Bytes after the byte-order mark pushed so far. */
  private contentBytes = 0
  private shareChecked = false
  /** The last two content bytes of earlier pushes (-1 when none), for literals split across pushes. */
  private prev1 = -1
  private prev2 = -1
  private ended = false

  /** `source` names the file in error messages. */
  constructor(private readonly source: string = UNNAMED_SOURCE) {}

  /** The encoding read from the byte-order mark; 'utf-8' until the first bytes arrive. */
  get encoding(): CorpusEncoding {
    return this.detected
  }

  /** Invalid sequences replaced by U+FFFD so far. */
  get replacedSequences(): number {
    return this.replaced
  }

  /** Decodes the next chunk; bytes of an unfinished character are kept for the next push. */
  push(bytes: Uint8Array): string {
    if (this.ended) throw new Error('CorpusTextDecoder.push after end().')
    if (this.decoder === null) {
      const head = this.head === null ? bytes.slice() : concat(this.head, bytes)
      if (head.length < 3) {
        this.head = head
        return ''
      }
      this.head = null
      return this.decodeContent(this.start(head), true)
    }
    return this.decodeContent(bytes, true)
  }

  /** Flushes what is left: an unfinished character at the very end becomes one U+FFFD. */
  end(): string {
    if (this.ended) return ''
    let text = ''
    if (this.decoder === null) {
      const head = this.head ?? new Uint8Array(0)
      this.head = null
      text = this.decodeContent(this.start(head), true)
    }
    text += this.decodeContent(new Uint8Array(0), false)
    this.ended = true
    return text
  }

  /** Reads the byte-order mark, creates the decoder and returns the bytes after the mark. */
  private start(head: Uint8Array): Uint8Array {
    let skip = 0
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) skip = 3
    else if (head[0] === 0xff && head[1] === 0xfe) [this.detected, skip] = ['utf-16le', 2]
    else if (head[0] === 0xfe && head[1] === 0xff) [this.detected, skip] = ['utf-16be', 2]
    // The mark is already gone, so a later U+FEFF is content and must not be eaten as a mark.
    this.decoder = new TextDecoder(this.detected, { ignoreBOM: true })
    return head.subarray(skip)
  }

  private decodeContent(bytes: Uint8Array, stream: boolean): string {
    const text = this.decoder!.decode(bytes, { stream })
    if (text.includes('\0')) throw binaryFileError(this.source, 'nul')
    let literals = 0
    const first = text.indexOf(REPLACEMENT)
    if (first !== -1) literals = this.detected === 'utf-8' ? this.utf8Literals(bytes) : this.utf16Literals(bytes)
    this.replaced += first === -1 ? 0 : countFrom(text, REPLACEMENT, first) - literals
    this.remember(bytes)
    this.contentBytes += bytes.length
    if (!this.shareChecked && (this.contentBytes >= BINARY_SNIFF_BYTES || !stream)) {
      this.shareChecked = true
      const share = this.replaced > BINARY_REPLACED_SHARE * this.contentBytes
      if (share && this.replaced >= BINARY_MIN_REPLACED) throw binaryFileError(this.source, 'undecodable')
    }
    return text
  }

  /** EF BF BD sequences whose last byte is in `bytes`. EF is never a continuation byte, so each one decodes as U+FFFD. */
  private utf8Literals(bytes: Uint8Array): number {
    let count = 0
    for (let i = bytes.indexOf(0xbd); i !== -1; i = bytes.indexOf(0xbd, i + 1)) {
      const b1 = i >= 1 ? bytes[i - 1]! : this.prev1
      const b2 = i >= 2 ? bytes[i - 2]! : i === 1 ? this.prev1 : this.prev2
      if (b1 === 0xbf && b2 === 0xef) count++
    }
    return count
  }

  /** 0xFFFD code units completed by `bytes` (units start at even content offsets). */
  private utf16Literals(bytes: Uint8Array): number {
    const [firstByte, secondByte] = this.detected === 'utf-16le' ? [0xfd, 0xff] : [0xff, 0xfd]
    // Index in `bytes` of the first unit's second byte: content offsets of second bytes are odd.
    const start = this.contentBytes % 2 === 1 ? 0 : 1
    let count = 0
    for (let i = start; i < bytes.length; i += 2) {
      const a = i >= 1 ? bytes[i - 1]! : this.prev1
      if (a === firstByte && bytes[i] === secondByte) count++
    }
    return count
  }

  private remember(bytes: Uint8Array): void {
    const n = bytes.length
    if (n >= 2) [this.prev2, this.prev1] = [bytes[n - 2]!, bytes[n - 1]!]
    else if (n === 1) [this.prev2, this.prev1] = [this.prev1, bytes[0]!]
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}

function countFrom(text: string, char: string, from: number): number {
  let count = 0
  for (let i = from; i !== -1; i = text.indexOf(char, i + 1)) count++
  return count
}
