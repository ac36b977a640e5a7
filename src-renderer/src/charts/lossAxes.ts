/**
 * The loss chart's x axis: progress (words for the word2vec schedule, iterations for the
 * course's) or training seconds, with the labels and boundary positions to match.
 */
import type { LossRun, LossXAxis } from './chartTypes'

type Schedule = LossRun['schedule']

/** The x value of each point of `run` on the chosen axis. */
export function xValues(run: LossRun, axis: LossXAxis): readonly number[] {
  return axis === 'progress' ? run.x : run.t
}

const PROGRESS_UNIT: Record<Schedule, string> = { word2vec: 'words', cs224n: 'iterations' }

/** The axis title; runs of both schedules on one progress axis say so, since a word is not an iteration. */
export function xAxisName(axis: LossXAxis, schedules: readonly Schedule[]): string {
  if (axis === 'time') return 'training time'
  const units = [...new Set(schedules)].map((s) => PROGRESS_UNIT[s])
  return units.length === 0 ? PROGRESS_UNIT.word2vec : units.join(' / ')
}

/** 1234567 → "1.23M": word counts reach the billions and need to stay short on an axis. */
export function formatCompact(value: number): string {
  const abs = Math.abs(value)
  for (const [size, suffix] of [[1e9, 'G'], [1e6, 'M'], [1e3, 'k']] as const) {
    if (abs >= size) return `${trimmed(value / size)}${suffix}`
  }
  return trimmed(value)
}

/** 75 → "1:15", 9.5 → "9.5 s", 4000 → "1:06:40". */
export function formatSeconds(seconds: number): string {
  if (Math.abs(seconds) < 60) return `${trimmed(seconds)} s`
  const whole = Math.round(seconds)
  const h = Math.floor(whole / 3600)
  const m = Math.floor((whole % 3600) / 60)
  const s = String(whole % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}

/** A tick label on the chosen axis. */
export function formatX(value: number, axis: LossXAxis): string {
  return axis === 'time' ? formatSeconds(value) : formatCompact(value)
}

function trimmed(value: number): string {
  return String(Number(value.toPrecision(3)))
}

/**
 * The training second at which progress reached `progress`, interpolated between the points
 * around it (boundaries are reported in progress units; the time axis needs seconds). Null when
 * the run has no point at or after it yet.
 */
export function progressToTime(progress: number, x: readonly number[], t: readonly number[]): number | null {
  const n = Math.min(x.length, t.length)
  if (n === 0 || progress > x[n - 1]!) return null
  if (progress <= x[0]!) return t[0]!
  // The first point at or after `progress` (x only grows): binary search.
  let lo = 0
  let hi = n - 1
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1
    if (x[mid]! < progress) lo = mid
    else hi = mid
  }
  const x0 = x[lo]!
  const x1 = x[hi]!
  const t0 = t[lo]!
  const t1 = t[hi]!
  return x1 === x0 ? t1 : t0 + ((progress - x0) / (x1 - x0)) * (t1 - t0)
}

/** Where the run's epoch or anneal boundaries fall on the chosen axis (boundaries not yet reached in time are left out). */
export function boundaryPositions(run: LossRun, axis: LossXAxis): number[] {
  if (axis === 'progress') return [...run.boundaries]
  const positions: number[] = []
  for (const b of run.boundaries) {
    const seconds = progressToTime(b, run.x, run.t)
    if (seconds !== null) positions.push(seconds)
  }
  return positions
}

/** What a boundary marker says. */
export function boundaryLabel(schedule: Schedule): string {
  return schedule === 'word2vec' ? 'epoch' : 'anneal'
}
