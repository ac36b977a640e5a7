/**
 * One run's loss curve as it grows. Points are pushed onto plain arrays (never copied per
 * batch); past MAX_POINTS neighbouring points are merged in place, as the trainer does when the
 * window falls behind, so a long run costs a coarser curve rather than an ever larger one.
 */
import type { ProgressBatch } from '@contract/trainerProtocol'
import { halveLossPoints } from '@contract/lossPoints'

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

export function appendBatch(series: LossSeries, batch: Pick<ProgressBatch, 'x' | 'loss' | 'smoothedLoss' | 'alpha' | 't' | 'boundaries'>): void {
  for (let i = 0; i < batch.x.length; i++) {
    series.x.push(batch.x[i]!)
    series.loss.push(batch.loss[i]!)
    series.smoothedLoss.push(batch.smoothedLoss[i] ?? null)
    series.alpha.push(batch.alpha[i]!)
    series.t.push(batch.t[i]!)
  }
  for (const b of batch.boundaries) series.boundaries.push(b)
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
