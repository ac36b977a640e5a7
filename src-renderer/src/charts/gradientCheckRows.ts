/**
 * The gradient-check chart's rows: one per check and parameter block, its worst relative error
 * on a log10 scale, where "1e-9 against 1e-5" reads as four orders of magnitude to spare.
 */
import type { GradientCheckRow } from '@contract/trainerResults'

export interface GradientErrorRow {
  /** "outsideVectors · skipgram / negSampling (dummy)": the block first, so a truncated label still says which one. */
  readonly label: string
  readonly check: string
  readonly problem: string
  readonly block: string
  /** Coordinates checked in this block. */
  readonly count: number
  readonly maxRelError: number
  readonly threshold: number
  /** log10(maxRelError): −∞ for an exact 0, +∞ when the numerical gradient was not finite, null for a NaN. */
  readonly log10Error: number | null
  readonly log10Threshold: number
  readonly passed: boolean
}

export function gradientErrorRows(rows: readonly GradientCheckRow[]): GradientErrorRow[] {
  return rows.flatMap((check) =>
    check.parameters.map((block) => ({
      label: `${block.name} · ${check.name} (${check.problem})`,
      check: check.name,
      problem: check.problem,
      block: block.name,
      count: block.count,
      maxRelError: block.maxRelError,
      threshold: block.threshold,
      log10Error: block.maxRelError >= 0 ? Math.log10(block.maxRelError) : null,
      log10Threshold: Math.log10(block.threshold),
      passed: block.passed,
    })),
  )
}

/** Below float64's relative precision nothing is meaningful: the lowest the axis ever goes. */
const LOWEST_LOG10 = -17

/**
 * The axis range in whole powers of ten: the bars start one below every error and threshold, so
 * each bar has some length and an exact 0 sits at the bottom; an infinite error reaches the top.
 */
export function log10Range(rows: readonly GradientErrorRow[]): { floor: number; ceiling: number } {
  let lowest = Infinity
  let highest = -Infinity
  for (const row of rows) {
    for (const value of [row.log10Error, row.log10Threshold]) {
      if (value === null || !Number.isFinite(value)) continue
      lowest = Math.min(lowest, value)
      highest = Math.max(highest, value)
    }
  }
  if (lowest > highest) return { floor: LOWEST_LOG10, ceiling: 0 }
  return { floor: Math.max(LOWEST_LOG10, Math.floor(lowest) - 1), ceiling: Math.ceil(highest) + 1 }
}

/** The bar's value: the error's log10, held inside the axis range (an exact 0 at the floor, ∞ at the ceiling). */
export function barValue(row: GradientErrorRow, range: { floor: number; ceiling: number }): number | null {
  if (row.log10Error === null) return null
  return Math.min(range.ceiling, Math.max(range.floor, row.log10Error))
}

/** "3.0e-10", or "0" for an exact match: the number written at the end of each bar. */
export function formatRelError(value: number): string {
  return value === 0 ? '0' : value.toExponential(1)
}

/** The distinct thresholds, each drawn as one line. */
export function distinctThresholds(rows: readonly GradientErrorRow[]): number[] {
  return [...new Set(rows.map((r) => r.threshold))].filter((t) => t > 0 && Number.isFinite(t))
}
