import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { TokenizerOptionsSchema } from '../../../src-main/core/contract/settingsSchemas'
import { ENCODING_CHOICES, ENCODING_EXAMPLES, encodingLabel, encodingOf, unknownEncodingMessage } from '../../../src-main/core/corpus/index'
import { CorpusTextDecoder } from '../../../src-main/core/corpus/textDecoding'

describe('text encodings', () => {
  it('name each choice as the decoder does, and every example is a label a decoder knows', () => {
    for (const choice of ENCODING_CHOICES) expect(encodingOf(choice.encoding)).toBe(choice.encoding)
    for (const label of ENCODING_EXAMPLES) expect(encodingOf(label)).not.toBeNull()
    expect(new Set(ENCODING_CHOICES.map((c) => c.encoding)).size).toBe(ENCODING_CHOICES.length)
  })

  it('turn any WHATWG label into the decoder’s name; unknown labels and the “replacement” encoding into null', () => {
    expect(encodingOf('latin1')).toBe('windows-1252')
    expect(encodingOf(' ISO-8859-1 ')).toBe('windows-1252')
    expect(encodingOf('SJIS')).toBe('shift_jis')
    expect(encodingOf('cp1251')).toBe('windows-1251')
    expect(encodingOf('klingon')).toBeNull()
    expect(encodingOf('iso-2022-kr')).toBeNull()
    expect(encodingOf('')).toBeNull()
  })

  it('show an encoding as people write it', () => {
    expect(encodingLabel('shift_jis')).toBe('Shift_JIS')
    expect(encodingLabel('windows-1252')).toBe('Windows-1252 (Latin-1)')
    expect(encodingLabel('iso-8859-3')).toBe('ISO-8859-3')
    expect(unknownEncodingMessage('x')).toMatch(/^“x” is not the name of a text encoding\. Use a WHATWG encoding label, such as utf-8, windows-1252/)
  })

  it('pass the contract only as the decoder names them', () => {
    expect(v.safeParse(TokenizerOptionsSchema, { encoding: 'gbk' }).success).toBe(true)
    expect(v.safeParse(TokenizerOptionsSchema, {}).success).toBe(true)
    expect(v.safeParse(TokenizerOptionsSchema, { encoding: 'latin1' }).success).toBe(false)
    expect(v.safeParse(TokenizerOptionsSchema, { encoding: 'klingon' }).success).toBe(false)
  })
})

describe('CorpusTextDecoder in a named encoding', () => {
  const gbk = Uint8Array.from([0xc4, 0xe3, 0xba, 0xc3, 0x0a]) // 你好 and a line end

  it('decodes the bytes in it, a character split between pushes included', () => {
    const decoder = new CorpusTextDecoder('zh.txt', 'gbk')
    const text = [...gbk].map((b) => decoder.push(Uint8Array.of(b))).join('') + decoder.end()
    expect(text).toBe('你好\n')
    expect(decoder.report()).toMatchObject({ encoding: 'gbk', byteOrderMark: false, replacedSequences: 0 })
  })

  it('lets a byte-order mark win over the name, as browsers do', () => {
    const decoder = new CorpusTextDecoder('u.txt', 'shift_jis')
    expect(decoder.push(Uint8Array.from([0xef, 0xbb, 0xbf, 0xc3, 0xa9])) + decoder.end()).toBe('é')
    expect(decoder.report()).toMatchObject({ encoding: 'utf-8', byteOrderMark: true })
  })

  it('counts unreadable sequences, and does not call a wrong choice binary', () => {
    const decoder = new CorpusTextDecoder('x.txt', 'euc-kr')
    const noise = Uint8Array.from({ length: 70_000 }, (_, i) => (i % 3 === 2 ? 0x20 : 0xff))
    expect(() => decoder.push(noise) + decoder.end()).not.toThrow()
    expect(decoder.replacedSequences).toBeGreaterThan(20_000)
    // Read as UTF-8 unasked, the same bytes are binary.
    const guessed = new CorpusTextDecoder('x.txt')
    expect(() => guessed.push(noise) + guessed.end()).toThrow(/looks like a binary file/)
  })

  it('counts a literal U+FFFD in GB18030 (84 31 A4 37) as text, not as a replacement, even split between pushes', () => {
    const decoder = new CorpusTextDecoder('zh.txt', 'gb18030')
    const text = decoder.push(Uint8Array.from([0x61, 0x84, 0x31])) + decoder.push(Uint8Array.from([0xa4, 0x37, 0xff])) + decoder.end()
    expect(text).toBe('a\uFFFD\uFFFD')
    // 0xFF, which starts no character, is the one replacement.
    expect(decoder.replacedSequences).toBe(1)
  })
})
