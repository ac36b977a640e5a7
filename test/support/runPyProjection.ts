/**
 * run.py's projection computed independently of the app's PCA, in float64:
 * temp = X − mean; covariance = tempᵀ temp / n; the two leading eigenvectors of the covariance
 * (its left singular vectors) by power iteration with deflation; coord = temp @ U[:, :2].
 * Slower and cruder than symmetricEigen, and sharing no code with it.
 */
export function runPyProjection(rows: readonly (readonly number[])[]): [number, number][] {
  const n = rows.length
  const d = rows[0]!.length
  const mean = Array.from({ length: d }, (_, k) => rows.reduce((s, r) => s + r[k]!, 0) / n)
  const temp = rows.map((r) => r.map((v, k) => v - mean[k]!))
  const cov = Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, b) => temp.reduce((s, r) => s + r[a]! * r[b]!, 0) / n))
  const components: number[][] = []
  for (let c = 0; c < 2; c++) {
    let v = Array.from({ length: d }, (_, k) => 1 + k / d)
    let value = 0
    for (let iteration = 0; iteration < 20_000; iteration++) {
      const next = cov.map((row) => row.reduce((s, x, k) => s + x * v[k]!, 0))
      const norm = Math.hypot(...next)
      if (norm === 0) break
      const unit = next.map((x) => x / norm)
      const change = Math.hypot(...unit.map((x, k) => x - v[k]!))
      v = unit
      value = norm
      if (change < 1e-15) break
    }
    components.push(v)
    // Deflate: remove this direction so the next power iteration finds the second.
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) cov[a]![b]! -= value * v[a]! * v[b]!
  }
  return temp.map((r) => [r.reduce((s, x, k) => s + x * components[0]![k]!, 0), r.reduce((s, x, k) => s + x * components[1]![k]!, 0)])
}
