/**
 * Loss points leave the trainer in batches, about every 50 ms, never one message per step.
 * Flow control: every batch carries a sequence number and the receiver acks the batches it has
 * handled; while more than `maxUnacked` are outstanding nothing is sent and new points coalesce
 * into the one pending batch, which is halved (neighbouring points merged) whenever it exceeds
 * `maxPoints`. A slow window therefore costs a coarser curve, never an unbounded queue.
 */
import type { ProgressBatch } from '../core/contract/trainerProtocol'
import type { RunProgress } from '../node/session/trainingRun'
import { appendLossPoint } from '../core/contract/lossPoints'
import type { RunCurve } from './runCurve'

export interface ProgressStreamOptions {
  readonly send: (batch: ProgressBatch) => void
  readonly everyMs?: number
  readonly maxUnacked?: number
  readonly maxPoints?: number
  /** Weight of the newest point in the smoothed loss when the schedule keeps no average of its own. */
  readonly smoothing?: number
}

interface RunSeries {
  readonly runId: string
  readonly schedule: ProgressBatch['schedule']
  readonly boundaryEvery: number
  readonly total: number
  /** Training seconds before this call to run (a restored run's), added to every point's t. */
  readonly secondsBefore: number
  /** Where the run's curve is kept, every point of it, whatever the receiver is sent. */
  readonly curve: RunCurve | null
  lastX: number
  ema: number | null
}

export interface StreamedRun {
  readonly runId: string
  readonly schedule: ProgressBatch['schedule']
  readonly boundaryEvery: number
  readonly total: number
  readonly done: number
  readonly secondsBefore?: number
  readonly curve?: RunCurve
}

interface Pending {
  x: number[]
  loss: number[]
  smoothedLoss: (number | null)[]
  alpha: number[]
  t: number[]
  boundaries: number[]
  summary: Pick<ProgressBatch, 'fraction' | 'epoch' | 'wordsPerSec' | 'iterationsPerSec' | 'etaSeconds'>
}

export class ProgressStream {
  private readonly everyMs: number
  private readonly maxUnacked: number
  private readonly maxPoints: number
  private readonly smoothing: number
  private series: RunSeries | null = null
  private pending: Pending | null = null
  private seq = 0
  private acked = 0
  private timer: ReturnType<typeof setInterval> | null = null

  constructor(private readonly options: ProgressStreamOptions) {
    this.everyMs = options.everyMs ?? 50
    this.maxUnacked = options.maxUnacked ?? 4
    this.maxPoints = options.maxPoints ?? 2000
    this.smoothing = options.smoothing ?? 0.1
  }

  /** Points from now on belong to this run; anything still pending from an earlier run is dropped. */
  begin(run: StreamedRun): void {
    this.pending = null
    this.series = {
      runId: run.runId, schedule: run.schedule, boundaryEvery: run.boundaryEvery, total: run.total,
      secondsBefore: run.secondsBefore ?? 0, curve: run.curve ?? null, lastX: run.done, ema: null,
    }
  }

  add(progress: RunProgress): void {
    const series = this.series
    if (!series) return
    const pending = (this.pending ??= { x: [], loss: [], smoothedLoss: [], alpha: [], t: [], boundaries: [], summary: { fraction: 0, epoch: null, wordsPerSec: null, iterationsPerSec: null, etaSeconds: null } })
    pending.summary = {
      fraction: progress.fraction, epoch: progress.epoch, wordsPerSec: progress.wordsPerSec,
      iterationsPerSec: series.schedule === 'cs224n' ? progress.xPerSecond : null, etaSeconds: progress.etaSeconds,
    }
    this.addBoundaries(series, pending, progress.x)
    if (progress.loss !== null && Number.isFinite(progress.loss)) {
      series.ema = series.ema === null ? progress.loss : (1 - this.smoothing) * series.ema + this.smoothing * progress.loss
      const point = {
        x: progress.x, loss: progress.loss, smoothedLoss: series.schedule === 'cs224n' ? progress.smoothedLoss : series.ema,
        alpha: progress.alpha, t: series.secondsBefore + progress.t,
      }
      series.curve?.add(point)
      appendLossPoint(pending, point, this.maxPoints)
    }
    this.timer ??= setInterval(() => this.flush(), this.everyMs)
  }

  /** The x of every epoch or anneal step that began since the previous point (at most maxPoints kept). */
  private addBoundaries(series: RunSeries, pending: Pending, x: number): void {
    const every = series.boundaryEvery
    if (every > 0 && x > series.lastX) {
      const first = Math.floor(series.lastX / every) + 1
      const last = Math.floor(Math.min(x, series.total - 1) / every)
      for (let m = first; m <= last; m++) series.curve?.addBoundary(m * every)
      for (let m = Math.max(first, last - this.maxPoints + 1); m <= last; m++) pending.boundaries.push(m * every)
      if (pending.boundaries.length > this.maxPoints) pending.boundaries.splice(0, pending.boundaries.length - this.maxPoints)
    }
    series.lastX = Math.max(series.lastX, x)
  }

  /** The receiver has handled every batch up to `seq`. */
  ack(seq: number): void {
    this.acked = Math.max(this.acked, Math.min(seq, this.seq))
    if (!this.congested) this.flush()
  }

  /** A new receiver cannot ack what the old one was sent: start its window afresh. */
  resetReceiver(): void {
    this.acked = this.seq
  }

  get congested(): boolean {
    return this.seq - this.acked >= this.maxUnacked
  }

  /**
   * Sends the pending batch now, unless the receiver is behind (then it waits for an ack).
   * `last`: the run is ending and its state event follows, so the batch goes even to a receiver
   * that is behind; waiting for the ack would show "stopped" with the curve's last points missing.
   */
  flush(last = false): void {
    const pending = this.pending
    const series = this.series
    if (!pending || !series) {
      this.stopTimer()
      return
    }
    if (this.congested && !last) return
    this.pending = null
    this.stopTimer()
    this.options.send({
      type: 'progress', seq: ++this.seq, runId: series.runId, schedule: series.schedule,
      x: pending.x, loss: pending.loss, smoothedLoss: pending.smoothedLoss, alpha: pending.alpha, t: pending.t,
      ...pending.summary, boundaries: pending.boundaries,
    })
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  dispose(): void {
    this.stopTimer()
    this.pending = null
  }
}
