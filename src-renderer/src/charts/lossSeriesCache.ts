/**
 * What the loss chart computed for each run at its last redraw. A batch only grows the current
 * run, so earlier runs are neither smoothed nor sampled again, and the current run is smoothed
 * only over its new points.
 */
import { downsampleLttb } from './downsample'
import { logSafeSeries } from './logScale'
import { createSmoother, type Smoother } from './smoothing'

export interface LossSeriesCache {
  /** The run's debiased smoothed loss (see smoothing.ts). */
  smoothed(runId: string, loss: ArrayLike<number>, weight: number): readonly number[]
  /** The curve as drawn: log-safe if asked, downsampled; recomputed only when its input changed. */
  sampled(key: string, x: ArrayLike<number>, y: ArrayLike<number>, logScale: boolean): [number, number][]
  /** Forget runs no longer drawn (keys start with their runId and ':'). */
  retain(runIds: ReadonlySet<string>): void
}

interface Sampled {
  readonly x: ArrayLike<number>
  readonly y: ArrayLike<number>
  /** Lengths and last values: the arrays grow (or are rewritten) in place, so identity alone is not enough. */
  readonly signature: string
  readonly result: [number, number][]
}

export function createLossSeriesCache(): LossSeriesCache {
  const smoothers = new Map<string, Smoother>()
  const samples = new Map<string, Sampled>()
  return {
    smoothed(runId, loss, weight) {
      let smoother = smoothers.get(runId)
      if (!smoother || smoother.weight !== weight) {
        smoother = createSmoother(weight)
        smoothers.set(runId, smoother)
      }
      return smoother.update(loss)
    },
    sampled(key, x, y, logScale) {
      const signature = `${logScale}|${x.length}|${y.length}|${x[0]}|${x[x.length - 1]}|${y[0]}|${y[y.length - 1]}`
      const cached = samples.get(key)
      if (cached && cached.x === x && cached.y === y && cached.signature === signature) return cached.result
      const result = downsampleLttb(x, logSafeSeries(y, logScale))
      samples.set(key, { x, y, signature, result })
      return result
    },
    retain(runIds) {
      for (const runId of smoothers.keys()) if (!runIds.has(runId)) smoothers.delete(runId)
      for (const key of samples.keys()) if (!runIds.has(key.slice(0, key.lastIndexOf(':')))) samples.delete(key)
    },
  }
}
