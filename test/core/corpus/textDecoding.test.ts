import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Random } from '../../../src-main/core/random'
import { CorpusError, CorpusTextDecoder, ENCODING_SNIFF_BYTES, utf16WithoutMark } from '../../../src-main/core/corpus/index'

const utf8 = (text: string) => new TextEncoder().encode(text)
const bytes = (...values: number[]) => Uint8Array.from(values)
const cat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => Array.from(p)))

function utf16(text: string, endian: 'le' | 'be'): Uint8Array {
  const b = Buffer.from(text, 'utf16le')
  if (endian === 'be') b.swap16()
  return new Uint8Array(b)
}

/** Decodes `input` pushed in pieces cut at `cuts` (sorted offsets). */
function decode(input: Uint8Array, cuts: readonly number[] = [], source?: string) {
  const decoder = new CorpusTextDecoder(source)
  let text = ''
  let from = 0
  for (const cut of [...cuts, input.length]) {
    text += decoder.push(input.subarray(from, cut))
    from = cut
  }
  text += decoder.end()
  return { text, encoding: decoder.encoding, replaced: decoder.replacedSequences, report: decoder.report() }
}

const pick = ({ text, encoding, replaced }: ReturnType<typeof decode>) => ({ text, encoding, replaced })

const everyByte = (input: Uint8Array) => Array.from({ length: input.length }, (_, i) => i)

/** Replacement characters the WHATWG UTF-8 decoder emits (one per maximal invalid subpart), written from the standard. */
function whatwgReplacements(input: Uint8Array): number {
  let count = 0
  let needed = 0
  let seen = 0
  let lower = 0x80
  let upper = 0xbf
  for (let i = 0; i < input.length;) {
    const b = input[i]!
    if (needed === 0) {
      if (b >= 0xc2 && b <= 0xdf) needed = 1
      else if (b >= 0xe0 && b <= 0xef) [needed, lower, upper] = [2, b === 0xe0 ? 0xa0 : 0x80, b === 0xed ? 0x9f : 0xbf]
      else if (b >= 0xf0 && b <= 0xf4) [needed, lower, upper] = [3, b === 0xf0 ? 0x90 : 0x80, b === 0xf4 ? 0x8f : 0xbf]
      else if (b > 0x7f) count++
      i++
      continue
    }
    if (b < lower || b > upper) {
      ;[needed, seen, lower, upper] = [0, 0, 0x80, 0xbf]
      count++
      continue // the byte starts over
    }
    ;[lower, upper] = [0x80, 0xbf]
    i++
    if (++seen === needed) [needed, seen] = [0, 0]
  }
  return needed === 0 ? count : count + 1
}

const SAMPLE = 'Größe café — Привет, Ελλάδα! 我喜欢 😀 नमस्ते'
const PADDING = utf8('x'.repeat(400))

describe('CorpusTextDecoder', () => {
  it('reads UTF-8 without a byte-order mark', () => {
    expect(pick(decode(utf8(SAMPLE)))).toEqual({ text: SAMPLE, encoding: 'utf-8', replaced: 0 })
  })

  it('drops a UTF-8 byte-order mark, but keeps a later U+FEFF', () => {
    expect(pick(decode(cat(bytes(0xef, 0xbb, 0xbf), utf8(SAMPLE))))).toEqual({ text: SAMPLE, encoding: 'utf-8', replaced: 0 })
    expect(decode(cat(bytes(0xef, 0xbb, 0xbf), utf8('\uFEFFa'))).text).toBe('\uFEFFa')
  })

  it('reads UTF-16 LE and BE from their byte-order marks', () => {
    expect(pick(decode(cat(bytes(0xff, 0xfe), utf16(SAMPLE, 'le'))))).toEqual({ text: SAMPLE, encoding: 'utf-16le', replaced: 0 })
    expect(pick(decode(cat(bytes(0xfe, 0xff), utf16(SAMPLE, 'be'))))).toEqual({ text: SAMPLE, encoding: 'utf-16be', replaced: 0 })
  })

  it('decodes characters and byte-order marks split across pushes, one byte at a time', () => {
    for (const input of [utf8(SAMPLE), cat(bytes(0xef, 0xbb, 0xbf), utf8(SAMPLE)), cat(bytes(0xff, 0xfe), utf16(SAMPLE, 'le')), cat(bytes(0xfe, 0xff), utf16(SAMPLE, 'be'))]) {
      const whole = decode(input)
      expect(decode(input, everyByte(input))).toEqual(whole)
    }
    // The euro sign's three bytes arrive in three pushes.
    const euro = utf8('a€b')
    expect(decode(euro, [2, 3]).text).toBe('a€b')
  })

  it('handles inputs shorter than a byte-order mark', () => {
    expect(pick(decode(bytes()))).toEqual({ text: '', encoding: 'utf-8', replaced: 0 })
    expect(pick(decode(utf8('a')))).toEqual({ text: 'a', encoding: 'utf-8', replaced: 0 })
    expect(pick(decode(bytes(0xff, 0xfe)))).toEqual({ text: '', encoding: 'utf-16le', replaced: 0 })
  })

  it('replaces and counts invalid UTF-8: C3 28 is one replacement', () => {
    expect(decode(cat(PADDING, bytes(0xc3, 0x28)))).toMatchObject({ text: 'x'.repeat(400) + '\uFFFD(', replaced: 1 })
    // A truncated sequence at the very end, and an impossible byte.
    expect(decode(cat(PADDING, bytes(0x61, 0xe2, 0x82)))).toMatchObject({ replaced: 1 })
    expect(decode(cat(PADDING, bytes(0xff, 0x61, 0xc0, 0xaf)))).toMatchObject({ replaced: 3 })
  })

  it('does not count a literal U+FFFD in valid input, even beside invalid bytes or split across pushes', () => {
    const literal = cat(PADDING, utf8('a\uFFFDb'))
    expect(decode(literal)).toMatchObject({ text: 'x'.repeat(400) + 'a\uFFFDb', replaced: 0 })
    expect(decode(literal, everyByte(literal))).toMatchObject({ replaced: 0 })
    // E0 needs a continuation byte; EF BF BD that follows is a literal U+FFFD.
    const mixed = cat(PADDING, bytes(0xe0, 0xef, 0xbf, 0xbd, 0xc3, 0x28))
    expect(decode(mixed).text.endsWith('\uFFFD\uFFFD\uFFFD(')).toBe(true)
    expect(decode(mixed).replaced).toBe(2)
    expect(decode(mixed, everyByte(mixed)).replaced).toBe(2)
  })

  it('counts lone surrogates and a dangling byte in UTF-16, not a literal U+FFFD', () => {
    const le = (...units: number[]) => cat(bytes(0xff, 0xfe), ...units.map((u) => bytes(u & 0xff, u >> 8)), utf16('x'.repeat(200), 'le'))
    expect(decode(le(0xd800, 0x61))).toMatchObject({ replaced: 1 })
    expect(decode(le(0xfffd, 0x61))).toMatchObject({ replaced: 0 })
    const be = cat(bytes(0xfe, 0xff), utf16('x'.repeat(200), 'be'), bytes(0xff, 0xfd, 0xdc, 0x00, 0x00))
    const split = decode(be, everyByte(be))
    expect(split).toMatchObject({ encoding: 'utf-16be', replaced: 2 }) // lone low surrogate, odd last byte
    expect(decode(be)).toEqual(split)
  })

  it('counts exactly what the WHATWG decoder replaces, however the bytes are split', () => {
    const codePoint = fc.oneof(fc.integer({ min: 1, max: 0xd7ff }), fc.integer({ min: 0xe000, max: 0x10ffff }))
    const chunk = fc.oneof(
      fc.array(codePoint, { maxLength: 6 }).map((cps) => utf8(String.fromCodePoint(...cps))),
      fc.constant(bytes(0xef, 0xbf, 0xbd)),
      fc.uint8Array({ min: 0x80, max: 0xff, maxLength: 3 }),
    )
    const input = fc.array(chunk, { maxLength: 30 }).map((parts) => cat(PADDING, ...parts).map((b) => (b === 0 ? 0x20 : b)))
    fc.assert(
      fc.property(input, fc.array(fc.nat(), { maxLength: 8 }), (data, rawCuts) => {
        const cuts = [...new Set(rawCuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b)
        const result = decode(data, cuts)
        expect(result.replaced).toBe(whatwgReplacements(data))
        expect(result.text).toBe(new TextDecoder().decode(data))
      }),
      { numRuns: 300 },
    )
  })

  it('rejects NUL bytes as binary, naming the file', () => {
    const run = () => decode(utf8('hello\0world'), [], 'notes.pdf')
    expect(run).toThrow(CorpusError)
    expect(run).toThrow('“notes.pdf” looks like a binary file, not text (it contains NUL bytes). Choose a plain-text file (.txt).')
    try {
      run()
    } catch (error) {
      expect((error as CorpusError).kind).toBe('binary')
    }
  })

  it('rejects random bytes as binary even without NUL bytes, but keeps UTF-16 text full of zero bytes', () => {
    const rng = new Random(5)
    const noise = Uint8Array.from({ length: 100_000 }, () => 1 + rng.nextInt(255))
    expect(() => decode(noise, [4096, 70_000], 'image.png')).toThrow(/“image\.png” looks like a binary file.*not valid UTF-8/)
    const english = cat(bytes(0xff, 0xfe), utf16('plain words '.repeat(10_000), 'le'))
    expect(decode(english, [1001]).replaced).toBe(0)
  })

  it('keeps Latin-1 text: a few replaced accents are counted, not taken for binary', () => {
    const french = new Uint8Array(Buffer.from('Le café était très animé ce soir-là. '.repeat(2000), 'latin1'))
    const result = decode(french, [65_536])
    expect(result.replaced).toBe(5 * 2000)
    expect(result.text).toContain('caf\uFFFD')
  })

  it('reads UTF-16 without a byte-order mark from its zero bytes, in either order, however the bytes are split', () => {
    const texts = ['plain English words\nline two\n'.repeat(50), SAMPLE + '\n' + 'Привет, как дела? '.repeat(40), '我喜欢学习中文。\n今天天气很好。\n'.repeat(60)]
    for (const text of texts) {
      for (const endian of ['le', 'be'] as const) {
        const input = utf16(text, endian)
        const whole = decode(input)
        expect(pick(whole)).toEqual({ text, encoding: `utf-16${endian}`, replaced: 0 })
        expect(whole.report).toMatchObject({ byteOrderMark: false, likelySingleByte: false })
        expect(decode(input, everyByte(input))).toEqual(whole)
      }
    }
    // Longer than the sample, with a surrogate pair cut by the sample's end.
    const long = 'x'.repeat(ENCODING_SNIFF_BYTES / 2 - 1) + '😀 and more text\n'.repeat(1000)
    expect(pick(decode(utf16(long, 'le'), [100_000]))).toEqual({ text: long, encoding: 'utf-16le', replaced: 0 })
    expect(decode(cat(bytes(0xff, 0xfe), utf16('a', 'le'))).report.byteOrderMark).toBe(true)
  })

  it('still calls binary files binary: random bytes, a PNG, 16-bit numbers, bytes in a pattern, UTF-8 with stray NULs', () => {
    const rng = new Random(11)
    const noise = Uint8Array.from({ length: 50_000 }, () => rng.nextInt(256))
    const png = cat(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52), noise.subarray(0, 5000))
    const shorts = new Uint8Array(new Uint16Array(Array.from({ length: 20_000 }, () => rng.nextInt(200))).buffer)
    const pattern = Uint8Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)
    // Zero bytes at odd offsets only, and an even length: ASCII pairs around them give it away.
    const strayNul = utf8('hello\0worlds and some more words here\n')
    for (const [name, input] of [['noise.bin', noise], ['image.png', png], ['samples.raw', shorts], ['weights.dat', pattern], ['notes.txt', strayNul]] as const) {
      expect(() => decode(input, [], name)).toThrow(new RegExp(`“${name.replace('.', '\\.')}” looks like a binary file`))
    }
    expect(utf16WithoutMark(noise.subarray(0, ENCODING_SNIFF_BYTES))).toBeNull()
    expect(utf16WithoutMark(strayNul)).toBeNull()
    // A UTF-16 file cut after an odd byte is still UTF-16, its last byte one replacement.
    expect(pick(decode(utf16('words cut short', 'le').subarray(0, 29)))).toEqual({ text: 'words cut shor\uFFFD', encoding: 'utf-16le', replaced: 1 })
  })

  it('names Latin-1 and Windows-1252 text read as UTF-8 as likely single-byte, wherever the pushes cut it', () => {
    const latin1 = new Uint8Array(Buffer.from('Le garçon a un sentiment de déjà vu.\n'.repeat(30), 'latin1'))
    // Windows-1252: “ ” – are 0x93 0x94 0x96.
    const cp1252 = cat(...Array.from({ length: 30 }, () => cat(utf8('He said '), bytes(0x93), utf8('hello'), bytes(0x94), utf8(' '), bytes(0x96), utf8(' twice.\n'))))
    for (const input of [latin1, cp1252]) {
      const whole = decode(input)
      expect(whole.report).toMatchObject({ encoding: 'utf-8', likelySingleByte: true, replacedSequences: 90 })
      expect(decode(input, everyByte(input)).report).toEqual(whole.report)
      expect(decode(input, [1, 50, 51, 52, 700]).report).toEqual(whole.report)
    }
    // Accented letters side by side (ßi in "mäßig", çã in "informação"), and one last in the file.
    for (const text of ['Die Größe der Straße ist übermäßig schön.\n', 'A informação não está disponível.\n', 'caf\u00e9']) {
      const input = new Uint8Array(Buffer.from(text.repeat(20), 'latin1'))
      expect(decode(input).report.likelySingleByte).toBe(true)
      expect(decode(input, everyByte(input)).report).toEqual(decode(input).report)
    }
  })

  it('does not blame a single-byte encoding for damaged UTF-8 or for a two-byte encoding', () => {
    // Valid accents everywhere and one truncated é: a damaged UTF-8 file.
    const damaged = cat(utf8('Le garçon a un sentiment de déjà vu.\n'.repeat(30)), utf8('caf'), bytes(0xc3), utf8(' noir\n'))
    expect(decode(damaged).report).toMatchObject({ replacedSequences: 1, likelySingleByte: false })
    // Shift-JIS: two bytes a character, in runs.
    const shiftJis = cat(...Array.from({ length: 40 }, () => cat(utf8('line 42 of the catalogue: '), bytes(0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea), utf8(' (Japanese)\n'))))
    const report = decode(shiftJis).report
    expect(report.replacedSequences).toBeGreaterThan(0)
    expect(report.likelySingleByte).toBe(false)
    expect(decode(utf8(SAMPLE)).report.likelySingleByte).toBe(false)
  })
})
