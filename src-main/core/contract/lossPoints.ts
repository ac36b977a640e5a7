/** The loss points of a progress batch, as columns; the trainer and the window both keep them this way. */
export interface LossPoints {
  x: number[]
  loss: number[]
  smoothedLoss: (number | null)[]
  alpha: number[]
  t: number[]
}

/** One point of a loss curve, as LossPoints holds it column by column. */
export interface LossPoint {
  readonly x: number
  readonly loss: number
  readonly smoothedLoss: number | null
  readonly alpha: number
  readonly t: number
}

/** Appends a point, halving the points once there are more than `maxPoints`, so the buffer stays bounded. */
export function appendLossPoint(p: LossPoints, point: LossPoint, maxPoints: number): void {
  p.x.push(point.x)
  p.loss.push(point.loss)
  p.smoothedLoss.push(point.smoothedLoss)
  p.alpha.push(point.alpha)
  p.t.push(point.t)
  if (p.x.length > maxPoints) halveLossPoints(p)
}

/**
 * Halves the points in place by merging neighbours: the later point's position, smoothed loss,
 * learning rate and time, and the mean of the two raw losses. A bounded buffer (the trainer's
 * coalesced batch, the window's long run) stays bounded without losing the curve's shape.
 */
export function halveLossPoints(p: LossPoints): void {
  const n = p.x.length
  const keep = Math.ceil(n / 2)
  for (let i = 0; i < keep; i++) {
    const a = 2 * i
    const b = Math.min(a + 1, n - 1)
    p.x[i] = p.x[b]!
    p.loss[i] = (p.loss[a]! + p.loss[b]!) / 2
    p.smoothedLoss[i] = p.smoothedLoss[b]!
    p.alpha[i] = p.alpha[b]!
    p.t[i] = p.t[b]!
  }
  for (const list of [p.x, p.loss, p.smoothedLoss, p.alpha, p.t]) list.length = keep
}
