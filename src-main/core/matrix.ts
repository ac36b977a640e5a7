/**
 * Dense float64 vectors and matrices for the reference implementation. A matrix is flat and
 * row-major with one word per row (|V| × d), the layout the fast kernels use too, so a row is a
 * zero-copy `subarray` view.
 */

export type Vector = Float64Array

export interface Matrix {
  readonly rows: number
  readonly cols: number
  readonly data: Float64Array
}

export function zerosMatrix(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols) }
}

export function matrixFromRows(rows: readonly (readonly number[])[]): Matrix {
  const cols = rows.length === 0 ? 0 : rows[0]!.length
  const m = zerosMatrix(rows.length, cols)
  rows.forEach((r, i) => {
    if (r.length !== cols) throw new RangeError(`Row ${i} has ${r.length} values; row 0 has ${cols}.`)
    m.data.set(r, i * cols)
  })
  return m
}

export function matrixToRows(m: Matrix): number[][] {
  return Array.from({ length: m.rows }, (_, i) => Array.from(row(m, i)))
}

/** A view of row i; writing to it writes to the matrix. */
export function row(m: Matrix, i: number): Float64Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols)
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0
  for (let k = 0; k < a.length; k++) s += a[k]! * b[k]!
  return s
}

/** y += alpha · x */
export function axpy(alpha: number, x: ArrayLike<number>, y: Float64Array): void {
  for (let k = 0; k < y.length; k++) y[k]! += alpha * x[k]!
}

/** Each row scaled to unit length (rows of zeros stay zero), as the course's `normalizeRows`. */
export function normalizeRows(m: Matrix): Matrix {
  const out = zerosMatrix(m.rows, m.cols)
  for (let i = 0; i < m.rows; i++) {
    const r = row(m, i)
    const norm = Math.sqrt(dot(r, r))
    if (norm > 0) axpy(1 / norm, r, row(out, i))
  }
  return out
}

/** A rows × cols matrix of standard normal draws. */
export function randomNormalMatrix(rows: number, cols: number, random: { normal(): number }): Matrix {
  const m = zerosMatrix(rows, cols)
  for (let k = 0; k < m.data.length; k++) m.data[k] = random.normal()
  return m
}
