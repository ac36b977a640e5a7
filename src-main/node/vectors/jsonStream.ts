/**
 * A streaming JSON reader over bytes: chunks go in, events come out (begin/end of objects and
 * arrays, keys, strings, bare tokens), so a JSON file of vectors is never one string in memory.
 * It checks the grammar as it goes and throws a VectorsFileError naming the line. Strings are
 * handed over as raw bytes (escapes untouched) so the caller decodes words with its own UTF-8
 * policy. Bare tokens are numbers and literals; NaN and Infinity, which Python's json module
 * writes, pass as bare tokens so the caller can say what is wrong with them.
 */
import { VectorsFileError, fileLabel, quoteText } from './vectorsFileError'

export interface JsonHandler {
  beginObject(line: number): void
  endObject(line: number): void
  beginArray(line: number): void
  endArray(line: number): void
  key(bytes: Buffer, start: number, end: number, escaped: boolean, line: number): void
  string(bytes: Buffer, start: number, end: number, escaped: boolean, line: number): void
  bare(text: string, line: number): void
}

type Expect = 'value' | 'valueOrEnd' | 'keyOrEnd' | 'key' | 'colon' | 'commaOrEnd' | 'done'

const OBJECT = 0
const ARRAY = 1

function isBare(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x2b || c === 0x2d || c === 0x2e
}

export class JsonStream {
  private mode: 'between' | 'string' | 'bare' = 'between'
  private expect: Expect = 'value'
  private readonly stack: number[] = []
  private line = 1
  /** A string or bare token that continues into the next chunk. */
  private pending: Buffer[] = []
  private escaped = false
  private afterBackslash = false

  constructor(private readonly path: string, private readonly handler: JsonHandler) {}

  /** Whether any JSON has been seen (a file of only blank space has none). */
  get started(): boolean {
    return this.expect !== 'value' || this.mode !== 'between'
  }

  push(chunk: Buffer): void {
    let i = 0
    const length = chunk.length
    while (i < length) {
      if (this.mode === 'string') {
        let j = i
        for (; j < length; j++) {
          const c = chunk[j]!
          if (this.afterBackslash) this.afterBackslash = false
          else if (c === 0x5c) this.afterBackslash = this.escaped = true
          else if (c === 0x22) break
          else if (c < 0x20) this.fail(c === 0x0a ? 'a line break inside a string' : 'a control character inside a string')
        }
        if (j === length) {
          this.pending.push(Buffer.from(chunk.subarray(i)))
          return
        }
        this.mode = 'between'
        this.emitString(this.joined(chunk, i, j))
        i = j + 1
      } else if (this.mode === 'bare') {
        let j = i
        while (j < length && isBare(chunk[j]!)) j++
        if (j === length) {
          this.pending.push(Buffer.from(chunk.subarray(i)))
          return
        }
        this.mode = 'between'
        this.emitBare(this.joined(chunk, i, j))
        i = j
      } else {
        const c = chunk[i]!
        if (c === 0x0a) this.line++
        else if (c === 0x22) {
          this.mode = 'string'
          this.escaped = false
        } else if (isBare(c)) {
          this.mode = 'bare'
          continue
        } else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) this.structural(c)
        i++
      }
    }
  }

  end(): void {
    if (this.mode === 'string') this.fail('the file ends inside a string', 'truncated')
    if (this.mode === 'bare') {
      this.mode = 'between'
      this.emitBare(this.joined(Buffer.alloc(0), 0, 0))
    }
    if (this.expect !== 'done') this.fail('the file ends before the JSON is complete', 'truncated')
  }

  private joined(chunk: Buffer, start: number, end: number): [Buffer, number, number] {
    if (this.pending.length === 0) return [chunk, start, end]
    const bytes = Buffer.concat([...this.pending, chunk.subarray(start, end)])
    this.pending = []
    return [bytes, 0, bytes.length]
  }

  private emitString([bytes, start, end]: [Buffer, number, number]): void {
    if (this.expect === 'keyOrEnd' || this.expect === 'key') {
      this.expect = 'colon'
      this.handler.key(bytes, start, end, this.escaped, this.line)
      return
    }
    this.value('string')
    this.handler.string(bytes, start, end, this.escaped, this.line)
  }

  private emitBare([bytes, start, end]: [Buffer, number, number]): void {
    const text = bytes.toString('latin1', start, end)
    this.value(quoteText(text))
    this.handler.bare(text, this.line)
  }

  /** A value arrives: check that one may, and move on as after a value. */
  private value(what: string): void {
    if (this.expect !== 'value' && this.expect !== 'valueOrEnd') this.fail(what)
    this.afterValue()
  }

  private afterValue(): void {
    this.expect = this.stack.length === 0 ? 'done' : 'commaOrEnd'
  }

  private structural(c: number): void {
    const top = this.stack.at(-1)
    switch (c) {
      case 0x7b: // {
        if (this.expect !== 'value' && this.expect !== 'valueOrEnd') this.fail('“{”')
        this.stack.push(OBJECT)
        this.expect = 'keyOrEnd'
        this.handler.beginObject(this.line)
        return
      case 0x5b: // [
        if (this.expect !== 'value' && this.expect !== 'valueOrEnd') this.fail('“[”')
        this.stack.push(ARRAY)
        this.expect = 'valueOrEnd'
        this.handler.beginArray(this.line)
        return
      case 0x7d: // }
        if (top !== OBJECT || (this.expect !== 'keyOrEnd' && this.expect !== 'commaOrEnd')) this.fail('“}”')
        this.stack.pop()
        this.afterValue()
        this.handler.endObject(this.line)
        return
      case 0x5d: // ]
        if (top !== ARRAY || (this.expect !== 'valueOrEnd' && this.expect !== 'commaOrEnd')) this.fail('“]”')
        this.stack.pop()
        this.afterValue()
        this.handler.endArray(this.line)
        return
      case 0x3a: // :
        if (this.expect !== 'colon') this.fail('“:”')
        this.expect = 'value'
        return
      case 0x2c: // ,
        if (this.expect !== 'commaOrEnd') this.fail('“,”')
        this.expect = top === OBJECT ? 'key' : 'value'
        return
      default:
        this.fail(quoteText(String.fromCharCode(c)))
    }
  }

  private fail(what: string, kind: 'malformed' | 'truncated' = 'malformed'): never {
    const detail = kind === 'truncated' || what.startsWith('a line') || what.startsWith('a control') ? what : `unexpected ${what}`
    throw new VectorsFileError(kind, this.path, `${fileLabel(this.path)} is not valid JSON: ${detail} on line ${this.line}.`, { line: this.line })
  }
}
