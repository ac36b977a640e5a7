/** Numbers as the window shows them: en-US separators, so screenshots and tests read the same everywhere. */

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US')
}

export function formatPercent(fraction: number, digits = 0): string {
  return `${(100 * fraction).toFixed(digits)}%`
}

/** Relative errors and learning rates: 1.23e-7. */
export function formatScientific(x: number, digits = 2): string {
  return Number.isFinite(x) ? x.toExponential(digits) : String(x)
}

/** A learning rate or a loss: three significant digits, scientific when tiny. */
export function formatNumber(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x)
  if (x !== 0 && Math.abs(x) < 1e-3) return x.toExponential(digits - 1)
  return Number(x.toPrecision(digits)).toString()
}

export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return unit === 0 ? `${Math.round(value)} bytes` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`
}

/** Seconds as "42 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  if (s < 60) return `${s} s`
  const minutes = Math.floor(s / 60)
  if (minutes < 60) return `${minutes} min ${String(s % 60).padStart(2, '0')} s`
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`
}
