import { describe, expect, it } from 'vitest'
import {
  type Embeddings, VECTOR_KINDS, VectorSelectionError, normalizeEmbeddings, selectVectors, topWords,
} from '../../../src-main/core/vectors/index'
import { needsOutsideVectors, noOutsideVectorsReason, runWithoutOutsideVectors } from '../../../src-main/core/vectors/vectorSelection'

const V = Float32Array.from([1, 2, 3, 4, 5, 6]) // 3 words, dim 2
const U = Float32Array.from([10, 20, 30, 40, 50, 60.5])

function errorOf(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  return undefined
}

describe('selectVectors', () => {
  it('gives the centre vectors as they are, even without outside vectors', () => {
    expect(selectVectors(V, U, 2, 'center')).toEqual({ vectors: V, dim: 2 })
    expect(selectVectors(V, null, 2, 'center').vectors).toBe(V)
  })

  it('gives the outside vectors as they are', () => {
    expect(selectVectors(V, U, 2, 'outside').vectors).toBe(U)
  })

  it('sums V and U row by row, in float32', () => {
    const { vectors, dim } = selectVectors(V, U, 2, 'sum')
    expect(dim).toBe(2)
    expect(Array.from(vectors)).toEqual([11, 22, 33, 44, 55, 66.5])
    expect(vectors).not.toBe(V)
    const tiny = selectVectors(Float32Array.of(1), Float32Array.of(1e-8), 1, 'sum').vectors
    expect(tiny[0]).toBe(Math.fround(1 + 1e-8))
  })

  it('concatenates each word\'s centre vector and then its outside vector (dim doubles)', () => {
    const { vectors, dim } = selectVectors(V, U, 2, 'concat')
    expect(dim).toBe(4)
    expect(Array.from(vectors)).toEqual([1, 2, 10, 20, 3, 4, 30, 40, 5, 6, 50, 60.5])
  })

  it.each(['outside', 'sum', 'concat'] as const)('refuses %s when there are no outside vectors, in a sentence', (which) => {
    const error = errorOf(() => selectVectors(V, null, 2, which))
    expect(error).toBeInstanceOf(VectorSelectionError)
    expect((error as VectorSelectionError).kind).toBe('missingOutsideVectors')
    expect((error as VectorSelectionError).message).toMatch(/^These vectors have no outside vectors \(U\).*Choose the centre vectors instead\.$/)
  })

  it.each(['outside', 'sum', 'concat'] as const)('refuses %s for a hierarchical-softmax run, saying why', (which) => {
    const error = errorOf(() => selectVectors(V, null, 2, which, 'hierarchicalSoftmax'))
    expect((error as VectorSelectionError).message).toMatch(/^This run trained with hierarchical softmax, .*inner nodes of its Huffman tree, not to words — .*Choose the centre vectors instead\.$/)
  })

  it('knows which runs have an outside vector per word, and which kinds need one', () => {
    expect(runWithoutOutsideVectors('hierarchicalSoftmax')).toBe('hierarchicalSoftmax')
    expect(runWithoutOutsideVectors('negSampling')).toBeNull()
    expect(runWithoutOutsideVectors('naiveSoftmax')).toBeNull()
    expect(VECTOR_KINDS.filter(needsOutsideVectors)).toEqual(['outside', 'sum', 'concat'])
    // The window's hint and the refusal give the same reason.
    const refusal = (errorOf(() => selectVectors(V, null, 2, 'sum', 'hierarchicalSoftmax')) as Error).message
    const hint = noOutsideVectorsReason('hierarchicalSoftmax')
    expect(hint).toMatch(/; only the centre vectors \(V\) can be used\.$/)
    expect(refusal.startsWith(hint.slice(0, hint.indexOf(';')))).toBe(true)
  })

  it('lists the four kinds', () => {
    expect(VECTOR_KINDS).toEqual(['center', 'outside', 'sum', 'concat'])
  })

  it('rejects shapes that do not fit', () => {
    expect(() => selectVectors(V, U, 4, 'center')).toThrow(RangeError)
    expect(() => selectVectors(V, U, 0, 'center')).toThrow(RangeError)
    expect(() => selectVectors(V, U.subarray(2), 2, 'sum')).toThrow(RangeError)
  })
})

const EMBEDDINGS: Embeddings = { words: ['the', 'cat', 'sat'], vectors: V, dim: 2, counts: Uint32Array.of(9, 5, 2) }

describe('topWords', () => {
  it('keeps the first n rows, with their counts', () => {
    const top = topWords(EMBEDDINGS, 2)
    expect(top.words).toEqual(['the', 'cat'])
    expect(Array.from(top.vectors)).toEqual([1, 2, 3, 4])
    expect(Array.from(top.counts!)).toEqual([9, 5])
    expect(top.dim).toBe(2)
  })

  it('keeps everything when n is larger, and null counts stay null', () => {
    expect(topWords(EMBEDDINGS, 10).words).toEqual(['the', 'cat', 'sat'])
    expect(topWords(EMBEDDINGS, 10).vectors.length).toBe(6)
    const one = topWords({ ...EMBEDDINGS, counts: null }, 1)
    expect(one).toEqual({ words: ['the'], vectors: EMBEDDINGS.vectors.subarray(0, 2), dim: 2, counts: null })
  })

  it.each([0, -1, 1.5, Number.NaN])('refuses %s words', (n) => {
    const error = errorOf(() => topWords(EMBEDDINGS, n))
    expect(error).toBeInstanceOf(VectorSelectionError)
    expect((error as VectorSelectionError).kind).toBe('invalidTopWords')
    expect((error as VectorSelectionError).message).toContain(`not ${n}.`)
  })
})

describe('normalizeEmbeddings', () => {
  it('scales every row to unit length and leaves a row of zeros at zero', () => {
    const input: Embeddings = { words: ['a', 'b', 'c'], vectors: Float32Array.from([3, 4, 0, 0, -1e-30, 0]), dim: 2, counts: null }
    const out = normalizeEmbeddings(input)
    expect(Array.from(out.vectors)).toEqual([0.6, 0.8, 0, 0, -1, 0].map(Math.fround))
    expect(out.words).toBe(input.words)
    expect(Array.from(input.vectors)).toEqual([3, 4, 0, 0, -1e-30, 0].map(Math.fround))
  })

  it('gives norms of 1 within float32 rounding for random rows', () => {
    const dim = 50
    const vectors = new Float32Array(20 * dim)
    for (let k = 0; k < vectors.length; k++) vectors[k] = Math.sin(k * 12.9898) * 100
    const out = normalizeEmbeddings({ words: Array.from({ length: 20 }, (_, i) => `w${i}`), vectors, dim, counts: null })
    for (let row = 0; row < 20; row++) {
      let squares = 0
      for (let j = 0; j < dim; j++) squares += out.vectors[row * dim + j]! ** 2
      expect(Math.sqrt(squares)).toBeCloseTo(1, 6)
      // the direction is kept: same signs, same ratios
      expect(out.vectors[row * dim]! / out.vectors[row * dim + 1]!).toBeCloseTo(vectors[row * dim]! / vectors[row * dim + 1]!, 4)
    }
  })
})
