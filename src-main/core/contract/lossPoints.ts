/** The loss points of a progress batch, as columns; the trainer and the window both keep them this way. */
export interface LossPoints {
  x: number[]
  loss: number[]
  smoothedLoss: (number | null)[]
  alpha: number[]
  t: number[]
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
