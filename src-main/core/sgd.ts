import type { ObjectiveFn } from './gradcheck'
import type { RandomState } from './random'

/** Where a run stands; enough to continue it exactly (the course saved only x and the iteration). */
export interface SgdState {
  readonly iteration: number
  readonly x: Float64Array
  readonly step: number
  /** Exponential moving average of the loss; null before the first report. */
  readonly expLoss: number | null
  /** The objective's generator, so minibatches after a resume are the ones an unbroken run draws. */
  readonly randomState: RandomState | null
}

export interface SgdProgress {
  readonly iteration: number
  readonly iterations: number
  readonly loss: number
  readonly expLoss: number
  readonly step: number
}

export interface SgdOptions {
  /** Halve the step every this many iterations. Default 20,000 (the course's ANNEAL_EVERY). */
  readonly annealEvery?: number
  /** Report the loss average every this many iterations. Default 10 (PRINT_EVERY). */
  readonly printEvery?: number
  /** Offer a state to `save` every this many iterations. Default 5,000 (SAVE_PARAMS_EVERY). */
  readonly saveEvery?: number
  /** Applied to x after every step (the course's `postprocessing`, e.g. normalising rows). */
  readonly postprocessing?: (x: Float64Array) => void
  readonly onProgress?: (progress: SgdProgress) => void
  /** Persist a state; called with a copy every `saveEvery` iterations. */
  readonly save?: (state: SgdState) => void
  /** A state to continue from instead of starting at x0 (the course's `useSaved`). */
  readonly resumeFrom?: SgdState
  /** The generator the objective draws from; saved and restored with the state. */
  readonly random?: { getState(): RandomState; setState(state: RandomState): void }
  /** Polled once per iteration; returning true ends the run early with the state reached. */
  readonly shouldStop?: () => boolean
}

/**
 * Stochastic gradient descent as in the course's `sgd`: x ← x − step·∇f(x), the step halved
 * every `annealEvery` iterations, and an exponential moving average (0.95 / 0.05) of the loss
 * reported every `printEvery` iterations. Unlike the course, a resumed run keeps the exact step
 * and loss average it had (the course recomputed the step as 0.5^(iter / ANNEAL_EVERY), a
 * fractional power, and restarted the average), so a resumed run follows the unbroken one.
 * x0 is not modified.
 */
export function sgd(f: ObjectiveFn, x0: Float64Array, step: number, iterations: number, options: SgdOptions = {}): SgdState {
  const annealEvery = options.annealEvery ?? 20000
  const printEvery = options.printEvery ?? 10
  const saveEvery = options.saveEvery ?? 5000
  const resume = options.resumeFrom

  const x = Float64Array.from(resume ? resume.x : x0)
  let currentStep = resume ? resume.step : step
  let expLoss = resume ? resume.expLoss : null
  let iteration = resume ? resume.iteration : 0
  if (resume?.randomState && options.random) options.random.setState(resume.randomState)

  const snapshot = (): SgdState => ({
    iteration,
    x: Float64Array.from(x),
    step: currentStep,
    expLoss,
    randomState: options.random?.getState() ?? null,
  })

  while (iteration < iterations && !options.shouldStop?.()) {
    iteration++
    const { loss, grad } = f(x)
    for (let i = 0; i < x.length; i++) x[i]! -= currentStep * grad[i]!
    options.postprocessing?.(x)

    if (iteration % printEvery === 0) {
      expLoss = expLoss === null ? loss : 0.95 * expLoss + 0.05 * loss
      options.onProgress?.({ iteration, iterations, loss, expLoss, step: currentStep })
    }
    if (iteration % annealEvery === 0) currentStep *= 0.5
    if (options.save && iteration % saveEvery === 0) options.save(snapshot())
  }
  return snapshot()
}
