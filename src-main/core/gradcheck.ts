import type { RandomState } from './random'

/** A function under test: its value at x and its analytic gradient (same length as x). */
export type ObjectiveFn = (x: Float64Array) => { readonly loss: number; readonly grad: Float64Array }

/** A named slice of x, checked and reported on its own (e.g. centre vs outside vectors). */
export interface ParameterBlock {
  readonly name: string
  readonly offset: number
  readonly length: number
  /** Row width, so a coordinate can be reported as (row, column). */
  readonly cols?: number
}

/** Anything whose state can be saved and restored, such as `Random`. */
export interface Rewindable {
  getState(): RandomState
  setState(state: RandomState): void
}

export interface GradcheckOptions {
  /** Step of the centred difference. Default 1e-4, as in the course. */
  readonly h?: number
  /** Largest relative error that passes. Default 1e-5. */
  readonly threshold?: number
  /** Blocks of x to report separately. Default: one block named "x" covering all of it. */
  readonly parameters?: readonly ParameterBlock[]
  /**
   * The generator the objective draws from (minibatches, negative samples). Its state is
   * restored before every evaluation so f(x + h), f(x − h) and the analytic gradient all see
   * the same samples; without this a sampled loss could never pass.
   */
  readonly random?: Rewindable
  /** How many of the worst coordinates to report per block. Default 5. */
  readonly worstCount?: number
}

export interface CoordinateCheck {
  readonly index: number
  readonly row: number
  readonly col: number
  readonly analytic: number
  readonly numerical: number
  readonly relError: number
}

export interface ParameterCheck {
  readonly name: string
  readonly count: number
  readonly maxRelError: number
  readonly threshold: number
  readonly passed: boolean
  /** Worst coordinates first. */
  readonly worst: readonly CoordinateCheck[]
}

export interface GradcheckResult {
  readonly passed: boolean
  readonly maxRelError: number
  readonly threshold: number
  readonly loss: number
  readonly parameters: readonly ParameterCheck[]
}

/** |num − ana| / max(1, |num|, |ana|): absolute for small gradients, relative for large ones. */
export function gradcheckRelError(numerical: number, analytic: number): number {
  return Math.abs(numerical - analytic) / Math.max(1, Math.abs(numerical), Math.abs(analytic))
}

/**
 * Compares f's analytic gradient with centred differences (f(x+h) − f(x−h)) / 2h, coordinate
 * by coordinate, like the course's `gradcheck_naive`, but reports every block's worst
 * coordinates instead of stopping at the first failure. x is restored after each probe.
 */
export function gradcheck(f: ObjectiveFn, x: Float64Array, options: GradcheckOptions = {}): GradcheckResult {
  const h = options.h ?? 1e-4
  const threshold = options.threshold ?? 1e-5
  const worstCount = options.worstCount ?? 5
  const parameters = options.parameters ?? [{ name: 'x', offset: 0, length: x.length }]
  const random = options.random
  const initialState = random?.getState()
  const evaluate = (): { loss: number; grad: Float64Array } => {
    if (random && initialState) random.setState(initialState)
    return f(x)
  }

  const { loss, grad } = evaluate()
  if (grad.length !== x.length) {
    throw new RangeError(`The gradient has ${grad.length} values but x has ${x.length}.`)
  }
  const analyticGrad = Float64Array.from(grad)
  // Leave the generator as one evaluation of f would, so the caller's next draw is fresh.
  const stateAfterOneEvaluation = random?.getState()

  const checks = parameters.map((block): ParameterCheck => {
    if (block.offset < 0 || block.offset + block.length > x.length) {
      throw new RangeError(`Parameter block "${block.name}" does not fit inside x (${x.length} values).`)
    }
    const cols = block.cols ?? block.length
    const coords: CoordinateCheck[] = []
    for (let i = 0; i < block.length; i++) {
      const index = block.offset + i
      const saved = x[index]!
      x[index] = saved + h
      const lossPlus = evaluate().loss
      x[index] = saved - h
      const lossMinus = evaluate().loss
      x[index] = saved
      const numerical = (lossPlus - lossMinus) / (2 * h)
      const analytic = analyticGrad[index]!
      const relError = Number.isFinite(numerical) && Number.isFinite(analytic) ? gradcheckRelError(numerical, analytic) : Infinity
      coords.push({ index, row: Math.floor(i / cols), col: i % cols, analytic, numerical, relError })
    }
    coords.sort((a, b) => b.relError - a.relError)
    const maxRelError = coords.length > 0 ? coords[0]!.relError : 0
    return { name: block.name, count: block.length, maxRelError, threshold, passed: maxRelError <= threshold, worst: coords.slice(0, worstCount) }
  })
  if (random && stateAfterOneEvaluation) random.setState(stateAfterOneEvaluation)

  const maxRelError = Math.max(0, ...checks.map((c) => c.maxRelError))
  return { passed: checks.every((c) => c.passed), maxRelError, threshold, loss, parameters: checks }
}
