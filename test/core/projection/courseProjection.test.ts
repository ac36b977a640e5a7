import { describe, expect, it } from 'vitest'
import { CS224N_PLOT_WORDS } from '../../../src-main/core/contract/wordList'
import { courseProjection } from '../../../src-main/core/projection/courseProjection'
import { Random } from '../../../src-main/core/random'
import type { Embeddings } from '../../../src-main/core/vectors/embeddings'
import { runPyProjection } from '../../support/runPyProjection'

function randomEmbeddings(words: readonly string[], dim: number, seed: number): Embeddings {
  const random = new Random(seed)
  const vectors = Float32Array.from({ length: words.length * dim }, () => random.nextFloat() * 2 - 1)
  return { words, vectors, dim, counts: null }
}

/** Each axis of `actual` equals `expected`'s up to its sign (an SVD's signs are arbitrary), within `tolerance` of the spread. */
function expectSameUpToSigns(actual: ArrayLike<number>, expected: readonly [number, number][], tolerance: number): void {
  for (const axis of [0, 1] as const) {
    const dot = expected.reduce((s, p, i) => s + p[axis] * actual[2 * i + axis]!, 0)
    const sign = dot < 0 ? -1 : 1
    const scale = Math.max(...expected.map((p) => Math.abs(p[axis])))
    expected.forEach((p, i) => expect(Math.abs(sign * actual[2 * i + axis]! - p[axis]) / scale).toBeLessThan(tolerance))
  }
}

describe('courseProjection (run.py’s PCA of the plotted words)', () => {
  it.each([[10, 1], [10, 2], [50, 3], [3, 4]])('equals an independent covariance + power-iteration projection, dim %i, seed %i', (dim, seed) => {
    const embeddings = randomEmbeddings([...CS224N_PLOT_WORDS, 'other', 'words'], dim, seed)
    const projection = courseProjection(embeddings, CS224N_PLOT_WORDS)
    expect(projection.words).toEqual(CS224N_PLOT_WORDS)
    const rows = projection.words.map((_, i) => Array.from(embeddings.vectors.subarray(i * dim, (i + 1) * dim)))
    expectSameUpToSigns(projection.coordinates, runPyProjection(rows), 1e-9)
  })

  it('keeps float64 coordinates, not the live plot’s float32 ones', () => {
    const projection = courseProjection(randomEmbeddings(CS224N_PLOT_WORDS, 10, 5), CS224N_PLOT_WORDS)
    expect(projection.coordinates).toBeInstanceOf(Float64Array)
    expect([...projection.coordinates].some((c) => Math.fround(c) !== c)).toBe(true)
  })

  it('leaves out and names the words the vocabulary lacks, keeping the order asked', () => {
    const projection = courseProjection(randomEmbeddings(['king', 'queen', 'man', 'woman'], 4, 6), ['woman', 'prince', 'king', 'man', 'woman'])
    expect(projection.words).toEqual(['woman', 'king', 'man'])
    expect(projection.missing).toEqual(['prince'])
    expect(projection.coordinates).toHaveLength(6)
  })
})
