/**
 * The loss curve the trainer keeps of a run, whatever the window was sent: a window that
 * (re)connects draws it from `describe`. Bounded: past MAX_KEPT_POINTS the points are halved by
 * the rule the progress stream and the window use (halveLossPoints), and the boundaries by
 * keeping every other one, so a long run costs a coarser curve, never growing memory.
 */
import { type LossPoint, appendLossPoint } from '../core/contract/lossPoints'
import { MAX_KEPT_POINTS, type RunPoints } from '../core/contract/trainerProtocol'

export class RunCurve {
  private readonly points: RunPoints = { x: [], loss: [], smoothedLoss: [], alpha: [], t: [], boundaries: [] }

  constructor(private readonly maxPoints = MAX_KEPT_POINTS) {}

  add(point: LossPoint): void {
    appendLossPoint(this.points, point, this.maxPoints)
  }

  addBoundary(x: number): void {
    const b = this.points.boundaries
    b.push(x)
    if (b.length > this.maxPoints) {
      let kept = 0
      for (let i = 0; i < b.length; i += 2) b[kept++] = b[i]!
      b.length = kept
    }
  }

  /** A copy: the caller may send it while the run adds points. */
  snapshot(): RunPoints {
    const p = this.points
    return { x: [...p.x], loss: [...p.loss], smoothedLoss: [...p.smoothedLoss], alpha: [...p.alpha], t: [...p.t], boundaries: [...p.boundaries] }
  }
}
