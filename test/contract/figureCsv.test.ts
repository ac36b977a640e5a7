import { describe, expect, it } from 'vitest'
import { csvField, csvText, parseCsv } from '../../src-main/core/contract/csv'
import { LOSS_CSV_HEADER, type LossCsvRun, lossCsv, scatterCsv } from '../../src-main/core/contract/figureCsv'
import { figureFileName, figureFormatOfPath } from '../../src-main/core/contract/figures'

describe('CSV fields (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ["''", "''"],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    [' padded', '" padded"'],
  ])('writes %j as %j', (value, written) => {
    expect(csvField(value)).toBe(written)
  })

  it('writes numbers in full precision, and null as an empty field', () => {
    expect(csvField(0.1 + 0.2)).toBe('0.30000000000000004')
    for (const x of [-1 / 3e300, Math.PI, -0, 2 ** 60 + 1]) expect(Object.is(Number(csvField(x)), x)).toBe(true)
    expect(csvField(null)).toBe('')
  })

  it('reads back exactly what it wrote, quotes, commas and line breaks included', () => {
    const rows = [['a,b', 'say "hi"'], ['two\r\nlines', ''], ['"', "'s"]]
    expect(parseCsv(csvText(['x', 'y'], rows))).toEqual([['x', 'y'], ...rows])
  })
})

describe('the scatter plot as CSV', () => {
  it('holds one word,x,y line per plotted word, reading back to the very numbers plotted', () => {
    const words = ['king', 'a,b', 'say "hi"', "''", 'naïve']
    const coordinates = [0.1 + 0.2, -1 / 3, Math.PI, -Math.E, 1e-17, 123456789.12345679, -0, 5, Number.MIN_VALUE, -Number.MAX_VALUE]
    const text = scatterCsv(words, coordinates)
    expect(text.split('\r\n')[0]).toBe('word,x,y')
    const [header, ...rows] = parseCsv(text)
    expect(header).toEqual(['word', 'x', 'y'])
    expect(rows.map((r) => r[0])).toEqual(words)
    rows.forEach((row, i) => {
      expect(Number(row[1])).toBe(coordinates[2 * i])
      expect(Number(row[2])).toBe(coordinates[2 * i + 1])
    })
  })
})

describe('the loss chart as CSV', () => {
  const runs: LossCsvRun[] = [
    { label: 'Run 2 · skip-gram, dim 100', schedule: 'word2vec', x: [1000, 2000, 3000], t: [0.05, 0.1, 0.15], loss: [4.1, 3.9, 3.5], alpha: [0.025, 0.02, 0.015] },
    { label: 'Run 1 · "course", dim 10', schedule: 'cs224n', x: [10, 20], t: [0.5, 1], loss: [19.5, 18.25], alpha: [0.3, 0.3] },
  ]

  it('holds every point of every run it is given, with the x in the column the chart’s axis names', () => {
    const [header, ...rows] = parseCsv(lossCsv(runs))
    expect(header).toEqual([...LOSS_CSV_HEADER])
    expect(rows).toHaveLength(5)
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(runs.map((r) => r.label)))
    expect(rows[0]).toEqual(['Run 2 · skip-gram, dim 100', '1000', '', '0.05', '4.1', '0.025'])
    expect(rows[4]).toEqual(['Run 1 · "course", dim 10', '', '20', '1', '18.25', '0.3'])
  })

  it('is only a header when no run is shown', () => {
    expect(lossCsv([])).toBe(`${LOSS_CSV_HEADER.join(',')}\r\n`)
  })
})

describe('figure file names', () => {
  it('are run.py’s word_vectors and loss, with the form’s extension', () => {
    expect(figureFileName('scatter', 'png')).toBe('word_vectors.png')
    expect(figureFileName('loss', 'csv')).toBe('loss.csv')
  })

  it('choose the form by extension, in any case, and nothing else', () => {
    expect(figureFormatOfPath('/a/b.c/Plot.SVG')).toBe('svg')
    expect(figureFormatOfPath('x.jpg')).toBeNull()
    expect(figureFormatOfPath('png')).toBeNull()
  })
})
