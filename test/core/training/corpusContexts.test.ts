import { describe, expect, it } from 'vitest'
import { Random } from '../../../src-main/core/index'
import type { TrainingCorpus } from '../../../src-main/core/corpus/corpusTypes'
import { buildAliasTable } from '../../../src-main/core/corpus/sampling'
import { NoTrainingContextError, corpusContextSource, noiseSampler } from '../../../src-main/core/training/index'

function corpusOf(sentences: number[][]): TrainingCorpus {
  const ids = Int32Array.from(sentences.flat())
  let end = 0
  const sentenceEnds = Uint32Array.from(sentences, (s) => (end += s.length))
  return { ids, sentenceEnds }
}

// Every token its own word id, so a word id is a position: sentences [0..6], [7], [8..19], [20..22].
const positional = corpusOf([[0, 1, 2, 3, 4, 5, 6], [7], [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19], [20, 21, 22]])
const sentenceOf = (position: number) => (position <= 6 ? 0 : position === 7 ? 1 : position <= 19 ? 2 : 3)
const bounds = [[0, 6], [7, 7], [8, 19], [20, 22]] as const

describe('corpusContextSource', () => {
  it('draws windows inside one sentence, within the window, without the centre, taking every word in reach', () => {
    const source = corpusContextSource(positional, 23)
    const random = new Random(1)
    const seenCentres = new Set<number>()
    for (let i = 0; i < 3000; i++) {
      const window = 1 + (i % 4)
      const { centerWordIdx: c, contextWordIdxs } = source.getRandomContext(window, random)
      seenCentres.add(c)
      const [start, end] = bounds[sentenceOf(c)]!
      const expected: number[] = []
      for (let p = Math.max(start, c - window); p <= Math.min(end, c + window); p++) if (p !== c) expected.push(p)
      expect(contextWordIdxs).toEqual(expected)
    }
    // Every position of a sentence with context is a centre sometimes; the one-word sentence never is.
    expect([...seenCentres].sort((a, b) => a - b)).toEqual([...Array(23).keys()].filter((p) => p !== 7))
  })

  it('drops every occurrence of the centre word from the context, as the course does, and retries empty windows', () => {
    // 0 0 0 1: a centre 0 at position 0 with window 1 has only 0 beside it, so it is drawn again.
    const source = corpusContextSource(corpusOf([[0, 0, 0, 1], [2, 2]]), 3)
    const random = new Random(2)
    for (let i = 0; i < 500; i++) {
      const { centerWordIdx, contextWordIdxs } = source.getRandomContext(1 + (i % 3), random)
      expect(contextWordIdxs.length).toBeGreaterThan(0)
      expect(contextWordIdxs).not.toContain(centerWordIdx)
      expect(centerWordIdx).not.toBe(2)
    }
  })

  it('skips sub-sampled words without letting them take a window slot', () => {
    const keep = new Float32Array(23).fill(1)
    for (const dropped of [1, 3, 10, 11]) keep[dropped] = 0
    const source = corpusContextSource(positional, 23, { keep })
    const random = new Random(3)
    for (let i = 0; i < 2000; i++) {
      const { centerWordIdx: c, contextWordIdxs } = source.getRandomContext(2, random)
      expect([1, 3, 10, 11]).not.toContain(c)
      const [start, end] = bounds[sentenceOf(c)]!
      const left: number[] = []
      for (let p = c - 1; p >= start && left.length < 2; p--) if (keep[p] === 1) left.unshift(p)
      const right: number[] = []
      for (let p = c + 1; p <= end && right.length < 2; p++) if (keep[p] === 1) right.push(p)
      expect(contextWordIdxs).toEqual([...left, ...right])
    }
  })

  it('keeps a word with the probability the table gives it', () => {
    const keep = new Float32Array(2).fill(1)
    keep[1] = 0.25
    const source = corpusContextSource(corpusOf([[0, 1, 0, 1, 0, 1, 0, 1]]), 2, { keep })
    const random = new Random(4)
    let ones = 0
    const n = 20000
    for (let i = 0; i < n; i++) if (source.getRandomContext(1, random).centerWordIdx === 1) ones++
    // Half the positions hold each word. A centre 1 is kept with 0.25 (its neighbours, 0s, always stay).
    // A centre 0 is always kept but usable only if a neighbouring 1 survives: 0.25 at position 0 (one
    // neighbour), 1 − 0.75² = 0.4375 at positions 2, 4, 6, so 0.390625 on average. Share of 1s: 0.25 / 0.640625.
    const share = 0.25 / 0.640625
    expect(Math.abs(ones / n - share)).toBeLessThan(4 * Math.sqrt((share * (1 - share)) / n))
  })

  it('refuses a corpus without a sentence of two different words, with a sentence', () => {
    expect(() => corpusContextSource(corpusOf([[0], [1, 1, 1]]), 2)).toThrow(NoTrainingContextError)
    expect(() => corpusContextSource(corpusOf([[0]]), 1)).toThrow(/no sentence with two different words/)
    expect(() => corpusContextSource(corpusOf([[0, 5]]), 3)).toThrow(/word id 5/)
  })
})

describe('noiseSampler', () => {
  const weights = [1, 2, 3, 4, 10]
  const total = weights.reduce((a, b) => a + b, 0)
  const table = buildAliasTable(weights)

  function frequencies(outside: number, draws: number): number[] {
    const sample = noiseSampler(table, new Random(11), 10)
    const counts = new Array<number>(weights.length).fill(0)
    for (let i = 0; i < draws / 10; i++) {
      const negatives = sample(outside)
      expect(negatives).toHaveLength(10)
      for (const w of negatives) counts[w]!++
    }
    return counts.map((c) => c / draws)
  }

  it('draws K negatives with the table’s frequencies', () => {
    const n = 100000
    // No word is the outside word here (−1), so nothing is redrawn.
    frequencies(-1, n).forEach((f, w) => {
      const p = weights[w]! / total
      expect(Math.abs(f - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n))
    })
  })

  it('redraws the outside word, so the others share its probability in proportion', () => {
    const n = 100000
    const f = frequencies(4, n)
    expect(f[4]).toBe(0)
    const rest = total - weights[4]!
    f.slice(0, 4).forEach((fw, w) => {
      const p = weights[w]! / rest
      expect(Math.abs(fw - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n))
    })
  })

  it('refuses a table with a single drawable word (the redraw would never end)', () => {
    expect(() => noiseSampler(buildAliasTable([0, 5, 0]), new Random(1), 3)).toThrow(/at least two words/)
  })
})
