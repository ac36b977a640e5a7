/**
 * The fields of one text line and the float32 values in them. A line is taken as Latin-1 (one
 * character per byte) so field offsets are byte offsets too: numbers are ASCII, and the word's
 * bytes are decoded as UTF-8 separately. Fields are separated by runs of spaces and tabs, which
 * also absorbs the trailing space fastText writes after each vector and tab-separated files.
 */
import { VectorsFileError, fileLabel, quoteText } from './vectorsFileError'

export class LineFields {
  starts = new Int32Array(512)
  ends = new Int32Array(512)
  count = 0

  /** Splits `text`; returns the number of fields. */
  split(text: string): number {
    let n = 0
    let i = 0
    const length = text.length
    while (i < length) {
      let c = text.charCodeAt(i)
      while (c === 32 || c === 9) {
        if (++i === length) break
        c = text.charCodeAt(i)
      }
      if (i === length) break
      const start = i
      while (i < length && c !== 32 && c !== 9) c = text.charCodeAt(++i)
      if (n === this.starts.length) this.grow()
      this.starts[n] = start
      this.ends[n] = i
      n++
    }
    this.count = n
    return n
  }

  field(text: string, k: number): string {
    return text.slice(this.starts[k]!, this.ends[k]!)
  }

  private grow(): void {
    const starts = new Int32Array(this.starts.length * 2)
    const ends = new Int32Array(this.ends.length * 2)
    starts.set(this.starts)
    ends.set(this.ends)
    this.starts = starts
    this.ends = ends
  }
}

/**
 * The float32 nearest to the decimal `field` (through a double, as gensim and NumPy do), or NaN
 * when it is not a plain finite decimal number. Number() would also accept hexadecimal, binary
 * and octal literals, which no vector file holds, so those are refused here.
 */
export function parseFloat32(field: string): number {
  if (field.length > 1) {
    const c = field.charCodeAt(1) | 0x20
    if (c === 0x78 || c === 0x62 || c === 0x6f) return NaN
  }
  const x = Math.fround(Number(field))
  return Number.isFinite(x) ? x : NaN
}

const NOT_A_NUMBER = /^[+-]?(nan|inf|infinity)$/i

export interface Place {
  /** How the place reads in a sentence: 'line 7', 'vector 3'. */
  readonly text: string
  readonly line?: number
  readonly row?: number
}

/** Why `field` (refused by parseFloat32) cannot be a vector value, as the error to throw. */
export function valueError(path: string, field: string, place: Place, valueIndex: number): VectorsFileError {
  const where = `value ${valueIndex + 1} on ${place.text} of ${fileLabel(path)}`
  const options = { line: place.line, row: place.row }
  const double = Number(field)
  if (NOT_A_NUMBER.test(field) || (field.length > 0 && !Number.isNaN(double) && !/^[+-]?0[xbo]/i.test(field))) {
    const reason = NOT_A_NUMBER.test(field) ? 'is not a finite number' : 'is too large for a 32-bit float'
    return new VectorsFileError('notFinite', path, `The ${where} (${quoteText(field)}) ${reason}. Vectors with NaN or infinite values cannot be explored; check how the file was made.`, options)
  }
  return new VectorsFileError('malformedNumber', path, `The ${where} is ${quoteText(field)}, which is not a number.`, options)
}

/** The error for a value already in a float array (binary formats) that is NaN or infinite. */
export function nonFiniteValueError(path: string, value: number, place: Place, valueIndex: number): VectorsFileError {
  return new VectorsFileError('notFinite', path,
    `Value ${valueIndex + 1} of ${place.text} in ${fileLabel(path)} is ${String(value)}, not a finite number. Vectors with NaN or infinite values cannot be explored; check how the file was made.`,
    { line: place.line, row: place.row })
}
