import { describe, expect, it } from 'vitest'
import {
  type FileReport, UNSEGMENTED_MEAN_LENGTH, corpusNotices, rawCorpusFromText, unsegmentedText,
} from '../../../src-main/core/corpus/index'

const CHINESE = '我今天早上去学校学习中文，老师说我们的发音很好。\n他们下午在公园里一起散步，天气非常暖和。\n'
const JAPANESE = '私は毎朝コーヒーを飲みながら新聞を読んでいます。\n東京の電車はいつもとても混んでいますね。\n'
const THAI = 'วันนี้อากาศดีมากเราจึงไปเดินเล่นที่สวนสาธารณะ กับเพื่อนๆหลายคน\nฉันชอบกินข้าวผัดกับไข่ดาวทุกเช้า\n'
// The same kind of text already cut into words with spaces (as jieba would).
const CHINESE_SEGMENTED = '我 今天 早上 去 学校 学习 中文 ， 老师 说 我们 的 发音 很 好 。\n'

const utf8File = (source: string, extra: Partial<FileReport> = {}): FileReport => ({
  source, encoding: 'utf-8', byteOrderMark: false, replacedSequences: 0, likelySingleByte: false, ...extra,
})

describe('unsegmentedText', () => {
  it('finds Chinese, Japanese and Thai read with word breaks at spaces', () => {
    for (const text of [CHINESE, JAPANESE, THAI]) {
      const found = unsegmentedText(rawCorpusFromText(text.repeat(20)))
      expect(found).not.toBeNull()
      expect(found!.share).toBeGreaterThan(0.5)
      expect(found!.meanLength).toBeGreaterThanOrEqual(UNSEGMENTED_MEAN_LENGTH)
    }
  })

  it('says nothing about text already cut into words, dictionary-segmented text, a few Chinese lines in English, or English', () => {
    expect(unsegmentedText(rawCorpusFromText(CHINESE_SEGMENTED.repeat(20)))).toBeNull()
    expect(unsegmentedText(rawCorpusFromText(CHINESE.repeat(20), { segmentation: 'words' }))).toBeNull()
    const english = 'The quick brown fox jumps over the lazy dog while the cat sleeps in the warm sun.\n'
    expect(unsegmentedText(rawCorpusFromText(english.repeat(40) + CHINESE))).toBeNull()
    expect(unsegmentedText(rawCorpusFromText(english))).toBeNull()
  })
})

describe('corpusNotices', () => {
  const raw = rawCorpusFromText('plain words\n')

  it('says nothing about clean UTF-8', () => {
    expect(corpusNotices([utf8File('a.txt')], raw, {})).toEqual([])
  })

  it('names the encoding and where it came from', () => {
    const [bom] = corpusNotices([utf8File('a.txt', { encoding: 'utf-16le', byteOrderMark: true })], raw, {})
    expect(bom).toEqual({ kind: 'encoding', message: '“a.txt” was read as UTF-16LE (it starts with a byte-order mark).' })
    const [bare] = corpusNotices([utf8File('b.txt', { encoding: 'utf-16be' })], raw, {})
    expect(bare!.kind).toBe('encoding')
    expect(bare!.message).toMatch(/^“b\.txt” was read as UTF-16BE \(it has no byte-order mark, but .*\)\.$/)
  })

  it('says a file is probably Latin-1 or Windows-1252, and how many places were replaced', () => {
    const [legacy] = corpusNotices([utf8File('fr.txt', { replacedSequences: 1234, likelySingleByte: true })], raw, {})
    expect(legacy!.kind).toBe('notUtf8')
    expect(legacy!.message).toMatch(/^“fr\.txt” is probably Latin-1 or Windows-1252, not UTF-8: in 1,234 places .* replaced by “�”\. Read it as Windows-1252 \(choose its encoding\), or save it as UTF-8\.$/)
    const [other] = corpusNotices([utf8File('x.txt', { replacedSequences: 1 })], raw, {})
    expect(other!.message).toBe('“x.txt” is not valid UTF-8 in 1 place; it was replaced by “�”. If the file is in another encoding, choose it.')
    const utf16 = corpusNotices([utf8File('y.txt', { encoding: 'utf-16le', replacedSequences: 2 })], raw, {})
    expect(utf16.map((n) => n.message)).toContain('“y.txt” is not valid UTF-16LE in 2 places; they were replaced by “�”. If the file is in another encoding, choose it.')
    const sjis = corpusNotices([utf8File('z.txt', { encoding: 'shift_jis', chosen: true, replacedSequences: 3 })], raw, {})
    expect(sjis).toEqual([{ kind: 'notUtf8', message: '“z.txt” is not valid Shift_JIS in 3 places; they were replaced by “�”. If the file is in another encoding, choose it.' }])
  })

  it('says which legacy encoding the detector found, with its confidence, unless the user chose the encoding', () => {
    const detected = { encoding: 'shift_jis', confidence: 0.874 }
    expect(corpusNotices([utf8File('ja.txt', { encoding: 'shift_jis', detected })], raw, {})).toEqual([{
      kind: 'detectedEncoding',
      message: '“ja.txt” is not UTF-8: it was read as Shift_JIS, the encoding its bytes look like (the detector\'s confidence: 87 %). If its words look wrong, choose its encoding.',
    }])
    expect(corpusNotices([utf8File('ja.txt', { encoding: 'euc-jp', detected, chosen: true })], raw, {})).toEqual([])
    expect(corpusNotices([utf8File('ja.txt', { encoding: 'shift_jis', detected, chosen: true })], raw, {})).toEqual([])
    // A user who names UTF-16 for a file without a mark is not told that its bytes looked so.
    expect(corpusNotices([utf8File('u.txt', { encoding: 'utf-16le', chosen: true })], raw, {})).toEqual([])
  })

  it('suggests dictionary word breaks for unsegmented Chinese, only while breaking at spaces', () => {
    const chinese = rawCorpusFromText(CHINESE.repeat(20))
    const notices = corpusNotices([utf8File('zh.txt')], chinese, { segmentation: 'spaces' })
    expect(notices).toHaveLength(1)
    expect(notices[0]!.kind).toBe('segmentation')
    expect(notices[0]!.message).toMatch(/^Most of “zh\.txt” is written without spaces .*Dictionary word breaks would find the words\.$/)
    expect(corpusNotices([utf8File('zh.txt')], chinese, {})).toHaveLength(1)
    expect(corpusNotices([utf8File('zh.txt')], rawCorpusFromText(CHINESE.repeat(20), { segmentation: 'words' }), { segmentation: 'words' })).toEqual([])
    expect(corpusNotices([utf8File('a.txt'), utf8File('b.txt')], chinese, {})[0]!.message).toMatch(/^Most of the corpus is/)
  })
})
