/**
 * A log axis cannot place zero or a negative value (log10 is −∞ or undefined there) and ECharts
 * draws nonsense for them, so such points are dropped from a log-scaled chart instead.
 */

/** y as it can be drawn: NaN (not drawn) when the axis is logarithmic and y is not positive. */
export function logSafe(y: number, logScale: boolean): number {
  return logScale && !(y > 0) ? Number.NaN : y
}

/** The series as a log axis can draw it; the very same array when nothing needs dropping (the usual case). */
export function logSafeSeries(values: ArrayLike<number>, logScale: boolean): ArrayLike<number> {
  if (!logScale) return values
  for (let i = 0; i < values.length; i++) {
    if (!(values[i]! > 0) && Number.isFinite(values[i]!)) return Array.from(values, (y) => logSafe(y, true))
  }
  return values
}
