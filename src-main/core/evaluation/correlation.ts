/**
 * Pearson's r and Spearman's ρ with scipy.stats' definitions (pearsonr, spearmanr), which is
 * what gensim's evaluate_word_pairs reports: ρ is Pearson's r of the ranks, tied values sharing
 * their average rank. Where scipy refuses or warns (fewer than two pairs, a constant input) the
 * answer is NaN.
 */

export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length
  if (n !== y.length) throw new RangeError(`Pearson's r needs two series of the same length, not ${n} and ${y.length}.`)
  if (n < 2 || isConstant(x) || isConstant(y)) return NaN
  if (n === 2) return Math.sign(x[1]! - x[0]!) * Math.sign(y[1]! - y[0]!)
  let xMean = 0
  let yMean = 0
  for (let i = 0; i < n; i++) {
    xMean += x[i]!
    yMean += y[i]!
  }
  xMean /= n
  yMean /= n
  let xy = 0
  let xx = 0
  let yy = 0
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - xMean
    const dy = y[i]! - yMean
    xy += dx * dy
    xx += dx * dx
    yy += dy * dy
  }
  return Math.max(-1, Math.min(1, xy / Math.sqrt(xx * yy)))
}

export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new RangeError(`Spearman's ρ needs two series of the same length, not ${x.length} and ${y.length}.`)
  if (x.length < 2) return NaN
  return pearson(averageRanks(x), averageRanks(y))
}

/** 1-based ranks; a run of equal values all get the mean of the ranks they span (scipy's rankdata 'average'). */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const order = Array.from({ length: values.length }, (_, i) => i).sort((i, j) => values[i]! - values[j]!)
  const ranks = new Float64Array(values.length)
  for (let start = 0; start < order.length;) {
    let end = start + 1
    while (end < order.length && values[order[end]!] === values[order[start]!]) end++
    // Positions start..end-1 hold ranks start+1..end, whose mean is (start + 1 + end) / 2.
    const rank = (start + 1 + end) / 2
    for (let i = start; i < end; i++) ranks[order[i]!] = rank
    start = end
  }
  return ranks
}

function isConstant(values: ArrayLike<number>): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return false
  return true
}
