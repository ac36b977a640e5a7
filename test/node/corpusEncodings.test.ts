/**
 * Text as users have it, read from real files: Latin-1 and Windows-1252 saved by old editors,
 * UTF-16 without a byte-order mark (iconv, Python), Chinese, Japanese and Thai without spaces,
 * and binary files that must still be called binary.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32, deflateSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CorpusError, rawCorpusFromText } from '../../src-main/core/corpus/index'
import { Random } from '../../src-main/core/random'
import { readCorpusFile } from '../../src-main/node/corpusFile'
import { loadCorpus } from '../../src-main/node/session/loadedCorpus'
import { plainRaw as plain } from '../support/rawTokens'

let dir = ''
const file = (name: string) => join(dir, name)

const FRENCH = 'Le garçon eut une impression de déjà vu.\nLe garçon rit.\n'.repeat(20)
const ENGLISH = 'Plain words on a line\nand more plain words here\n'.repeat(40)
const CHINESE = '我今天早上去学校学习中文，老师说我们的发音很好。\n他们下午在公园里一起散步，天气非常暖和。\n'.repeat(20)
const JAPANESE = '私は毎朝コーヒーを飲みながら新聞を読んでいます。\n東京の電車はいつもとても混んでいますね。\n'.repeat(20)
const THAI = 'วันนี้อากาศดีมากเราจึงไปเดินเล่นที่สวนสาธารณะ กับเพื่อนๆหลายคน\nฉันชอบกินข้าวผัดกับไข่ดาวทุกเช้า\n'.repeat(20)

/** Windows-1252: “Hello,” she said – twice. (0x93, 0x94, 0x96 are the curly quotes and the dash.) */
function cp1252(): Buffer {
  const line = Buffer.concat([Buffer.from([0x93]), Buffer.from('Hello,'), Buffer.from([0x94]), Buffer.from(' she said '), Buffer.from([0x96]), Buffer.from(' twice.\n')])
  return Buffer.concat(Array.from({ length: 30 }, () => line))
}

function utf16WithoutMark(text: string, endian: 'le' | 'be'): Buffer {
  const bytes = Buffer.from(text, 'utf16le')
  return endian === 'be' ? bytes.swap16() : bytes
}

/** A real PNG: 64 × 64 RGBA of noise, deflated, with correct chunk checksums. */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(64, 0)
  header.writeUInt32BE(64, 4)
  header.set([8, 6, 0, 0, 0], 8)
  const rng = new Random(3)
  const rows = Buffer.from(Array.from({ length: 64 * (1 + 64 * 4) }, (_, i) => (i % (1 + 64 * 4) === 0 ? 0 : rng.nextInt(256))))
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))])
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'w2v-encodings-'))
  await writeFile(file('latin1.txt'), Buffer.from(FRENCH, 'latin1'))
  await writeFile(file('cp1252.txt'), cp1252())
  await writeFile(file('utf16le.txt'), utf16WithoutMark(ENGLISH, 'le'))
  await writeFile(file('utf16be.txt'), utf16WithoutMark(ENGLISH, 'be'))
  await writeFile(file('chinese16.txt'), utf16WithoutMark(CHINESE, 'le'))
  await writeFile(file('image.png'), png())
  const rng = new Random(9)
  await writeFile(file('random.bin'), Buffer.from(Array.from({ length: 200_000 }, () => rng.nextInt(256))))
  await writeFile(file('chinese.txt'), CHINESE)
  await writeFile(file('japanese.txt'), JAPANESE)
  await writeFile(file('thai.txt'), THAI)
  await writeFile(file('french.txt'), FRENCH)
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('Latin-1 and Windows-1252 files', () => {
  it('are read as Windows-1252, found from their bytes, and say so', async () => {
    const latin1 = await loadCorpus([file('latin1.txt')], {})
    expect(latin1.notices.map((n) => n.kind)).toEqual(['detectedEncoding'])
    expect(latin1.notices[0]!.message).toMatch(/^“latin1\.txt” is not UTF-8: it was read as Windows-1252 \(Latin-1\)/)
    expect(latin1.files).toEqual([expect.objectContaining({ encoding: 'windows-1252', chosen: false, replacedSequences: 0 })])
    expect(latin1.stats.topWords.map((w) => w.word)).toEqual(expect.arrayContaining(['garçon', 'déjà']))
    const curly = await readCorpusFile(file('cp1252.txt'))
    expect(curly).toMatchObject({ encoding: 'windows-1252', replacedSequences: 0 })
    expect(plain(curly.raw)).toEqual(plain(rawCorpusFromText('“Hello,” she said – twice.\n'.repeat(30))))
  })

  it('read as UTF-8 when the user says so: probably Latin-1, with how many places were replaced', async () => {
    const latin1 = await loadCorpus([file('latin1.txt')], { encoding: 'utf-8' })
    expect(latin1.notices).toHaveLength(1)
    expect(latin1.notices[0]!.kind).toBe('notUtf8')
    // Three accents a repetition: ç, é, à; and ç again.
    expect(latin1.notices[0]!.message).toMatch(/^“latin1\.txt” is probably Latin-1 or Windows-1252, not UTF-8: in 80 places /)
    const curly = await loadCorpus([file('cp1252.txt')], { encoding: 'utf-8' })
    expect(curly.notices.map((n) => n.message)).toEqual([expect.stringMatching(/^“cp1252\.txt” is probably Latin-1 or Windows-1252, not UTF-8: in 90 places/)])
  })

  it('read as UTF-8 keep each word whole: “garçon” is one misspelled word, not “gar” and “on”', async () => {
    const words = (await loadCorpus([file('latin1.txt')], { encoding: 'utf-8' })).stats.topWords.map((w) => w.word)
    expect(words).toContain('gar\uFFFDon')
    expect(words).toContain('d\uFFFDj\uFFFD')
    expect(words).not.toContain('gar')
    expect(words).not.toContain('on')
    // The same text in UTF-8 says nothing.
    expect((await loadCorpus([file('french.txt')], {})).notices).toEqual([])
  })
})

describe('UTF-16 without a byte-order mark', () => {
  it('is read as UTF-16 (either order, any chunk size) and says so', async () => {
    for (const [name, encoding] of [['utf16le.txt', 'utf-16le'], ['utf16be.txt', 'utf-16be']] as const) {
      const small = await readCorpusFile(file(name), { chunkBytes: 7 })
      expect(small).toMatchObject({ encoding, byteOrderMark: false, replacedSequences: 0 })
      expect(plain(small.raw)).toEqual(plain(rawCorpusFromText(ENGLISH)))
      const loaded = await loadCorpus([file(name)], {})
      expect(loaded.notices).toEqual([{ kind: 'encoding', message: expect.stringMatching(new RegExp(`^“${name.replace('.', '\\.')}” was read as ${encoding.toUpperCase()} \\(it has no byte-order mark`)) }])
    }
  })

  it('reads Chinese in UTF-16 too, where zero bytes are only the line ends and punctuation', async () => {
    const result = await readCorpusFile(file('chinese16.txt'))
    expect(result.encoding).toBe('utf-16le')
    expect(plain(result.raw)).toEqual(plain(rawCorpusFromText(CHINESE)))
  })

  it('does not take a PNG or random bytes for UTF-16: they are still binary', async () => {
    for (const name of ['image.png', 'random.bin']) {
      const error = await readCorpusFile(file(name)).then(() => null, (e: unknown) => e)
      expect(error).toBeInstanceOf(CorpusError)
      expect((error as CorpusError).kind).toBe('binary')
      expect((error as CorpusError).message).toMatch(new RegExp(`^“${name.replace('.', '\\.')}” looks like a binary file`))
    }
  })
})

describe('Chinese, Japanese and Thai without spaces', () => {
  it('suggest dictionary word breaks when read with word breaks at spaces', async () => {
    for (const name of ['chinese.txt', 'japanese.txt', 'thai.txt']) {
      const loaded = await loadCorpus([file(name)], { segmentation: 'spaces' })
      expect(loaded.notices.map((n) => n.kind)).toEqual(['segmentation'])
      expect(loaded.notices[0]!.message).toContain(`“${name}”`)
      const segmented = await loadCorpus([file(name)], { segmentation: 'words' })
      expect(segmented.notices).toEqual([])
      expect(segmented.stats.types).toBeGreaterThan(loaded.stats.types)
    }
  })
})
