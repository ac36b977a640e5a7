/**
 * A few rows of a row-major matrix, copied: what a plot or a check reads while training, without
 * copying all |V| × d floats (100 MB at 252k × 100) to use a few hundred rows.
 */

/** Where a matrix's rows lie in a flat array: the first float, the floats per row (≥ dim, for padding) and the number of rows. */
export interface RowLayout {
  readonly offset: number
  readonly stride: number
  readonly rows: number
}

/**
 * Rows `rows` of the matrix (each `dim` floats, padding left out), in the order given, as one
 * rows.length × dim array of the source's own float type. A row outside the matrix is a RangeError.
 */
export function copyRows(matrix: Float32Array, rows: readonly number[], dim: number, layout?: RowLayout): Float32Array
export function copyRows(matrix: Float64Array, rows: readonly number[], dim: number, layout?: RowLayout): Float64Array
export function copyRows(matrix: Float32Array | Float64Array, rows: readonly number[], dim: number, layout?: RowLayout): Float32Array | Float64Array
export function copyRows(matrix: Float32Array | Float64Array, rows: readonly number[], dim: number, layout: RowLayout = { offset: 0, stride: dim, rows: matrix.length / dim }): Float32Array | Float64Array {
  const out = matrix instanceof Float64Array ? new Float64Array(rows.length * dim) : new Float32Array(rows.length * dim)
  rows.forEach((row, i) => {
    if (!Number.isInteger(row) || row < 0 || row >= layout.rows) throw new RangeError(`Row ${row} is not one of the matrix's ${layout.rows} rows.`)
    const start = layout.offset + row * layout.stride
    out.set(matrix.subarray(start, start + dim), i * dim)
  })
  return out
}
