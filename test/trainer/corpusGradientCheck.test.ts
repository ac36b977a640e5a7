import { describe, expect, it } from 'vitest'
import { buildVocabulary, encodeCorpus, rawCorpusFromText } from '../../src-main/core/corpus/index'
import { type CorpusCheckSettings, type ParameterRows, checkCorpusMinibatch, drawCorpusMinibatch } from '../../src-main/core/corpusGradientCheck'
import { buildHuffmanTree, wordCode, wordPoints } from '../../src-main/core/huffmanTree'
import { Random } from '../../src-main/core/random'
import { NoTrainingContextError } from '../../src-main/core/training/trainingErrors'
import { copyRows } from '../../src-main/core/vectors/matrixRows'
import { plantedSynonymsText } from '../support/syntheticCorpus'

const raw = rawCorpusFromText(plantedSynonymsText(300))
const { vocabulary } = buildVocabulary(raw, { minCount: 1 })
const corpus = encodeCorpus(raw, vocabulary)
const dim = 6
const random = new Random(5)
const V = Float32Array.from({ length: vocabulary.words.length * dim }, () => random.normal() * 0.5)
const U = Float32Array.from({ length: vocabulary.words.length * dim }, () => random.normal() * 0.5)
/** Whole matrices read by rows, as a run reads its live ones. */
const rowsOf = (center: Float32Array, outside: Float32Array): ParameterRows => ({
  centerRows: (rows) => copyRows(center, rows, dim),
  outsideRows: (rows) => copyRows(outside, rows, dim),
})
const negSampling: CorpusCheckSettings = { loss: 'negSampling', negatives: 5, negativePower: 0.75, window: 5, cbowMean: true }

describe('the gradient check on a corpus minibatch', () => {
  it('draws windows of the corpus and copies exactly the rows they and their negatives touch', () => {
    const asked: number[][] = []
    const parameters = rowsOf(V, U)
    const batch = drawCorpusMinibatch(corpus, vocabulary.counts, {
      centerRows: (rows) => (asked.push([...rows]), parameters.centerRows(rows)),
      outsideRows: (rows) => (asked.push([...rows]), parameters.outsideRows(rows)),
    }, dim, negSampling, 11)
    // Only the touched rows are read, once from each matrix.
    expect(asked).toEqual([Array.from(batch.words), Array.from(batch.words)])
    expect(batch.windows).toHaveLength(2)
    const used = new Set<number>()
    for (const w of batch.windows) {
      used.add(w.centerWordIdx)
      for (const c of w.contextWordIdxs) used.add(c)
      expect(w.contextWordIdxs.length).toBeLessThanOrEqual(4)
    }
    for (const list of [...batch.skipgramNegatives, ...batch.cbowNegatives]) {
      expect(list).toHaveLength(4)
      for (const k of list) used.add(k)
    }
    expect(used.size).toBe(batch.words.length)
    batch.words.forEach((id, r) => {
      expect(Array.from(batch.centerWordVectors.subarray(r * dim, (r + 1) * dim))).toEqual(Array.from(V.subarray(id * dim, (id + 1) * dim)))
      expect(Array.from(batch.outsideVectors.subarray(r * dim, (r + 1) * dim))).toEqual(Array.from(U.subarray(id * dim, (id + 1) * dim)))
    })
    expect(batch.skipgramNegatives).toHaveLength(batch.windows.reduce((n, w) => n + w.contextWordIdxs.length, 0))
  })

  it('passes for skip-gram and CBOW with either loss, reporting rows of the run’s matrices', () => {
    for (const settings of [negSampling, { ...negSampling, loss: 'naiveSoftmax' as const, cbowMean: false }]) {
      const batch = drawCorpusMinibatch(corpus, vocabulary.counts, rowsOf(V, U), dim, settings, 3)
      const checks = checkCorpusMinibatch(batch)
      expect(checks[0]!.name).toMatch(new RegExp(`^skipgram / ${settings.loss} \\(2 corpus windows, ${batch.words.length} words`))
      expect(checks[1]!.name).toMatch(new RegExp(`^cbow \\(${settings.cbowMean ? 'mean' : 'sum'}\\) / ${settings.loss} \\(`))
      for (const check of checks) {
        expect(check.problem).toBe('corpus')
        expect(check.result.passed, check.name).toBe(true)
        expect(check.result.maxRelError).toBeLessThan(1e-7)
        const [centre, outside] = check.result.parameters
        expect(centre!.name).toBe('centerWordVectors')
        expect(outside!.name).toBe('outsideVectors')
        expect(centre!.count).toBe(batch.words.length * dim)
        for (const c of [...centre!.worst, ...outside!.worst]) {
          expect(Array.from(batch.words)).toContain(c.row)
          expect(c.index).toBe(c.row * dim + c.col)
        }
      }
    }
  })

  it('scores the run’s loss: with U = 0 every negative-sampling prediction costs (K + 1)·log 2', () => {
    const batch = drawCorpusMinibatch(corpus, vocabulary.counts, rowsOf(V, new Float32Array(U.length)), dim, negSampling, 8)
    const [sg, cb] = checkCorpusMinibatch(batch)
    const pairs = batch.windows.reduce((n, w) => n + w.contextWordIdxs.length, 0)
    expect(sg!.result.loss).toBeCloseTo((pairs / batch.windows.length) * 5 * Math.LN2, 10)
    expect(cb!.result.loss).toBeCloseTo(5 * Math.LN2, 10)
  })

  it('checks hierarchical softmax on the inner nodes of the minibatch words’ Huffman paths', () => {
    const tree = buildHuffmanTree(vocabulary.counts)
    const innerU = Float32Array.from({ length: tree.innerNodes * dim }, () => random.normal() * 0.5)
    const asked: number[][] = []
    const hs: CorpusCheckSettings = { ...negSampling, loss: 'hierarchicalSoftmax' }
    const batch = drawCorpusMinibatch(corpus, vocabulary.counts, {
      centerRows: (rows) => copyRows(V, rows, dim),
      outsideRows: (rows) => (asked.push([...rows]), copyRows(innerU, rows, dim)),
    }, dim, hs, 6)
    // U's rows are exactly the inner nodes on the paths of the minibatch's words, read once.
    const expected = new Set(Array.from(batch.words).flatMap((w) => [...wordPoints(tree, w)]))
    expect(asked).toHaveLength(1)
    expect(new Set(asked[0])).toEqual(expected)
    expect(Array.from(batch.outsideRowIds)).toEqual(asked[0])
    const checks = checkCorpusMinibatch(batch)
    for (const check of checks) {
      expect(check.name).toContain(`/ hierarchicalSoftmax (2 corpus windows, ${batch.words.length} words, ${expected.size} inner nodes on their paths`)
      expect(check.result.passed, check.name).toBe(true)
      expect(check.result.parameters[1]!.count).toBe(expected.size * dim)
      for (const c of check.result.parameters[1]!.worst) expect(expected.has(c.row)).toBe(true)
    }
  })

  it('scores hierarchical softmax: with U = 0 each prediction costs its path length × log 2', () => {
    const tree = buildHuffmanTree(vocabulary.counts)
    const hs: CorpusCheckSettings = { ...negSampling, loss: 'hierarchicalSoftmax' }
    const batch = drawCorpusMinibatch(corpus, vocabulary.counts, rowsOf(V, new Float32Array(tree.innerNodes * dim)), dim, hs, 8)
    const [sg, cb] = checkCorpusMinibatch(batch)
    const depth = (local: number) => wordCode(tree, batch.words[local]!).length
    const n = batch.windows.length
    const skipgramLoss = batch.windows.reduce((sum, w) => sum + w.contextWordIdxs.reduce((t, o) => t + depth(o), 0), 0) / n
    const cbowLoss = batch.windows.reduce((sum, w) => sum + depth(w.centerWordIdx), 0) / n
    expect(sg!.result.loss).toBeCloseTo(skipgramLoss * Math.LN2, 10)
    expect(cb!.result.loss).toBeCloseTo(cbowLoss * Math.LN2, 10)
  })

  it('probes only the leading columns of each row when the minibatch has more coordinates than allowed', () => {
    const batch = drawCorpusMinibatch(corpus, vocabulary.counts, rowsOf(V, U), dim, negSampling, 4)
    const columns = 3
    const [check] = checkCorpusMinibatch(batch, { maxCoordinates: 3 * batch.words.length })
    expect(check!.name).toContain(`first ${columns} of ${dim} dimensions`)
    expect(check!.result.parameters[0]!.count).toBe(batch.words.length * columns)
    expect(check!.result.parameters.flatMap((p) => p.worst).every((c) => c.col < columns)).toBe(true)
  })

  it('refuses a corpus without two different words in a sentence', () => {
    const dull = rawCorpusFromText('word word word\nword\n')
    const v = buildVocabulary(dull, { minCount: 1 }).vocabulary
    expect(() => drawCorpusMinibatch(encodeCorpus(dull, v), v.counts, rowsOf(new Float32Array(dim), new Float32Array(dim)), dim, negSampling, 1)).toThrow(NoTrainingContextError)
  })
})
