/**
 * Scalar and vector functions every loss is built from, in forms that stay finite and accurate
 * for inputs far from zero.
 */

/** σ(x) = 1 / (1 + e^(−x)), evaluated so that e^t never overflows. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x))
  const e = Math.exp(x)
  return e / (1 + e)
}

/** log(1 + e^x) without overflow for large x or loss of precision for very negative x. */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)))
}

/** log σ(x) = −softplus(−x): finite where σ(x) itself underflows to 0. */
export function logSigmoid(x: number): number {
  return -softplus(-x)
}

/** log Σ e^(x_i), shifted by the maximum so no term overflows. */
export function logSumExp(x: ArrayLike<number>): number {
  let max = -Infinity
  for (let i = 0; i < x.length; i++) max = Math.max(max, x[i]!)
  if (max === -Infinity) return -Infinity
  let sum = 0
  for (let i = 0; i < x.length; i++) sum += Math.exp(x[i]! - max)
  return max + Math.log(sum)
}

/** softmax(x)_i = e^(x_i − max) / Σ_j e^(x_j − max): the max is subtracted so exp never overflows. */
export function softmax(x: ArrayLike<number>): Float64Array {
  let max = -Infinity
  for (let i = 0; i < x.length; i++) max = Math.max(max, x[i]!)
  const out = new Float64Array(x.length)
  let sum = 0
  for (let i = 0; i < x.length; i++) {
    out[i] = Math.exp(x[i]! - max)
    sum += out[i]!
  }
  for (let i = 0; i < x.length; i++) out[i]! /= sum
  return out
}
