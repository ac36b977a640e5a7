/**
 * Moving the scatter plot's points from one snapshot to the next instead of letting them jump,
 * so the eye can follow a word as training reshapes the space. Words that appear fade in where
 * they land; words that disappear are dropped at once.
 */

/** One drawn point. */
export interface ScatterPoint {
  readonly word: string
  readonly x: number
  readonly y: number
  /** 0 (invisible) to 1. */
  readonly opacity: number
}

/** A move from what is drawn now to the latest snapshot. */
export interface ScatterTransition {
  readonly from: readonly ScatterPoint[]
  readonly to: readonly ScatterPoint[]
}

/** Long enough to follow, short enough not to lag a snapshot a second. */
export const TWEEN_MS = 250

/**
 * Above this many points a move is drawn in one step: fifteen frames of thousands of labels
 * would cost more than the eye gains (projections of up to 10,000 words are allowed).
 */
export const MAX_TWEENED_POINTS = 1500

/** The snapshot's points; words without two finite coordinates are left out. */
export function snapshotPoints(words: readonly string[], coordinates: readonly number[]): ScatterPoint[] {
  const points: ScatterPoint[] = []
  words.forEach((word, i) => {
    const x = coordinates[2 * i]
    const y = coordinates[2 * i + 1]
    if (x !== undefined && y !== undefined && Number.isFinite(x) && Number.isFinite(y)) points.push({ word, x, y, opacity: 1 })
  })
  return points
}

/**
 * From the points drawn right now (perhaps halfway through the previous move, so an early
 * snapshot continues the motion rather than restarting it) to the new snapshot.
 */
export function planTransition(drawn: readonly ScatterPoint[], target: readonly ScatterPoint[]): ScatterTransition {
  const now = new Map(drawn.map((p) => [p.word, p]))
  const from = target.map((p) => now.get(p.word) ?? { ...p, opacity: 0 })
  return { from, to: target }
}

/** Fast at first, gentle at the end: the point settles rather than stops. */
export function easeOutCubic(progress: number): number {
  const p = Math.min(1, Math.max(0, progress))
  return 1 - (1 - p) ** 3
}

/** The points at `progress` ∈ [0, 1] of the move (eased). */
export function pointsAt(transition: ScatterTransition, progress: number): ScatterPoint[] {
  const e = easeOutCubic(progress)
  return transition.to.map((to, i) => {
    const from = transition.from[i]!
    return {
      word: to.word,
      x: from.x + (to.x - from.x) * e,
      y: from.y + (to.y - from.y) * e,
      opacity: from.opacity + (to.opacity - from.opacity) * e,
    }
  })
}

/**
 * [min, max] of each axis over the points a move ends at, padded. Only those: where the points
 * came from (another projection, an earlier snapshot) must not widen the axes they settle in.
 */
export function pointsExtent(points: readonly ScatterPoint[], padding = 0.08): { x: [number, number]; y: [number, number] } {
  return { x: paddedRange(points, (p) => p.x, padding), y: paddedRange(points, (p) => p.y, padding) }
}

function paddedRange(points: readonly ScatterPoint[], coordinate: (p: ScatterPoint) => number, padding: number): [number, number] {
  if (points.length === 0) return [-1, 1]
  let min = Infinity
  let max = -Infinity
  for (const p of points) {
    min = Math.min(min, coordinate(p))
    max = Math.max(max, coordinate(p))
  }
  // One point, or all on a line: give the axis some width so the point is not on its edge.
  const pad = max > min ? (max - min) * padding : Math.max(Math.abs(min) * padding, 1)
  return [min - pad, max + pad]
}
