/**
 * The projection CS224n's run.py plots into word_vectors.png, in float64 as NumPy computes it:
 *
 *     temp = X - mean(X, axis=0); covariance = temp.T @ temp / n
 *     U, S, V = svd(covariance); coord = temp @ U[:, :2]
 *
 * The covariance is symmetric and positive semi-definite, so its left singular vectors are its
 * eigenvectors, which pca2d takes from the same matrix (scaling by 1/n moves no direction). What
 * pca2d hands back is rounded to float32 for the live plot; here the coordinates are projected
 * again from its components in float64, so a saved figure's numbers are run.py's, up to the sign
 * of each axis (an SVD's signs are arbitrary; pca2d fixes each so its largest loading is positive).
 */
import { type Embeddings } from '../vectors/embeddings'
import { pca2d } from './pca'
import { rowsOfWords } from './rows'

export interface CourseProjection {
  /** The words plotted, in the order asked for, each once. */
  readonly words: string[]
  /** words.length × 2, row-major: word i at (coordinates[2i], coordinates[2i + 1]). */
  readonly coordinates: Float64Array
  /** The words asked for that the vocabulary does not have, left out of the plot. */
  readonly missing: string[]
}

export function courseProjection(embeddings: Embeddings, words: readonly string[]): CourseProjection {
  const selection = rowsOfWords(embeddings, words)
  const { dim } = embeddings
  const n = selection.rows.length
  const vectors = new Float64Array(n * dim)
  selection.rows.forEach((row, i) => {
    for (let k = 0; k < dim; k++) vectors[i * dim + k] = embeddings.vectors[row * dim + k]!
  })
  const { mean, components } = pca2d(vectors, n, dim)
  const coordinates = new Float64Array(n * 2)
  for (let i = 0; i < n; i++) {
    let x = 0
    let y = 0
    for (let k = 0; k < dim; k++) {
      const centred = vectors[i * dim + k]! - mean[k]!
      x += centred * components[k]!
      y += centred * components[dim + k]!
    }
    coordinates[2 * i] = x
    coordinates[2 * i + 1] = y
  }
  return { words: selection.words, coordinates, missing: selection.missing }
}
