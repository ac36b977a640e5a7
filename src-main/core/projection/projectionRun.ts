/**
 * t-SNE and UMAP take seconds to minutes, so they run in steps, as in the Embedding Projector
 * (one t-SNE iteration per frame, UMAP ten epochs at a time): the host calls `step`, draws or
 * posts the coordinates, and can stop at any step. `runProjection` is that loop for hosts that
 * only want progress callbacks and a cancel check.
 */
import { type Projection, type ProjectionMethod, cancelledProjectionError } from './projection'

/** 'preparing': finding neighbours and building affinities; 'layout': moving the points. */
export type ProjectionPhase = 'preparing' | 'layout' | 'done' | 'cancelled'

export interface ProjectionStep {
  readonly phase: ProjectionPhase
  /** Layout iterations (t-SNE) or epochs (UMAP) done, of `iterations`. */
  readonly iteration: number
  readonly iterations: number
  /** Rough share of the whole job done, 0..1, preparation included, for a progress bar. */
  readonly fraction: number
  /** The current layout, rows × 2 (a copy). All zeros until the layout has started, for UMAP. */
  readonly coordinates: Float32Array
}

export interface ProjectionRun {
  readonly method: Exclude<ProjectionMethod, 'pca'>
  /** Which input rows are projected, ascending. */
  readonly rows: Int32Array
  readonly inputRows: number
  readonly sampled: boolean
  readonly cap: number | null
  readonly iterations: number
  readonly phase: ProjectionPhase
  /**
   * Advances by up to `count` layout iterations (default 1). While preparing, a call does one
   * slice of the preparation (tens of milliseconds) instead, and no iteration. After `cancel`,
   * or once done, it does nothing.
   */
  step(count?: number): ProjectionStep
  /** Stops the run for good; later steps return phase 'cancelled'. */
  cancel(): void
  /** The layout so far as a projection (a copy). */
  projection(): Projection
}

/** How much of the progress bar preparation takes; its true share varies with size and dimension. */
export const PREPARING_SHARE = 0.2

export function progressFraction(phase: ProjectionPhase, preparing: number, iteration: number, iterations: number): number {
  if (phase === 'done') return 1
  if (phase === 'preparing') return PREPARING_SHARE * preparing
  return PREPARING_SHARE + (1 - PREPARING_SHARE) * (iterations === 0 ? 1 : iteration / iterations)
}

export interface RunProjectionOptions {
  /** Iterations per step, i.e. between two progress reports. Default 10. */
  readonly iterationsPerStep?: number
  readonly onProgress?: (step: ProjectionStep) => void
  /** Checked before every step; true cancels the run and rejects with a 'cancelled' ProjectionError. */
  readonly isCancelled?: () => boolean
  /**
   * Awaited between steps so the host can handle its messages, e.g.
   * `() => new Promise((resolve) => setImmediate(resolve))` in Node.
   */
  readonly pause?: () => Promise<void>
}

/** Steps `run` to the end, reporting each step; rejects with a 'cancelled' ProjectionError when stopped. */
export async function runProjection(run: ProjectionRun, options: RunProjectionOptions = {}): Promise<Projection> {
  const perStep = options.iterationsPerStep ?? 10
  for (;;) {
    if (options.isCancelled?.() === true) run.cancel()
    if (run.phase === 'cancelled') throw cancelledProjectionError(run.method)
    const step = run.step(perStep)
    options.onProgress?.(step)
    if (step.phase === 'done') return run.projection()
    await (options.pause?.() ?? Promise.resolve())
  }
}
