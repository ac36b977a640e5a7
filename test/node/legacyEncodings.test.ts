/**
 * Corpora in legacy encodings, written by Python's codecs from texts of our own (legacyTexts.ts):
 * the detector names each encoding (or a superset that reads the same bytes alike), decoding gives
 * exactly the tokens of the original text whatever the chunk size, parallel preparation gives the
 * serial corpus, and a named encoding is used as named.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rawCorpusFromText } from '../../src-main/core/corpus/index'
import { readCorpusFile, readCorpusFiles } from '../../src-main/node/corpusFile'
import { SAMPLE_SLICES, SLICE_BYTES, detectEncoding } from '../../src-main/node/encodingDetection'
import { loadCorpus } from '../../src-main/node/session/loadedCorpus'
import { writeLegacyFiles } from '../support/legacyFiles'
import { JAPANESE, LEGACY_CASES, RUSSIAN, WESTERN } from '../support/legacyTexts'
import { pythonCanImport } from '../support/python'
import { plainRaw as plain } from '../support/rawTokens'

// Python's codecs write the files; without Debian's Python the tests skip and say so.
const HAS_PYTHON = pythonCanImport('codecs', 'the legacy-encoding corpus tests')

let dir = ''
let paths = new Map<string, string>()
const path = (name: string) => paths.get(name)!

beforeAll(async () => {
  if (!HAS_PYTHON) return
  dir = await mkdtemp(join(tmpdir(), 'w2v-legacy-'))
  paths = writeLegacyFiles(dir, [
    ...LEGACY_CASES,
    // Long enough that the sample is slices spread over the file, not the whole file.
    { name: 'big-koi8-r', text: RUSSIAN.repeat(400), codec: 'koi8_r', accepted: ['koi8-r'] },
    // Over a hundred kilobytes of ASCII before the first accented line: only a later slice shows the encoding.
    { name: 'ascii-then-latin', text: 'A plain English preface line with no accents at all.\n'.repeat(2500) + WESTERN.repeat(200), codec: 'latin-1', accepted: ['windows-1252'] },
  ])
})

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe.skipIf(!HAS_PYTHON)('files in legacy encodings', () => {
  it.each(LEGACY_CASES.map((c) => [c.name, c] as const))('%s: detected, and read into exactly the tokens of the original text', async (_, c) => {
    const whole = await readCorpusFile(path(c.name))
    expect(c.accepted).toContain(whole.encoding)
    expect(whole.detected?.encoding).toBe(whole.encoding)
    expect(whole.detected!.confidence).toBeGreaterThan(0)
    expect(whole).toMatchObject({ byteOrderMark: false, replacedSequences: 0, chosen: false })
    const expected = plain(rawCorpusFromText(c.text))
    expect(plain(whole.raw)).toEqual(expected)
    // Chunks of 7 bytes cut two- and three-byte characters (and ISO-2022-JP's escapes) everywhere.
    const small = await readCorpusFile(path(c.name), { chunkBytes: 7 })
    expect(plain(small.raw)).toEqual(expected)
  })

  it.each(LEGACY_CASES.map((c) => [c.name, c] as const))('%s: parallel preparation gives the serial corpus', async (_, c) => {
    for (const chunkBytes of [5]) {
      const serial = await readCorpusFiles([path(c.name)], { threads: 1, chunkBytes })
      const parallel = await readCorpusFiles([path(c.name)], { threads: 2, parallelFromBytes: 0, chunkBytes })
      expect(parallel.files[0]!.encoding).toBe(serial.files[0]!.encoding)
      expect(plain(parallel.raw)).toEqual(plain(serial.raw))
      expect(plain(parallel.raw)).toEqual(plain(rawCorpusFromText(c.text)))
    }
  })

  it('detects from slices spread over a large file, a long ASCII preface included', async () => {
    const big = await readCorpusFile(path('big-koi8-r'))
    expect(big.encoding).toBe('koi8-r')
    expect(plain(big.raw)).toEqual(plain(rawCorpusFromText(RUSSIAN.repeat(400))))
    const prefaced = await readCorpusFile(path('ascii-then-latin'))
    expect(prefaced.bytes).toBeGreaterThan(SLICE_BYTES * SAMPLE_SLICES)
    expect(prefaced).toMatchObject({ encoding: 'windows-1252', replacedSequences: 0 })
    expect(prefaced.raw.types).toContain('garçon')
  })

  it('reads a file in the encoding the user names, still saying what the detector found', async () => {
    const asEucJp = await loadCorpus([path('shift_jis')], { encoding: 'euc-jp' })
    expect(asEucJp.files).toEqual([expect.objectContaining({ encoding: 'euc-jp', chosen: true, detected: expect.objectContaining({ encoding: 'shift_jis' }) })])
    // Shift_JIS read as EUC-JP: many sequences are unreadable, but a wrong choice is not a binary file.
    expect(asEucJp.files[0]!.replacedSequences).toBeGreaterThan(100)
    expect(asEucJp.notices.map((n) => n.kind)).toContain('notUtf8')
    expect(asEucJp.notices.map((n) => n.kind)).not.toContain('detectedEncoding')
    const right = await loadCorpus([path('shift_jis')], { encoding: 'shift_jis' })
    expect(right.files[0]).toMatchObject({ encoding: 'shift_jis', chosen: true, replacedSequences: 0 })
    expect(right.stats.tokens).toBe(rawCorpusFromText(JAPANESE.repeat(8)).tokenCount)
  })

  it('reads several files each in its own encoding', async () => {
    const both = await readCorpusFiles([path('gbk'), path('euc-kr')], { threads: 1 })
    expect(both.files.map((f) => f.encoding)).toEqual(['gb18030', 'euc-kr'])
    expect(both.replacedSequences).toBe(0)
  })
})

describe.skipIf(!HAS_PYTHON)('detectEncoding', () => {
  const bytes = (text: string) => new TextEncoder().encode(text)

  it('names nothing for UTF-8, ASCII, a byte-order mark, UTF-16 or bytes with a NUL', () => {
    expect(detectEncoding([bytes('plain ASCII\n'.repeat(50))])).toBeNull()
    expect(detectEncoding([bytes('déjà vu, 東京, Москва\n'.repeat(50))])).toBeNull()
    expect(detectEncoding([Uint8Array.from([0xef, 0xbb, 0xbf, 0xe9, 0x20, 0xe9])])).toBeNull()
    expect(detectEncoding([Uint8Array.from(Buffer.from('plain words\n'.repeat(50), 'utf16le'))])).toBeNull()
    expect(detectEncoding([Uint8Array.from([0x63, 0x61, 0xe9, 0x00, 0x66, 0xe9])])).toBeNull()
  })

  it('does not take terminal colours (ESC [) for ISO-2022', () => {
    expect(detectEncoding([bytes('\x1b[31mred\x1b[0m words\n'.repeat(50))])).toBeNull()
  })

  it('names a legacy encoding for bytes that are not UTF-8 in any slice', async () => {
    const { readFile } = await import('node:fs/promises')
    const sjis = new Uint8Array(await readFile(path('shift_jis')))
    expect(detectEncoding([bytes('ascii first\n'), sjis])).toMatchObject({ encoding: 'shift_jis' })
  })
})

describe.skipIf(!HAS_PYTHON)('an empty file in a named encoding', () => {
  it('is empty, as in UTF-8', async () => {
    await writeFile(join(dir, 'empty.txt'), '')
    const error = await readCorpusFile(join(dir, 'empty.txt'), { tokenizer: { encoding: 'shift_jis' } }).then(() => null, (e: unknown) => e)
    expect((error as Error).message).toMatch(/is empty/)
  })
})
