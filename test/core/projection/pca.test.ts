import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { ProjectionError, pca2d, pcaOfTopN, pcaOfWords } from '../../../src-main/core/projection/index'
import { type SymmetricEigen, symmetricEigen } from '../../../src-main/core/projection/symmetricEigen'
import { Random } from '../../../src-main/core/random'
import { type Embeddings } from '../../../src-main/core/vectors/embeddings'
import { PYTHON, pythonCanImport } from '../../support/python'

const hasNumpy = pythonCanImport('numpy', 'the PCA comparison with NumPy')

function unit(v: number[]): number[] {
  const length = Math.hypot(...v)
  return v.map((x) => x / length)
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>, offset = 0): number {
  let sum = 0
  for (let k = 0; k < b.length; k++) sum += a[offset + k]! * b[k]!
  return sum
}

function randomMatrix(rows: number, dim: number, seed: number): Float64Array {
  const random = new Random(seed)
  return Float64Array.from({ length: rows * dim }, () => random.normal())
}

/** Points spread 10 along u, 3 along v and 0.01 elsewhere. */
function stretched(rows: number, dim: number, u: number[], v: number[], seed: number): Float64Array {
  const random = new Random(seed)
  const out = new Float64Array(rows * dim)
  for (let i = 0; i < rows; i++) {
    const a = 10 * random.normal()
    const b = 3 * random.normal()
    for (let k = 0; k < dim; k++) out[i * dim + k] = 5 + a * u[k]! + b * v[k]! + 0.01 * random.normal()
  }
  return out
}

/** Cyclic Jacobi: slow but simple and independent, the reference for symmetricEigen. */
function jacobiEigen(matrix: Float64Array, n: number): SymmetricEigen {
  const a = Float64Array.from(matrix)
  const v = new Float64Array(n * n)
  for (let i = 0; i < n; i++) v[i * n + i] = 1
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0
    let diag = 0
    for (let p = 0; p < n; p++) {
      diag += a[p * n + p]! ** 2
      for (let q = p + 1; q < n; q++) off += a[p * n + q]! ** 2
    }
    if (off <= 1e-32 * diag || off === 0) break
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!
        if (apq === 0) continue
        const app = a[p * n + p]!
        const aqq = a[q * n + q]!
        // The rotation angle that zeroes a[p][q], in the stable form of Numerical Recipes.
        const theta = (aqq - app) / (2 * apq)
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1))
        const c = 1 / Math.sqrt(t * t + 1)
        const s = t * c
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!
          const akq = a[k * n + q]!
          a[k * n + p] = c * akp - s * akq
          a[k * n + q] = s * akp + c * akq
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!
          const aqk = a[q * n + k]!
          a[p * n + k] = c * apk - s * aqk
          a[q * n + k] = s * apk + c * aqk
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!
          const vkq = v[k * n + q]!
          v[k * n + p] = c * vkp - s * vkq
          v[k * n + q] = s * vkp + c * vkq
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j]! - a[i * n + i]!)
  const values = new Float64Array(n)
  const vectors = new Float64Array(n * n)
  order.forEach((from, to) => {
    values[to] = a[from * n + from]!
    for (let k = 0; k < n; k++) vectors[to * n + k] = v[k * n + from]!
  })
  return { values, vectors }
}

describe('symmetric eigen solvers', () => {
  it('Jacobi diagonalises a small symmetric matrix: A v = λ v, values descending', () => {
    const a = Float64Array.from([4, 1, 2, 1, 3, 0.5, 2, 0.5, 1])
    const { values, vectors } = jacobiEigen(a, 3)
    expect(values[0]).toBeGreaterThan(values[1]!)
    expect(values[1]).toBeGreaterThan(values[2]!)
    for (let j = 0; j < 3; j++) {
      for (let r = 0; r < 3; r++) {
        const av = a[r * 3]! * vectors[j * 3]! + a[r * 3 + 1]! * vectors[j * 3 + 1]! + a[r * 3 + 2]! * vectors[j * 3 + 2]!
        expect(av).toBeCloseTo(values[j]! * vectors[j * 3 + r]!, 12)
      }
    }
  })

  it('Householder + QL agrees with Jacobi on every eigenpair, repeated eigenvalues included', () => {
    const d = 30
    const x = randomMatrix(60, d, 4)
    const c = new Float64Array(d * d)
    for (let i = 0; i < 60; i++) for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) c[a * d + b]! += x[i * d + a]! * x[i * d + b]!
    const full = jacobiEigen(c, d)
    const fast = symmetricEigen(c, d)
    for (let j = 0; j < d; j++) {
      expect(fast.values[j]).toBeCloseTo(full.values[j]!, 9)
      expect(Math.abs(dot(fast.vectors.subarray(j * d, (j + 1) * d), full.vectors.subarray(j * d, (j + 1) * d)))).toBeCloseTo(1, 8)
    }
    // diag(5, 5, 5, 1) turned by a rotation: three equal eigenvalues, any basis of their space is right.
    const q = symmetricEigen(Float64Array.from([2, 1, 0, 0, 1, 2, 1, 0, 0, 1, 2, 1, 0, 0, 1, 2]), 4).vectors
    const diagonal = [5, 5, 5, 1]
    const a = new Float64Array(16)
    for (let r = 0; r < 4; r++) for (let s = 0; s < 4; s++) for (let k = 0; k < 4; k++) a[r * 4 + s]! += q[k * 4 + r]! * diagonal[k]! * q[k * 4 + s]!
    const repeated = symmetricEigen(a, 4)
    expect(Array.from(repeated.values).map((value) => Math.round(value * 1e9) / 1e9)).toEqual([5, 5, 5, 1])
    for (let j = 0; j < 4; j++) {
      const v = repeated.vectors.subarray(j * 4, (j + 1) * 4)
      for (let r = 0; r < 4; r++) expect(dot(a.subarray(r * 4, r * 4 + 4), v)).toBeCloseTo(repeated.values[j]! * v[r]!, 10)
      for (let k = 0; k < j; k++) expect(dot(v, repeated.vectors.subarray(k * 4, (k + 1) * 4))).toBeCloseTo(0, 10)
    }
  })
})

describe('pca2d', () => {
  it('recovers known principal axes and their share of the variance', () => {
    const dim = 12
    const u = unit([1, 2, 0, -1, 0, 0, 3, 0, 0, 1, 0, 0])
    // v is orthogonal to u.
    const raw = [0, 1, 1, 2, 0, -1, 0, 0, 2, 0, 1, 0]
    const uv = dot(raw, u)
    const v = unit(raw.map((x, k) => x - uv * u[k]!))
    const result = pca2d(stretched(2000, dim, u, v, 1), 2000, dim)
    expect(Math.abs(dot(result.components, u))).toBeGreaterThan(0.9999)
    expect(Math.abs(dot(result.components, v, dim))).toBeGreaterThan(0.999)
    const [first, second] = result.explainedVariance
    expect(first).toBeCloseTo(100 / 109, 1)
    expect(second).toBeCloseTo(9 / 109, 1)
    expect(first + second).toBeGreaterThan(0.999)
  })

  it.skipIf(!hasNumpy)('matches NumPy\'s SVD of the centred matrix (coordinates up to sign, explained variance)', () => {
    const rows = 200
    const dim = 20
    const x = randomMatrix(rows, dim, 42)
    const script = `
import json, sys
import numpy as np
data = json.load(sys.stdin)
x = np.array(data['x'], dtype=np.float64).reshape(data['rows'], data['dim'])
xc = x - x.mean(axis=0)
u, s, vt = np.linalg.svd(xc, full_matrices=False)
print(json.dumps({'coordinates': (xc @ vt[:2].T).ravel().tolist(), 'explained': (s[:2] ** 2 / np.sum(s ** 2)).tolist(), 'components': vt[:2].ravel().tolist()}))
`
    const out = spawnSync(PYTHON, ['-c', script], { input: JSON.stringify({ x: Array.from(x), rows, dim }), encoding: 'utf8' })
    expect(out.status, out.stderr).toBe(0)
    const numpy = JSON.parse(out.stdout) as { coordinates: number[]; explained: number[]; components: number[] }
    const result = pca2d(x, rows, dim)
    expect(result.explainedVariance[0]).toBeCloseTo(numpy.explained[0]!, 12)
    expect(result.explainedVariance[1]).toBeCloseTo(numpy.explained[1]!, 12)
    for (let j = 0; j < 2; j++) {
      const sign = Math.sign(dot(result.components, numpy.components.slice(j * dim, (j + 1) * dim), j * dim))
      for (let k = 0; k < dim; k++) expect(Math.abs(sign * result.components[j * dim + k]! - numpy.components[j * dim + k]!)).toBeLessThan(1e-8)
      for (let i = 0; i < rows; i++) expect(Math.abs(sign * result.coordinates[2 * i + j]! - numpy.coordinates[2 * i + j]!)).toBeLessThan(1e-5)
    }
  })

  it('fixes each component\'s sign so its largest loading is positive, whatever the data\'s sign or row order', () => {
    const rows = 100
    const dim = 8
    const x = randomMatrix(rows, dim, 7)
    const result = pca2d(x, rows, dim)
    for (let j = 0; j < 2; j++) {
      const component = Array.from(result.components.subarray(j * dim, (j + 1) * dim))
      const largest = component.reduce((best, value) => (Math.abs(value) > Math.abs(best) ? value : best), 0)
      expect(largest).toBeGreaterThan(0)
    }
    const negated = pca2d(x.map((value) => -value), rows, dim)
    expect(Array.from(negated.components)).toEqual(Array.from(result.components).map((value) => expect.closeTo(value, 12)))
    const reversed = new Float64Array(rows * dim)
    for (let i = 0; i < rows; i++) reversed.set(x.subarray(i * dim, (i + 1) * dim), (rows - 1 - i) * dim)
    const again = pca2d(reversed, rows, dim)
    for (let k = 0; k < 2 * dim; k++) expect(again.components[k]).toBeCloseTo(result.components[k]!, 10)
    expect(Array.from(pca2d(x, rows, dim).coordinates)).toEqual(Array.from(result.coordinates))
  })

  it('keeps successive frames of slowly changing data from flipping when given the previous frame', () => {
    // The top direction has two loadings of equal size and opposite sign, so the default sign
    // rule is a coin toss from frame to frame, and λ1 ≈ λ2 lets the axes turn freely.
    const dim = 6
    const u = unit([1, -1, 0, 0, 0.1, 0])
    const v = unit([0, 0, 1, -1, 0, 0.1])
    const random = new Random(3)
    const rows = 300
    const base = new Float64Array(rows * dim)
    for (let i = 0; i < rows; i++) {
      const a = random.normal()
      const b = random.normal()
      for (let k = 0; k < dim; k++) base[i * dim + k] = a * u[k]! + b * v[k]! + 0.05 * random.normal()
    }
    let previous: Float32Array | null = null
    let previousAligned: Float32Array | null = null
    let unalignedJumps = 0
    for (let frame = 0; frame < 20; frame++) {
      const data = base.map((value) => value + 0.02 * random.normal())
      const plain = pca2d(data, rows, dim).coordinates
      const aligned: Float32Array = pca2d(data, rows, dim, previousAligned ? { previous: previousAligned } : {}).coordinates
      if (previous) {
        if (meanMove(plain, previous) > 0.5) unalignedJumps++
      }
      if (previousAligned) expect(meanMove(aligned, previousAligned)).toBeLessThan(0.1)
      previous = plain
      previousAligned = aligned
    }
    // Without alignment the frames do jump, so the check above could have failed.
    expect(unalignedJumps).toBeGreaterThan(0)
  })

  it('with alignment \'signs\' only flips axes, keeping each axis a principal component', () => {
    const rows = 80
    const dim = 5
    const x = randomMatrix(rows, dim, 11)
    const first = pca2d(x, rows, dim)
    const flipped = Float32Array.from(first.coordinates, (value, k) => (k % 2 === 0 ? -value : value))
    const result = pca2d(x, rows, dim, { previous: flipped, alignment: 'signs' })
    expect(result.alignment.matrix).toEqual([-1, 0, 0, 1])
    for (let k = 0; k < flipped.length; k++) expect(result.coordinates[k]).toBeCloseTo(flipped[k]!, 5)
  })

  it('keeps coordinates equal to the centred rows projected on the returned components, after alignment too', () => {
    const rows = 50
    const dim = 7
    const x = randomMatrix(rows, dim, 5)
    const previous = Float32Array.from({ length: 2 * rows }, (_, k) => Math.sin(k))
    const result = pca2d(x, rows, dim, { previous })
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < 2; j++) {
        let value = 0
        for (let k = 0; k < dim; k++) value += (x[i * dim + k]! - result.mean[k]!) * result.components[j * dim + k]!
        expect(result.coordinates[2 * i + j]).toBeCloseTo(value, 5)
      }
    }
    expect(dot(result.components, result.components.subarray(dim))).toBeCloseTo(0, 12)
  })

  it('handles degenerate input: one row, identical rows, one dimension', () => {
    expect(Array.from(pca2d(Float32Array.from([1, 2, 3]), 1, 3).coordinates)).toEqual([0, 0])
    const same = pca2d(Float32Array.from([1, 2, 1, 2, 1, 2]), 3, 2)
    expect(Array.from(same.coordinates)).toEqual([0, 0, 0, 0, 0, 0])
    expect(same.explainedVariance).toEqual([0, 0])
    const line = pca2d(Float32Array.from([1, 2, 4]), 3, 1)
    expect(Array.from(line.coordinates).map((value) => Math.round(value * 1e6) / 1e6)).toEqual([-4 / 3, 0, -1 / 3, 0, 5 / 3, 0].map((value) => Math.round(value * 1e6) / 1e6))
    expect(line.explainedVariance).toEqual([1, 0])
  })

  it('refuses vectors of the wrong size or holding NaN, with a typed error', () => {
    expect(() => pca2d(new Float32Array(5), 2, 3)).toThrow(ProjectionError)
    expect(() => pca2d(Float32Array.from([1, Number.NaN, 3, 4]), 2, 2)).toThrow(/Row 0 .*NaN/)
  })
})

describe('pcaOfWords and pcaOfTopN', () => {
  const random = new Random(9)
  const embeddings: Embeddings = {
    words: ['the', 'king', 'queen', 'man', 'woman'],
    vectors: Float32Array.from({ length: 5 * 4 }, () => random.normal()),
    dim: 4,
    counts: null,
  }

  it('projects the words found, in the order asked, once each, and lists the missing ones', () => {
    const result = pcaOfWords(embeddings, ['queen', 'unicorn', 'king', 'queen', 'man'])
    expect(result.words).toEqual(['queen', 'king', 'man'])
    expect(Array.from(result.rows)).toEqual([2, 1, 3])
    expect(result.missing).toEqual(['unicorn'])
    expect(result.projection.method).toBe('pca')
    expect(Array.from(result.projection.rows)).toEqual([2, 1, 3])
    const direct = pca2d(Float32Array.from([...embeddings.vectors.subarray(8, 12), ...embeddings.vectors.subarray(4, 8), ...embeddings.vectors.subarray(12, 16)]), 3, 4)
    expect(Array.from(result.coordinates)).toEqual(Array.from(direct.coordinates))
  })

  it('projects the n most frequent words, or all of them when there are fewer', () => {
    const top = pcaOfTopN(embeddings, 3)
    expect(top.words).toEqual(['the', 'king', 'queen'])
    expect(top.coordinates).toHaveLength(6)
    expect(pcaOfTopN(embeddings, 50).words).toHaveLength(5)
    expect(() => pcaOfTopN(embeddings, -1)).toThrow(ProjectionError)
  })
})

function meanMove(a: Float32Array, b: Float32Array): number {
  let sum = 0
  for (let i = 0; i < a.length / 2; i++) sum += Math.hypot(a[2 * i]! - b[2 * i]!, a[2 * i + 1]! - b[2 * i + 1]!)
  return sum / (a.length / 2)
}
