import type { SparseRowGradient } from './sparseGradients'
import { TrainingResumeError } from './trainingErrors'

/**
 * Optimizers that apply a sparse minibatch gradient to parameter matrices stored as one flat
 * Float64Array each (|V| × d, row-major). Updates are lazy, like TensorFlow's LazyAdam: only the
 * rows present in the gradient have their parameters and optimizer state touched, so a step
 * costs O(touched rows · d) instead of O(|V| · d), and a row nobody used keeps its momentum as
 * it was rather than decaying it. (Dense momentum or Adam would keep moving untouched rows.)
 */

import type { OptimizerKind } from '../settings/trainingSettings'

export type { OptimizerKind }

export interface OptimizerSettings {
  /** Heavy-ball momentum β. */
  readonly momentum: number
  readonly beta1: number
  readonly beta2: number
  readonly epsilon: number
}

export const DEFAULT_OPTIMIZER_SETTINGS: OptimizerSettings = { momentum: 0.9, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 }

/** Everything an optimizer carries between steps, as plain data for a checkpoint. */
export interface OptimizerState {
  readonly kind: OptimizerKind
  /** Updates applied so far (Adam's t for bias correction). */
  readonly stepCount: number
  /**
   * slots[i] belongs to parameter matrix i: [] for sgd, [velocity] for momentum, [first moment,
   * second moment] for adam; each the same length as the matrix.
   */
  readonly slots: readonly (readonly Float64Array[])[]
}

export interface SparseOptimizer {
  readonly kind: OptimizerKind
  readonly stepCount: number
  /** params[i] ← one step along grads[i], for every i, with learning rate `learningRate`. */
  update(params: readonly Float64Array[], grads: readonly SparseRowGradient[], learningRate: number): void
  /** A copy of the state (the optimizer keeps working on its own arrays). */
  exportState(): OptimizerState
}

/** Arrays of the parameters' size each optimizer keeps per matrix: none, a velocity, two moments. */
export const SLOTS_PER_MATRIX: Readonly<Record<OptimizerKind, number>> = { sgd: 0, momentum: 1, adam: 2 }

function checkShapes(params: readonly Float64Array[], grads: readonly SparseRowGradient[], lengths: readonly number[]): void {
  if (params.length !== lengths.length || grads.length !== lengths.length) {
    throw new RangeError(`The optimizer was made for ${lengths.length} matrices, not ${params.length} parameters and ${grads.length} gradients.`)
  }
  params.forEach((p, i) => {
    const g = grads[i]!
    if (p.length !== lengths[i] || g.rowCount * g.dim !== p.length) {
      throw new RangeError(`Parameter matrix ${i} has ${p.length} values; its gradient is ${g.rowCount} × ${g.dim} and the optimizer expects ${lengths[i]}.`)
    }
  })
}

function initialSlots(kind: OptimizerKind, lengths: readonly number[], state: OptimizerState | undefined): Float64Array[][] {
  if (!state) return lengths.map((n) => Array.from({ length: SLOTS_PER_MATRIX[kind] }, () => new Float64Array(n)))
  if (state.kind !== kind) throw new TrainingResumeError(`The saved optimizer state is for ${state.kind}, but this run uses ${kind}.`)
  if (!Number.isInteger(state.stepCount) || state.stepCount < 0) throw new TrainingResumeError(`The saved optimizer step count ${state.stepCount} is not a whole number.`)
  const fits = state.slots.length === lengths.length &&
    state.slots.every((slots, i) => slots.length === SLOTS_PER_MATRIX[kind] && slots.every((a) => a.length === lengths[i]))
  if (!fits) throw new TrainingResumeError(`The saved ${kind} state does not match the size of the word vectors; it comes from another vocabulary or dimension.`)
  return state.slots.map((slots) => slots.map((a) => Float64Array.from(a)))
}

/**
 * An optimizer for matrices of the given lengths, fresh or continuing from `state`.
 *   sgd:      x ← x − η g
 *   momentum: v ← β v + g,  x ← x − η v   (heavy ball, the form of TensorFlow and PyTorch)
 *   adam:     m ← β₁ m + (1 − β₁) g,  v ← β₂ v + (1 − β₂) g²,
 *             x ← x − η m̂ / (√v̂ + ε),  m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ)   (Kingma & Ba, Alg. 1)
 * t counts every update, touched or not, so a row's bias correction follows the global step.
 */
export function createOptimizer(
  kind: OptimizerKind,
  paramLengths: readonly number[],
  settings: Partial<OptimizerSettings> = {},
  state?: OptimizerState,
): SparseOptimizer {
  const { momentum, beta1, beta2, epsilon } = { ...DEFAULT_OPTIMIZER_SETTINGS, ...settings }
  const lengths = [...paramLengths]
  const slots = initialSlots(kind, lengths, state)
  let stepCount = state?.stepCount ?? 0

  return {
    kind,
    get stepCount() {
      return stepCount
    },
    update(params, grads, learningRate) {
      checkShapes(params, grads, lengths)
      stepCount++
      const correction1 = 1 - Math.pow(beta1, stepCount)
      const correction2 = 1 - Math.pow(beta2, stepCount)
      params.forEach((x, i) => {
        const g = grads[i]!
        const [first, second] = slots[i]!
        switch (kind) {
          case 'sgd':
            sgdRows(x, g, learningRate)
            break
          case 'momentum':
            momentumRows(x, g, first!, momentum, learningRate)
            break
          case 'adam':
            adamRows(x, g, first!, second!, learningRate, { beta1, beta2, epsilon, correction1, correction2 })
            break
        }
      })
    },
    exportState() {
      return { kind, stepCount, slots: slots.map((s) => s.map((a) => Float64Array.from(a))) }
    },
  }
}

function sgdRows(x: Float64Array, g: SparseRowGradient, eta: number): void {
  const { dim: d, rows, values: gv } = g
  for (let i = 0; i < g.size; i++) {
    const xOffset = rows[i]! * d
    const gOffset = i * d
    for (let k = 0; k < d; k++) x[xOffset + k]! -= eta * gv[gOffset + k]!
  }
}

function momentumRows(x: Float64Array, g: SparseRowGradient, velocity: Float64Array, beta: number, eta: number): void {
  const { dim: d, rows, values: gv } = g
  for (let i = 0; i < g.size; i++) {
    const xOffset = rows[i]! * d
    const gOffset = i * d
    for (let k = 0; k < d; k++) {
      const v = beta * velocity[xOffset + k]! + gv[gOffset + k]!
      velocity[xOffset + k] = v
      x[xOffset + k]! -= eta * v
    }
  }
}

interface AdamStep {
  readonly beta1: number
  readonly beta2: number
  readonly epsilon: number
  /** 1 − β₁ᵗ and 1 − β₂ᵗ for this step's t. */
  readonly correction1: number
  readonly correction2: number
}

function adamRows(x: Float64Array, g: SparseRowGradient, m: Float64Array, v: Float64Array, eta: number, step: AdamStep): void {
  const { beta1, beta2, epsilon, correction1, correction2 } = step
  const { dim: d, rows, values: gv } = g
  // η·m̂ / (√v̂ + ε) with the two corrections folded into constants, out of the inner loop.
  const stepOverCorrection1 = eta / correction1
  const inverseCorrection2 = 1 / correction2
  for (let i = 0; i < g.size; i++) {
    const xOffset = rows[i]! * d
    const gOffset = i * d
    for (let k = 0; k < d; k++) {
      const gk = gv[gOffset + k]!
      const mk = beta1 * m[xOffset + k]! + (1 - beta1) * gk
      const vk = beta2 * v[xOffset + k]! + (1 - beta2) * gk * gk
      m[xOffset + k] = mk
      v[xOffset + k] = vk
      x[xOffset + k]! -= (stepOverCorrection1 * mk) / (Math.sqrt(vk * inverseCorrection2) + epsilon)
    }
  }
}
