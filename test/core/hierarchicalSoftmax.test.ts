import { describe, expect, it } from 'vitest'
import {
  Random, buildHuffmanTree, cbow, gradcheck, hierarchicalSoftmaxLoss, hierarchicalSoftmaxLossAndGradient, randomNormalMatrix, row, skipgram,
  wordCode, wordPoints, type Matrix,
} from '../../src-main/core/index'

/** Zipf-like counts (distinct, descending), as a corpus gives. */
const ZIPF = Array.from({ length: 12 }, (_, w) => Math.floor(600 / (w + 1)) + 12 - w)

describe('hierarchicalSoftmaxLossAndGradient', () => {
  const tree = buildHuffmanTree(ZIPF)
  const random = new Random(5)
  const d = 6
  const U = randomNormalMatrix(tree.innerNodes, d, random)
  const vc = randomNormalMatrix(1, d, random).data

  it('gives leaf probabilities exp(−J) that sum to 1 over the vocabulary', () => {
    let total = 0
    for (let w = 0; w < tree.vocabSize; w++) total += Math.exp(-hierarchicalSoftmaxLossAndGradient(vc, w, U, tree).loss)
    expect(total).toBeCloseTo(1, 12)
  })

  it('is −Σ log σ(±u_n·v_c) along the word’s path, computed independently', () => {
    const w = tree.vocabSize - 1
    let expected = 0
    wordPoints(tree, w).forEach((n, j) => {
      const s = row(U, n).reduce((acc, u, k) => acc + u * vc[k]!, 0)
      expected -= Math.log(1 / (1 + Math.exp(wordCode(tree, w)[j] === 0 ? -s : s)))
    })
    expect(hierarchicalSoftmaxLossAndGradient(vc, w, U, tree).loss).toBeCloseTo(expected, 12)
  })

  it('touches only the rows of the word’s inner nodes', () => {
    const w = 3
    const { gradOutsideVecs } = hierarchicalSoftmaxLossAndGradient(vc, w, U, tree)
    const onPath = new Set(wordPoints(tree, w))
    for (let n = 0; n < tree.innerNodes; n++) {
      const nonZero = row(gradOutsideVecs, n).some((g) => g !== 0)
      expect(nonZero).toBe(onPath.has(n))
    }
  })

  it('passes the gradient check in v_c and the inner-node vectors for every word', () => {
    for (let w = 0; w < tree.vocabSize; w++) {
      const x = Float64Array.from([...vc, ...U.data])
      const result = gradcheck((v) => {
        const r = hierarchicalSoftmaxLossAndGradient(v.subarray(0, d), w, { rows: tree.innerNodes, cols: d, data: v.subarray(d) }, tree)
        const grad = new Float64Array(v.length)
        grad.set(r.gradCenterVec)
        grad.set(r.gradOutsideVecs.data, d)
        return { loss: r.loss, grad }
      }, x)
      expect(result.passed, `word ${w}: ${result.maxRelError}`).toBe(true)
    }
  })

  it('catches a wrong gradient (the gradient check can fail)', () => {
    const x = Float64Array.from([...vc, ...U.data])
    const result = gradcheck((v) => {
      const r = hierarchicalSoftmaxLossAndGradient(v.subarray(0, d), 11, { rows: tree.innerNodes, cols: d, data: v.subarray(d) }, tree)
      const grad = new Float64Array(v.length)
      // The bit's sign flipped: (σ − bit) instead of (σ − (1 − bit)) for v_c.
      r.gradCenterVec.forEach((g, k) => (grad[k] = -g))
      grad.set(r.gradOutsideVecs.data, d)
      return { loss: r.loss, grad }
    }, x)
    expect(result.passed).toBe(false)
  })

  it('passes the gradient check inside skip-gram and CBOW (sum and mean)', () => {
    const V = randomNormalMatrix(tree.vocabSize, d, random)
    const lossFn = hierarchicalSoftmaxLoss(tree)
    const half = V.data.length
    const split = (v: Float64Array): [Matrix, Matrix] => [
      { rows: tree.vocabSize, cols: d, data: v.subarray(0, half) },
      { rows: tree.innerNodes, cols: d, data: v.subarray(half) },
    ]
    const objective = (model: 'skipgram' | 'cbow-sum' | 'cbow-mean') => (v: Float64Array) => {
      const [centerWordVectors, outsideVectors] = split(v)
      const r = model === 'skipgram'
        ? skipgram(4, [0, 11, 11, 7], centerWordVectors, outsideVectors, lossFn)
        : cbow(4, [0, 11, 11, 7], centerWordVectors, outsideVectors, lossFn, { mean: model === 'cbow-mean' })
      const grad = new Float64Array(v.length)
      grad.set(r.gradCenterVecs.data)
      grad.set(r.gradOutsideVectors.data, half)
      return { loss: r.loss, grad }
    }
    for (const model of ['skipgram', 'cbow-sum', 'cbow-mean'] as const) {
      const result = gradcheck(objective(model), Float64Array.from([...V.data, ...U.data]))
      expect(result.passed, `${model}: ${result.maxRelError}`).toBe(true)
    }
  })

  it('rejects an outside matrix that is not one row per inner node, with a sentence', () => {
    const wrong = randomNormalMatrix(tree.vocabSize, d, random)
    expect(() => hierarchicalSoftmaxLossAndGradient(vc, 0, wrong, tree)).toThrow(/has 12 rows but the tree of 12 words has 11 inner nodes/)
    expect(() => hierarchicalSoftmaxLossAndGradient(vc, 12, U, tree)).toThrow(/outsideWordIdx 12 is not a word index/)
  })
})
