/**
 * Largest-Triangle-Three-Buckets (Steinarsson, 2013): keeps the shape of a long curve in a few
 * thousand points, so drawing costs the same after a million loss points as after two thousand.
 * The first and last points are always kept, so the curve still ends where training is.
 */

/** About as many points as a chart is pixels wide, with room for zoom. */
export const MAX_POINTS_PER_SERIES = 2000

/** [x, y] pairs where both are finite, at most `maxPoints` of them, chosen by LTTB. */
export function downsampleLttb(x: ArrayLike<number>, y: ArrayLike<number>, maxPoints = MAX_POINTS_PER_SERIES): [number, number][] {
  if (maxPoints < 3) throw new RangeError(`Downsampling needs room for at least 3 points, got ${maxPoints}.`)
  // The finite points, packed: one pass, then the buckets read plain typed arrays.
  const length = Math.min(x.length, y.length)
  const xs = new Float64Array(length)
  const ys = new Float64Array(length)
  let n = 0
  for (let i = 0; i < length; i++) {
    const xi = x[i]!
    const yi = y[i]!
    if (Number.isFinite(xi) && Number.isFinite(yi)) {
      xs[n] = xi
      ys[n] = yi
      n++
    }
  }
  if (n <= maxPoints) return Array.from({ length: n }, (_, k): [number, number] => [xs[k]!, ys[k]!])

  // The points between the first and the last fall into maxPoints − 2 buckets of equal count.
  const sampled: [number, number][] = [[xs[0]!, ys[0]!]]
  const bucketSize = (n - 2) / (maxPoints - 2)
  let previous = 0
  for (let b = 0; b < maxPoints - 2; b++) {
    const start = Math.floor(b * bucketSize) + 1
    const end = Math.floor((b + 1) * bucketSize) + 1

    // The next bucket's mean is the triangle's third corner (the last point, for the last bucket).
    const nextEnd = Math.min(Math.floor((b + 2) * bucketSize) + 1, n)
    let meanX = xs[n - 1]!
    let meanY = ys[n - 1]!
    if (nextEnd > end) {
      meanX = 0
      meanY = 0
      for (let k = end; k < nextEnd; k++) {
        meanX += xs[k]!
        meanY += ys[k]!
      }
      meanX /= nextEnd - end
      meanY /= nextEnd - end
    }

    const ax = xs[previous]!
    const ay = ys[previous]!
    let chosen = start
    let largestArea = -1
    for (let k = start; k < end; k++) {
      const area = Math.abs((ax - meanX) * (ys[k]! - ay) - (ax - xs[k]!) * (meanY - ay))
      if (area > largestArea) {
        largestArea = area
        chosen = k
      }
    }
    sampled.push([xs[chosen]!, ys[chosen]!])
    previous = chosen
  }
  sampled.push([xs[n - 1]!, ys[n - 1]!])
  return sampled
}
