/**
 * Words arrive as UTF-8 bytes. Invalid bytes are either replaced by U+FFFD and counted
 * ('replace', gensim's `unicode_errors='replace'`), or the first invalid word stops the load
 * ('strict'). Node's own decoder is fast but never fails, so the strict decoder only runs on the
 * rare word whose quick decoding holds a U+FFFD (which may also be a literal U+FFFD in the file).
 */
import { VectorsFileError, fileLabel, quoteText } from './vectorsFileError'

export type EncodingErrors = 'replace' | 'strict'

/**
 * How a reader names a place in its file: text formats by line, the others by vector; the
 * two-file formats take their words from a second file, named by its own lines.
 */
export type PlaceUnit = 'line' | 'vector' | 'word' | 'metadata line' | 'vocabulary line'

export function describePlace(unit: PlaceUnit, position: number): string {
  return `${unit} ${position}`
}

const REPLACEMENT = '\uFFFD'

export class WordDecoder {
  private readonly strictDecoder = new TextDecoder('utf-8', { fatal: true })
  private replaced = 0
  private first: { position: number; word: string } | null = null

  constructor(private readonly path: string, private readonly policy: EncodingErrors, private readonly unit: PlaceUnit) {}

  /** The word in bytes[start, end). */
  decode(bytes: Buffer, start: number, end: number, position: number): string {
    const word = bytes.toString('utf8', start, end)
    if (!word.includes(REPLACEMENT) || this.isValid(bytes.subarray(start, end))) return word
    if (this.policy === 'strict') {
      const hex = [...bytes.subarray(start, Math.min(end, start + 16))].map((b) => b.toString(16).padStart(2, '0')).join(' ')
      throw new VectorsFileError('invalidEncoding', this.path,
        `The word on ${describePlace(this.unit, position)} of ${fileLabel(this.path)} is not valid UTF-8 (bytes ${hex}${end - start > 16 ? ' …' : ''}). Load it with invalid bytes replaced, or save the file as UTF-8.`,
        this.unit === 'vector' || this.unit === 'word' ? { row: position } : { line: position })
    }
    this.replaced++
    this.first ??= { position, word }
    return word
  }

  /** A word decoded elsewhere (JSON) whose bytes were invalid. */
  noteReplaced(position: number, word: string): void {
    this.replaced++
    this.first ??= { position, word }
  }

  warning(): string | null {
    if (this.first === null) return null
    const n = this.replaced
    return `${n} word${n === 1 ? ' was' : 's were'} not valid UTF-8; the invalid bytes were replaced with U+FFFD (first at ${describePlace(this.unit, this.first.position)}: ${quoteText(this.first.word)}).`
  }

  private isValid(bytes: Uint8Array): boolean {
    try {
      this.strictDecoder.decode(bytes)
      return true
    } catch {
      return false
    }
  }
}
