/**
 * TensorBoard's debiased exponential moving average of a loss curve. Plain EMA starts from 0
 * and so drags the first points towards it; dividing by 1 − w^n (n = finite points seen so far)
 * removes that start-up bias, exactly as TensorBoard's scalar dashboard does.
 */

/** Smooths a series that only grows: each call processes the points added since the last one. */
export interface Smoother {
  readonly weight: number
  /** The smoothed series for `values` (NaN where a value is not finite); restarts if `values` is not the series seen before. */
  update(values: ArrayLike<number>): readonly number[]
}

export function createSmoother(weight: number): Smoother {
  if (!(weight >= 0 && weight < 1)) throw new RangeError(`The smoothing weight must be in [0, 1), got ${weight}.`)
  let source: ArrayLike<number> | null = null
  let smoothed: number[] = []
  let lastSeen = Number.NaN
  let last = 0
  // w^n for the n finite values so far, kept as a running product (a power per point costs more).
  let weightPower = 1

  return {
    weight,
    update(values) {
      const done = smoothed.length
      // Another array, or this one cut shorter or rewritten in place (a store merging old
      // points to bound memory), is a new series: start over.
      if (values !== source || values.length < done || (done > 0 && !Object.is(values[done - 1], lastSeen))) {
        source = values
        smoothed = []
        last = 0
        weightPower = 1
      }
      for (let i = smoothed.length; i < values.length; i++) {
        const x = values[i]!
        if (!Number.isFinite(x)) {
          // A non-finite value is skipped: it neither moves the average nor counts towards the debiasing.
          smoothed.push(Number.NaN)
          continue
        }
        last = last * weight + (1 - weight) * x
        weightPower *= weight
        smoothed.push(last / (1 - weightPower))
      }
      if (values.length > 0) lastSeen = values[values.length - 1]!
      return smoothed
    },
  }
}

/** smoothed_i = (w·last + (1 − w)·x_i) / (1 − w^(n_i)), n_i the finite values up to i; non-finite values give NaN. */
export function debiasedSmoothing(values: ArrayLike<number>, weight: number): readonly number[] {
  return createSmoother(weight).update(values)
}

