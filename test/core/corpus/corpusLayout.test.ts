import { describe, expect, it } from 'vitest'
import { LAYOUT_SNIFF_CHARS, corpusNotices, detectLayout, rawCorpusFromText } from '../../../src-main/core/corpus/index'

const COURSE = 'sentence_index\tsentence\n1\tIt \'s a charming film .\n2\tBoring .\n3\tA -LRB- mostly -RRB- fine one .\n'

describe('detectLayout', () => {
  it("finds the course's datasetSentences.txt by its header, with a BOM or CRLF too", () => {
    expect(detectLayout(COURSE)).toBe('cs224n')
    expect(detectLayout('\uFEFF' + COURSE.replaceAll('\n', '\r\n'))).toBe('cs224n')
    expect(detectLayout('sentence_index\tsentence\n')).toBe('cs224n')
  })

  it('finds another tab header followed by numbered lines, even when the sniff cut the last one short', () => {
    const other = 'id\ttext\n1\ta b\n2\tc d\n3\te f\n4'
    expect(detectLayout(other)).toBe('cs224n')
    expect(detectLayout(other.slice(0, other.length - 1) + '4\tg')).toBe('cs224n')
  })

  it('leaves plain text, a numbered first line, too few numbered lines and unnumbered ones plain', () => {
    expect(detectLayout('Call me Ishmael.\nSome years ago …\n')).toBe('plain')
    expect(detectLayout('1\ta b\n2\tc d\n3\te f\n4\tg h\n')).toBe('plain')
    expect(detectLayout('id\ttext\n1\ta b\n2\tc d\n')).toBe('plain')
    expect(detectLayout('id\ttext\n1\ta b\n2\tc d\nthree\te f\n')).toBe('plain')
    expect(LAYOUT_SNIFF_CHARS).toBeGreaterThan(1000)
  })
})

describe('the CS224n layout notice', () => {
  const file = { source: 'datasetSentences.txt', encoding: 'utf-8' as const, byteOrderMark: false, replacedSequences: 0, likelySingleByte: false }
  const raw = rawCorpusFromText(COURSE)

  it('says a file in the course layout was read as plain text, and nothing once it is read as the course does', () => {
    const [notice] = corpusNotices([{ ...file, layout: 'cs224n' }], raw, { format: 'plain' })
    expect(notice).toMatchObject({ kind: 'cs224nLayout' })
    expect(notice!.message).toMatch(/^“datasetSentences\.txt” looks like the CS224n assignment's datasetSentences\.txt .* the header and the sentence numbers became words/)
    expect(corpusNotices([{ ...file, layout: 'cs224n' }], raw, { format: 'cs224n' })).toEqual([])
    expect(corpusNotices([{ ...file, layout: 'plain' }], raw, {})).toEqual([])
  })
})
