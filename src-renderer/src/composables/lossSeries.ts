/**
 * One run's loss curve as it grows. Points are pushed onto plain arrays (never copied per
 * batch); past MAX_POINTS neighbouring points are merged in place, as the trainer does when the
 * window falls behind, so a long run costs a coarser curve rather than an ever larger one.
 */
import { type LossPoints, halveLossPoints } from '@contract/lossPoints'
import type { ProgressBatch, RunPoints } from '@contract/trainerProtocol'

export const MAX_POINTS = 50_000

export interface LossSeries {
  readonly x: number[]
  readonly loss: number[]
  /** The trainer's running average (null before it has one). */
  readonly smoothedLoss: (number | null)[]
  readonly alpha: number[]
  readonly t: number[]
  readonly boundaries: number[]
}

export function emptySeries(): LossSeries {
  return { x: [], loss: [], smoothedLoss: [], alpha: [], t: [], boundaries: [] }
}

/** Points at or before the series' last x are skipped: the trainer's account of the run already held them. */
export function appendBatch(series: LossSeries, batch: Pick<ProgressBatch, 'x' | 'loss' | 'smoothedLoss' | 'alpha' | 't' | 'boundaries'>): void {
  const last = series.x.at(-1) ?? -Infinity
  for (let i = 0; i < batch.x.length; i++) {
    if (batch.x[i]! <= last) continue
    series.x.push(batch.x[i]!)
    series.loss.push(batch.loss[i]!)
    series.smoothedLoss.push(batch.smoothedLoss[i] ?? null)
    series.alpha.push(batch.alpha[i]!)
    series.t.push(batch.t[i]!)
  }
  for (const b of batch.boundaries) if (b > last) series.boundaries.push(b)
  if (series.x.length > MAX_POINTS) halveLossPoints(series)
}

/** The first and the latest smoothed loss the trainer reported, or null while there is none. */
export function smoothedEnds(series: LossSeries): { first: number; last: number } | null {
  const values = series.smoothedLoss
  const first = values.find((v): v is number => v !== null)
  if (first === undefined) return null
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i]
    if (v !== null && v !== undefined) return { first, last: v }
  }
  return null
}

/** A copy of points the trainer kept, as a series the window can grow. */
export function seriesOf(points: RunPoints): LossSeries {
  return { x: [...points.x], loss: [...points.loss], smoothedLoss: [...points.smoothedLoss], alpha: [...points.alpha], t: [...points.t], boundaries: [...points.boundaries] }
}

/**
 * The trainer's points for a run, completed by what the window holds outside their range: the
 * curve before a checkpoint a restored run began at, and batches that streamed in before the
 * trainer's account of the run arrived.
 */
export function mergeSeries(held: LossSeries, described: RunPoints): LossSeries {
  const first = described.x[0]
  const last = described.x.at(-1)
  if (first === undefined || last === undefined) return seriesOf(held)
  const merged = emptySeries()
  appendRange(merged, held, (x) => x < first)
  appendRange(merged, described, () => true)
  appendRange(merged, held, (x) => x > last)
  return merged
}

function appendRange(into: LossSeries, from: LossPoints & { readonly boundaries: readonly number[] }, keep: (x: number) => boolean): void {
  const at = from.x.flatMap((x, i) => (keep(x) ? [i] : []))
  appendBatch(into, {
    x: at.map((i) => from.x[i]!), loss: at.map((i) => from.loss[i]!), smoothedLoss: at.map((i) => from.smoothedLoss[i] ?? null),
    alpha: at.map((i) => from.alpha[i]!), t: at.map((i) => from.t[i]!), boundaries: from.boundaries.filter(keep),
  })
}

/** Drops the points after `x`: a run restored from its checkpoint redoes them. */
export function cutAfter(series: LossSeries, x: number): void {
  const keep = series.x.findIndex((value) => value > x)
  if (keep >= 0) for (const list of [series.x, series.loss, series.smoothedLoss, series.alpha, series.t]) list.length = keep
  const boundaries = series.boundaries.filter((b) => b <= x)
  series.boundaries.length = 0
  series.boundaries.push(...boundaries)
}
