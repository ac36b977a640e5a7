import { describe, expect, it } from 'vitest'
import {
  Random, type Matrix, buildHuffmanTree, cbow, hierarchicalSoftmaxLoss, hierarchicalSoftmaxLossAndGradient, naiveSoftmaxLossAndGradient,
  negSamplingLoss, negSamplingLossAndGradient,
} from '../../src-main/core/index'
import { PARAM } from '../../src-main/kernels/layout'
import { KERNEL_KINDS, type KernelSetup, setUpKernel } from '../support/kernelHarness'
import { relativeError } from '../support/relativeError'

const VOCAB = 9
const DIM = 10 // stride 12: the padding must stay zero
const ALPHA = 0.05

/** Uneven counts, so the Huffman paths have different lengths (1 to 5 inner nodes). */
const TREE = buildHuffmanTree([60, 40, 25, 12, 9, 7, 3, 2, 1])

/** Fills V and U with random values and returns float64 copies (|V| × DIM, and U's plan.outsideRows × DIM) for the core. */
function fillRandom(setup: KernelSetup, seed: number): { V: Matrix; U: Matrix } {
  const random = new Random(seed)
  const { f32, plan } = setup
  const V = { rows: VOCAB, cols: DIM, data: new Float64Array(VOCAB * DIM) }
  const U = { rows: plan.outsideRows, cols: DIM, data: new Float64Array(plan.outsideRows * DIM) }
  for (const [matrix, base] of [[V, plan.syn0], [U, plan.syn1]] as const) {
    for (let w = 0; w < matrix.rows; w++) {
      for (let k = 0; k < DIM; k++) {
        const x = Math.fround(0.8 * random.normal())
        f32[base / 4 + w * plan.stride + k] = x
        matrix.data[w * DIM + k] = x
      }
    }
  }
  return { V, U }
}

function readMatrix(setup: KernelSetup, base: number, rows = VOCAB): { data: Float64Array; padding: number[] } {
  const { f32, plan } = setup
  const data = new Float64Array(rows * DIM)
  const padding: number[] = []
  for (let w = 0; w < rows; w++) {
    for (let k = 0; k < plan.stride; k++) {
      const x = f32[base / 4 + w * plan.stride + k]!
      if (k < DIM) data[w * DIM + k] = x
      else padding.push(x)
    }
  }
  return { data, padding }
}


function sgdStep(params: Float64Array, grad: Float64Array): Float64Array {
  return params.map((x, i) => x - ALPHA * grad[i]!)
}

function expectParity(setup: KernelSetup, expected: { V: Float64Array; U: Float64Array; loss: number }, loss: number): void {
  const V = readMatrix(setup, setup.plan.syn0)
  const U = readMatrix(setup, setup.plan.syn1, setup.plan.outsideRows)
  expect(relativeError(V.data, expected.V)).toBeLessThan(1e-5)
  expect(relativeError(U.data, expected.U)).toBeLessThan(1e-5)
  expect(Math.abs(loss - expected.loss) / expected.loss).toBeLessThan(1e-5)
  expect([...V.padding, ...U.padding].every((x) => x === 0)).toBe(true)
}

function setTargets(setup: KernelSetup, targets: readonly number[]): void {
  setup.i32.set(targets, setup.block.pointer(PARAM.targets) / 4)
  setup.block.setNegatives(targets.length - 1)
}

describe.each(KERNEL_KINDS)('%s kernel: one update equals the float64 core’s gradient step', (kind) => {
  const negatives = [4, 7, 4, 2, 0, 7, 7] // repeats accumulate (problem (h))

  // With every target row distinct the WebAssembly kernel updates each row in the pass that scores it.
  it.each([['repeated', negatives], ['distinct', [4, 7, 2, 0, 8]]] as const)('skip-gram, negative sampling, %s target rows', (_, noise) => {
    const setup = setUpKernel(kind, { model: 'skipgram', loss: 'negSampling', vocabSize: VOCAB, dim: DIM, window: 5, negatives: noise.length, cbowMean: false })
    const { V, U } = fillRandom(setup, 1)
    const c = 3
    const o = 5
    const r = negSamplingLossAndGradient(V.data.subarray(c * DIM, (c + 1) * DIM), o, U, noise)
    const expectedV = Float64Array.from(V.data)
    expectedV.set(sgdStep(V.data.subarray(c * DIM, (c + 1) * DIM), r.gradCenterVec), c * DIM)
    setTargets(setup, [o, ...noise])
    const loss = setup.kernel.skipgramPair(setup.block.offset, c, ALPHA)
    expectParity(setup, { V: expectedV, U: sgdStep(U.data, r.gradOutsideVecs.data), loss: r.loss }, loss)
  })

  it('skip-gram, naive softmax', () => {
    const setup = setUpKernel(kind, { model: 'skipgram', loss: 'naiveSoftmax', vocabSize: VOCAB, dim: DIM, window: 5, negatives: 0, cbowMean: false })
    const { V, U } = fillRandom(setup, 2)
    const c = 0
    const o = 8
    const r = naiveSoftmaxLossAndGradient(V.data.subarray(c * DIM, (c + 1) * DIM), o, U)
    const expectedV = Float64Array.from(V.data)
    expectedV.set(sgdStep(V.data.subarray(c * DIM, (c + 1) * DIM), r.gradCenterVec), c * DIM)
    setTargets(setup, [o])
    const loss = setup.kernel.skipgramPair(setup.block.offset, c, ALPHA)
    expectParity(setup, { V: expectedV, U: sgdStep(U.data, r.gradOutsideVecs.data), loss: r.loss }, loss)
  })

  // Every word: the paths of 1 to 5 inner nodes, both branch bits, the root shared by all.
  it.each(Array.from({ length: VOCAB }, (_, o) => o))('skip-gram, hierarchical softmax, outside word %i', (o) => {
    const setup = setUpKernel(kind, { model: 'skipgram', loss: 'hierarchicalSoftmax', vocabSize: VOCAB, dim: DIM, window: 5, negatives: 5, cbowMean: false, tree: TREE })
    expect(setup.plan.outsideRows).toBe(VOCAB - 1)
    const { V, U } = fillRandom(setup, 7 + o)
    const c = 2
    const r = hierarchicalSoftmaxLossAndGradient(V.data.subarray(c * DIM, (c + 1) * DIM), o, U, TREE)
    const expectedV = Float64Array.from(V.data)
    expectedV.set(sgdStep(V.data.subarray(c * DIM, (c + 1) * DIM), r.gradCenterVec), c * DIM)
    setTargets(setup, [o])
    const loss = setup.kernel.skipgramPair(setup.block.offset, c, ALPHA)
    expectParity(setup, { V: expectedV, U: sgdStep(U.data, r.gradOutsideVecs.data), loss: r.loss }, loss)
  })

  describe.each([false, true])('CBOW (mean = %s)', (mean) => {
    const context = [1, 6, 6, 2] // a repeated context word takes the step twice
    it.each(['negSampling', 'naiveSoftmax', 'hierarchicalSoftmax'] as const)('%s', (lossKind) => {
      const setup = setUpKernel(kind, { model: 'cbow', loss: lossKind, vocabSize: VOCAB, dim: DIM, window: 5, negatives: negatives.length, cbowMean: mean, tree: TREE })
      const { V, U } = fillRandom(setup, 3)
      const center = 8
      const lossFn = lossKind === 'negSampling' ? negSamplingLoss(() => negatives)
        : lossKind === 'hierarchicalSoftmax' ? hierarchicalSoftmaxLoss(TREE) : naiveSoftmaxLossAndGradient
      const r = cbow(center, context, V, U, lossFn, { mean })
      setTargets(setup, lossKind === 'negSampling' ? [center, ...negatives] : [center])
      setup.i32.set(context, setup.block.pointer(PARAM.context) / 4)
      const loss = setup.kernel.cbowWindow(setup.block.offset, context.length, ALPHA)
      expectParity(setup, { V: sgdStep(V.data, r.gradCenterVecs.data), U: sgdStep(U.data, r.gradOutsideVectors.data), loss: r.loss }, loss)
    })
  })

  // gensim's vectors_lockf: a word's centre row takes lock × its step; the outside rows and the loss do not change.
  it('lock factors scale each centre row’s own step: CBOW and skip-gram', () => {
    const locks = [1, 0.5, 1, 0, 1, 1, 0, 1, 1]
    const lockRows = (setup: KernelSetup): void => setup.f32.set(locks, setup.plan.lockFactor / 4)
    const scaled = (V: Float64Array, grad: Float64Array): Float64Array => V.map((x, i) => x - ALPHA * locks[Math.floor(i / DIM)]! * grad[i]!)

    const cbowSetup = setUpKernel(kind, { model: 'cbow', loss: 'negSampling', vocabSize: VOCAB, dim: DIM, window: 5, negatives: negatives.length, cbowMean: true })
    lockRows(cbowSetup)
    const first = fillRandom(cbowSetup, 5)
    const context = [1, 6, 6, 2]
    const r = cbow(4, context, first.V, first.U, negSamplingLoss(() => negatives), { mean: true })
    setTargets(cbowSetup, [4, ...negatives])
    cbowSetup.i32.set(context, cbowSetup.block.pointer(PARAM.context) / 4)
    const cbowLoss = cbowSetup.kernel.cbowWindow(cbowSetup.block.offset, context.length, ALPHA)
    expectParity(cbowSetup, { V: scaled(first.V.data, r.gradCenterVecs.data), U: sgdStep(first.U.data, r.gradOutsideVectors.data), loss: r.loss }, cbowLoss)
    expect(readMatrix(cbowSetup, cbowSetup.plan.syn0).data.subarray(6 * DIM, 7 * DIM)).toEqual(first.V.data.subarray(6 * DIM, 7 * DIM))

    const sgSetup = setUpKernel(kind, { model: 'skipgram', loss: 'negSampling', vocabSize: VOCAB, dim: DIM, window: 5, negatives: negatives.length, cbowMean: false })
    lockRows(sgSetup)
    const second = fillRandom(sgSetup, 6)
    const frozen = 3
    const g = negSamplingLossAndGradient(second.V.data.subarray(frozen * DIM, (frozen + 1) * DIM), 5, second.U, negatives)
    setTargets(sgSetup, [5, ...negatives])
    const sgLoss = sgSetup.kernel.skipgramPair(sgSetup.block.offset, frozen, ALPHA)
    expectParity(sgSetup, { V: second.V.data, U: sgdStep(second.U.data, g.gradOutsideVecs.data), loss: g.loss }, sgLoss)
  })
})
