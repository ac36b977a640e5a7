import { UNNAMED_SOURCE, binaryFileError } from './corpusErrors'

/**
 * Bytes → text for corpus files that arrive in chunks. The encoding comes from the byte-order
 * mark (UTF-8, UTF-16 LE, UTF-16 BE) and the mark is dropped. Without a mark the file is UTF-8,
 * unless its first ENCODING_SNIFF_BYTES are UTF-16 text (see utf16WithoutMark): iconv and
 * Python write UTF-16 without a mark, and calling that "binary" would send a user the wrong
 * way. Those first bytes are held back until they have all come. Decoding is the WHATWG
 * decoder in streaming mode, so a character split across chunks comes out whole, and an invalid
 * sequence becomes U+FFFD (one per maximal invalid subpart, as every browser does).
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
 *
 * A file in a legacy encoding (Windows-1252, GBK, Shift_JIS…) is read in it when the encoding is
 * named: by the user, or by the node layer, which detects it from a sample of the file's bytes
 * (node/encodingDetection.ts; core cannot hold the detector). A named encoding applies to files
 * without a byte-order mark: a mark still wins, as it does in browsers. The binary check on
 * replacements is then off (a wrong choice of encoding is not a binary file: its replacements
 * are counted for the user to see), while the NUL check stays.
 *
 * Text in a single-byte legacy encoding (Latin-1, Windows-1252) read as UTF-8 (nothing named it)
 * is kept but should be named as such. Read as UTF-8 it has more replacements than valid non-ASCII characters (a UTF-8 file
 * with a damaged character has many valid ones), and its bytes ≥ 0x80 come in runs of one or
 * two between ASCII bytes (an accented letter, "ßi" in "mäßig", a curly quote), where a two-byte
 * encoding such as Shift-JIS or GBK makes longer runs of its words. So once a replacement
 * appears, every later push is scanned for both, and `likelySingleByte` holds when replacements
 * outnumber valid non-ASCII characters and fewer than 1 in 10 runs are longer than two bytes.
 */

/** The decoder's name for an encoding (textEncodings.ts): 'utf-8', 'utf-16le', 'shift_jis', 'windows-1252'… */
export type CorpusEncoding = string

/** How a file's bytes were read, for the notices a user sees. */
export interface DecodingReport {
  /** The file's name (or UNNAMED_SOURCE). */
  readonly source: string
  readonly encoding: CorpusEncoding
  /** The encoding came from a byte-order mark (else from the bytes themselves). */
  readonly byteOrderMark: boolean
  /** Invalid byte sequences replaced by U+FFFD. */
  readonly replacedSequences: number
  /** The replacements look like a single-byte encoding (Latin-1, Windows-1252) read as UTF-8. */
  readonly likelySingleByte: boolean
}

export const BINARY_SNIFF_BYTES = 64 * 1024
export const BINARY_REPLACED_SHARE = 0.25
export const BINARY_MIN_REPLACED = 16
/** Bytes held back to tell UTF-16 without a byte-order mark from UTF-8: 8,192 code units. */
export const ENCODING_SNIFF_BYTES = 16 * 1024

const REPLACEMENT = '\uFFFD'

export class CorpusTextDecoder {
  private decoder: TextDecoder | null = null
  /** Bytes held back until there are enough (ENCODING_SNIFF_BYTES) to tell the encoding. */
  private head: Uint8Array | null = null
  private detected: CorpusEncoding = 'utf-8'
  private marked = false
  private replaced = 0
  /** Set at the first replacement in UTF-8: from then on pushes are scanned for the single-byte signature. */
  private scanning = false
  /** Bytes ≥ 0x80 in the run still open at the end of the last scanned push. */
  private highRun = 0
  /** Ended runs of bytes ≥ 0x80 in scanned pushes: of one or two bytes, and longer. */
  private shortRuns = 0
  private longRuns = 0
  /** Valid non-ASCII characters decoded in scanned pushes. */
  private validNonAscii = 0
  /** Bytes after the byte-order mark pushed so far. */
  private contentBytes = 0
  private shareChecked = false
  /** The last three content bytes of earlier pushes (-1 when none), for literals split across pushes. */
  private prev1 = -1
  private prev2 = -1
  private prev3 = -1
  private ended = false

  /**
   * `source` names the file in error messages; `named`, the decoder's name for the encoding of a
   * file without a byte-order mark (undefined: UTF-16 when the first bytes are laid out so, else UTF-8).
   */
  constructor(private readonly source: string = UNNAMED_SOURCE, private readonly named?: CorpusEncoding) {}

  /** The encoding read from the byte-order mark, named, or told from the first bytes; 'utf-8' until they arrive. */
  get encoding(): CorpusEncoding {
    return this.detected
  }

  /** Invalid sequences replaced by U+FFFD so far. */
  get replacedSequences(): number {
    return this.replaced
  }

  /** More replacements than valid non-ASCII characters, in short runs of high bytes: Latin-1 or Windows-1252, most likely. */
  get likelySingleByte(): boolean {
    return this.replaced > this.validNonAscii && 10 * this.longRuns < this.shortRuns + this.longRuns
  }

  report(): DecodingReport {
    return {
      source: this.source, encoding: this.detected, byteOrderMark: this.marked, replacedSequences: this.replaced,
      likelySingleByte: this.likelySingleByte,
    }
  }

  /** Decodes the next chunk; bytes of an unfinished character are kept for the next push. */
  push(bytes: Uint8Array): string {
    if (this.ended) throw new Error('CorpusTextDecoder.push after end().')
    if (this.decoder === null) {
      const head = this.head === null ? bytes.slice() : concat(this.head, bytes)
      if (head.length < ENCODING_SNIFF_BYTES) {
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

  /** Tells the encoding, creates the decoder and returns the bytes after any mark. */
  private start(head: Uint8Array): Uint8Array {
    let skip = 0
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) skip = 3
    else if (head[0] === 0xff && head[1] === 0xfe) [this.detected, skip] = ['utf-16le', 2]
    else if (head[0] === 0xfe && head[1] === 0xff) [this.detected, skip] = ['utf-16be', 2]
    else this.detected = this.named ?? utf16WithoutMark(head.subarray(0, ENCODING_SNIFF_BYTES)) ?? 'utf-8'
    this.marked = skip > 0
    // The mark is already gone, so a later U+FEFF is content and must not be eaten as a mark.
    this.decoder = new TextDecoder(this.detected, { ignoreBOM: true })
    return head.subarray(skip)
  }

  private decodeContent(bytes: Uint8Array, stream: boolean): string {
    const text = this.decoder!.decode(bytes, { stream })
    if (text.includes('\0')) throw binaryFileError(this.source, 'nul')
    let literals = 0
    const first = text.indexOf(REPLACEMENT)
    if (first !== -1) literals = this.literals(bytes)
    this.replaced += first === -1 ? 0 : countFrom(text, REPLACEMENT, first) - literals
    if (first !== -1 && this.detected === 'utf-8' && !this.scanning) {
      this.scanning = true
      // The run open before this push, as far as the two bytes remembered show: one run
      // misjudged in a file does not tip the rule.
      this.highRun = this.prev1 >= 0x80 ? (this.prev2 >= 0x80 ? 2 : 1) : 0
    }
    if (this.scanning) {
      this.countHighRuns(bytes, !stream)
      this.validNonAscii += countValidNonAscii(text)
    }
    this.remember(bytes)
    this.contentBytes += bytes.length
    if (!this.shareChecked && (this.contentBytes >= BINARY_SNIFF_BYTES || !stream)) {
      this.shareChecked = true
      const share = this.replaced > BINARY_REPLACED_SHARE * this.contentBytes
      if (share && this.replaced >= BINARY_MIN_REPLACED && this.named === undefined) throw binaryFileError(this.source, 'undecodable')
    }
    return text
  }

  /** Literal U+FFFD characters whose last byte is in `bytes`. */
  private literals(bytes: Uint8Array): number {
    if (this.detected === 'utf-8') return this.utf8Literals(bytes)
    if (this.detected === 'utf-16le' || this.detected === 'utf-16be') return this.utf16Literals(bytes)
    // Only GB18030 (and GBK, read by the same decoder) can write U+FFFD: as the four bytes 84 31 A4 37.
    return this.detected === 'gb18030' || this.detected === 'gbk' ? this.gb18030Literals(bytes) : 0
  }

  /**
   * 84 31 A4 37 sequences whose last byte is in `bytes` (U+FFFD in GB18030). Not checked for
   * alignment: a false match needs a trail byte 0x84, then "1", then a broken sequence.
   */
  private gb18030Literals(bytes: Uint8Array): number {
    let count = 0
    for (let i = bytes.indexOf(0x37); i !== -1; i = bytes.indexOf(0x37, i + 1)) {
      const before = (k: number): number => (i - k >= 0 ? bytes[i - k]! : k - i === 1 ? this.prev1 : k - i === 2 ? this.prev2 : this.prev3)
      if (before(1) === 0xa4 && before(2) === 0x31 && before(3) === 0x84) count++
    }
    return count
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

  /** Ends the runs of high bytes that an ASCII byte (or, when `final`, the file's end) closes. */
  private countHighRuns(bytes: Uint8Array, final: boolean): void {
    let run = this.highRun
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i]! >= 0x80) run++
      else if (run > 0) {
        this.endRun(run)
        run = 0
      }
    }
    if (final && run > 0) {
      this.endRun(run)
      run = 0
    }
    this.highRun = run
  }

  private endRun(length: number): void {
    if (length <= 2) this.shortRuns++
    else this.longRuns++
  }

  private remember(bytes: Uint8Array): void {
    const n = bytes.length
    if (n >= 3) [this.prev3, this.prev2, this.prev1] = [bytes[n - 3]!, bytes[n - 2]!, bytes[n - 1]!]
    else if (n === 2) [this.prev3, this.prev2, this.prev1] = [this.prev1, bytes[0]!, bytes[1]!]
    else if (n === 1) [this.prev3, this.prev2, this.prev1] = [this.prev2, this.prev1, bytes[0]!]
  }
}

/**
 * 'utf-16le' or 'utf-16be' when `sample` (the first bytes of a file without a byte-order mark)
 * is UTF-16 text, else null. UTF-16 gives every character below U+0100 (spaces, line ends,
 * digits, Latin letters) a zero byte on the same side, so:
 * - zero bytes fall mostly on one side of the 16-bit units (odd offsets: little-endian), in at
 *   least 1 in 100 units (even Chinese text has line ends and digits);
 * - read that way, the sample is text: no lone surrogate, no U+0000, and under 1 in 100
 *   characters that text does not use (controls other than whitespace, private use, unassigned);
 * - fewer than half of the units without a zero byte are two ASCII bytes, which is what a UTF-8
 *   or ASCII file with stray NUL bytes would give.
 * Random and compressed bytes fail all three. A file whose first bytes pass and whose later ones
 * are binary still ends as 'binary' when its NUL units or replacements show up.
 */
export function utf16WithoutMark(sample: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const units = sample.length >> 1
  if (units === 0) return null
  let zeroHigh = 0 // little-endian characters below U+0100
  let zeroLow = 0 // big-endian ones
  let asciiPairs = 0
  for (let i = 0; i + 1 < sample.length; i += 2) {
    const a = sample[i]!
    const b = sample[i + 1]!
    if (a === 0 && b === 0) return null
    if (b === 0) zeroHigh++
    else if (a === 0) zeroLow++
    else if (isAsciiTextByte(a) && isAsciiTextByte(b)) asciiPairs++
  }
  if (zeroHigh === zeroLow) return null
  const encoding = zeroHigh > zeroLow ? 'utf-16le' : 'utf-16be'
  const others = units - zeroHigh - zeroLow
  if (100 * Math.max(zeroHigh, zeroLow) < units || (others > 0 && 2 * asciiPairs >= others)) return null
  let text: string
  try {
    // A high surrogate last may be half of a pair the sample cut (or one the file lacks, which
    // decoding counts as a replacement): either way it says nothing against UTF-16.
    let end = units * 2
    const last = encoding === 'utf-16le' ? sample[end - 1]! : sample[end - 2]!
    if (last >= 0xd8 && last <= 0xdb) end -= 2
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(sample.subarray(0, end))
  } catch {
    return null
  }
  if (text.includes('\0')) return null
  const notText = text.match(NOT_TEXT)?.length ?? 0
  return 100 * notText < text.length ? encoding : null
}

const NOT_TEXT = /(?![\t\n\v\f\r])[\p{Cc}\p{Co}\p{Cn}]/gu

function isAsciiTextByte(b: number): boolean {
  return (b >= 0x20 && b <= 0x7e) || (b >= 0x09 && b <= 0x0d)
}

/** Characters from U+0080 on, U+FFFD aside; a surrogate pair counts once. */
function countValidNonAscii(text: string): number {
  let count = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0x80 && c !== 0xfffd && (c < 0xdc00 || c > 0xdfff)) count++
  }
  return count
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
