/**
 * Which vectors leave the app, and how: the centre vectors V, the outside vectors U, their sum
 * or their concatenation side by side, optionally only the most frequent words and L2-normalized
 * rows. (The course's run.py means to concatenate them for its plot, but its
 * `np.concatenate((V, U), axis=0)` stacks U's rows under V's and it indexes the first |V| rows:
 * its figure is of the centre vectors alone.)
 */
import type { Word2vecLossKind } from '../settings/trainingSettings'
import { type Embeddings } from './embeddings'

export type VectorKind = 'center' | 'outside' | 'sum' | 'concat'

export const VECTOR_KINDS: readonly VectorKind[] = ['center', 'outside', 'sum', 'concat']

export type VectorSelectionErrorKind = 'missingOutsideVectors' | 'invalidTopWords'

/**
 * Why there are no outside vectors for words: a file of vectors holds one set, and under
 * hierarchical softmax U's rows belong to the Huffman tree's inner nodes, not to words.
 */
export type NoOutsideVectors = 'file' | 'hierarchicalSoftmax'

/** Why a run trained with this loss has no outside vector per word, or null when it has one. */
export function runWithoutOutsideVectors(loss: Word2vecLossKind): NoOutsideVectors | null {
  return loss === 'hierarchicalSoftmax' ? 'hierarchicalSoftmax' : null
}

/** Every kind but the centre vectors is made from the outside vectors. */
export function needsOutsideVectors(kind: VectorKind): boolean {
  return kind !== 'center'
}

const NO_OUTSIDE_VECTORS: Record<NoOutsideVectors, string> = {
  file: 'These vectors have no outside vectors (U) — files of vectors hold only one set',
  hierarchicalSoftmax: 'This run trained with hierarchical softmax, whose outside vectors (U) belong to the inner nodes of its Huffman tree, not to words',
}

/** The sentence the window shows beside the kinds it disables, and the start of the error for asking for one anyway. */
export function noOutsideVectorsReason(why: NoOutsideVectors): string {
  return `${NO_OUTSIDE_VECTORS[why]}; only the centre vectors (V) can be used.`
}

export class VectorSelectionError extends Error {
  override readonly name = 'VectorSelectionError'

  constructor(readonly kind: VectorSelectionErrorKind, message: string) {
    super(message)
  }
}

const KIND_NAMES: Record<VectorKind, string> = {
  center: 'the centre vectors (V)',
  outside: 'the outside vectors (U)',
  sum: 'the sum of the centre and outside vectors (V + U)',
  concat: 'the centre and outside vectors side by side (V ‖ U)',
}

/**
 * The vectors of one kind, row i belonging to word i. 'center' and 'outside' return the given
 * array itself (no copy); 'sum' and 'concat' build a new one, 'concat' of dimension 2·dim with
 * the centre vector first. Vectors loaded from a file have no outside vectors (null): asking
 * for a kind that needs them is a `VectorSelectionError`.
 */
export function selectVectors(
  centerWordVectors: Float32Array,
  outsideVectors: Float32Array | null,
  dim: number,
  which: VectorKind,
  whyNone: NoOutsideVectors = 'file',
): { vectors: Float32Array; dim: number } {
  if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`The vector dimension must be a positive integer, not ${dim}.`)
  if (centerWordVectors.length % dim !== 0) throw new RangeError(`The centre vectors hold ${centerWordVectors.length} floats, not a whole number of rows of ${dim}.`)
  if (!needsOutsideVectors(which)) return { vectors: centerWordVectors, dim }
  if (outsideVectors === null) {
    throw new VectorSelectionError('missingOutsideVectors', `${NO_OUTSIDE_VECTORS[whyNone]} — so ${KIND_NAMES[which]} cannot be made. Choose the centre vectors instead.`)
  }
  if (outsideVectors.length !== centerWordVectors.length) {
    throw new RangeError(`The outside vectors hold ${outsideVectors.length} floats but the centre vectors ${centerWordVectors.length}.`)
  }
  if (which === 'outside') return { vectors: outsideVectors, dim }
  if (which === 'sum') {
    const vectors = new Float32Array(centerWordVectors.length)
    for (let k = 0; k < vectors.length; k++) vectors[k] = centerWordVectors[k]! + outsideVectors[k]!
    return { vectors, dim }
  }
  const rows = centerWordVectors.length / dim
  const vectors = new Float32Array(2 * centerWordVectors.length)
  for (let i = 0; i < rows; i++) {
    vectors.set(centerWordVectors.subarray(i * dim, (i + 1) * dim), 2 * i * dim)
    vectors.set(outsideVectors.subarray(i * dim, (i + 1) * dim), (2 * i + 1) * dim)
  }
  return { vectors, dim: 2 * dim }
}

/**
 * The fewest most-frequent words an export may keep: a file of no vectors is one that no reader
 * (ours, gensim's, the Projector's) opens, and the window's export asks for at least one too.
 */
export const MIN_TOP_WORDS = 1

/**
 * The first n rows, which are the n most frequent words since rows are frequency-ordered; all
 * of them when there are fewer. Vectors and counts are views of the originals (no copy).
 */
export function topWords(embeddings: Embeddings, n: number): Embeddings {
  if (!Number.isInteger(n) || n < MIN_TOP_WORDS) {
    throw new VectorSelectionError('invalidTopWords', `The number of most frequent words to keep must be a whole number of ${MIN_TOP_WORDS} or more, not ${n}.`)
  }
  const rows = Math.min(n, embeddings.words.length)
  const { dim } = embeddings
  return {
    words: embeddings.words.slice(0, rows),
    vectors: embeddings.vectors.subarray(0, rows * dim),
    dim,
    counts: embeddings.counts?.subarray(0, rows) ?? null,
  }
}

/**
 * A copy whose rows have unit L2 length (norms summed in float64, then each value rounded once
 * to float32); a row of zeros stays zero rather than becoming NaN.
 */
export function normalizeEmbeddings(embeddings: Embeddings): Embeddings {
  const { vectors, dim } = embeddings
  const out = new Float32Array(vectors.length)
  for (let start = 0; start < vectors.length; start += dim) {
    let squares = 0
    for (let k = start; k < start + dim; k++) squares += vectors[k]! * vectors[k]!
    if (squares === 0) continue
    const norm = Math.sqrt(squares)
    for (let k = start; k < start + dim; k++) out[k] = vectors[k]! / norm
  }
  return { ...embeddings, vectors: out }
}
