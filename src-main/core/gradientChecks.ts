import { sigmoid } from './activations'
import { type Word2vecProblem, dummyProblem, randomProblem } from './dummyProblem'
import { type GradcheckResult, type ParameterBlock, gradcheck } from './gradcheck'
import { word2vecMinibatch } from './minibatch'
import { naiveSoftmaxLossAndGradient } from './naiveSoftmax'
import { courseNegativeSampler, negSamplingLoss, negSamplingLossAndGradient } from './negSampling'
import { Random } from './random'
import type { Matrix, Vector } from './matrix'
import type { LossAndGradient, Word2vecLossFn, Word2vecLossKind, Word2vecModelKind } from './word2vecLoss'

export interface GradientCheck {
  readonly name: string
  readonly problem: string
  readonly result: GradcheckResult
}

export interface GradientCheckReport {
  readonly passed: boolean
  readonly checks: readonly GradientCheck[]
}

/** K in the course's negative-sampling tests. */
const NEGATIVE_SAMPLES = 10

function checkSigmoid(random: Random): GradcheckResult {
  const x = Float64Array.from({ length: 12 }, () => 6 * random.normal())
  return gradcheck((v) => {
    let loss = 0
    const grad = new Float64Array(v.length)
    v.forEach((xi, i) => {
      const s = sigmoid(xi)
      loss += s
      grad[i] = s * (1 - s)
    })
    return { loss, grad }
  }, x, { parameters: [{ name: 'x', offset: 0, length: x.length }] })
}

/** Checks a single-pair loss in (v_c, U), with x = [v_c, U] stacked. */
function checkPairLoss(problem: Word2vecProblem, outsideWordIdx: number, loss: (c: Vector, o: number, U: Matrix) => LossAndGradient): GradcheckResult {
  const vocabSize = problem.tokens.length
  const d = problem.dim
  const x = Float64Array.from(problem.wordVectors.subarray(0, (1 + vocabSize) * d))
  const parameters: ParameterBlock[] = [
    { name: 'centerWordVec', offset: 0, length: d, cols: d },
    { name: 'outsideVectors', offset: d, length: vocabSize * d, cols: d },
  ]
  return gradcheck((v) => {
    const outsideVectors = { rows: vocabSize, cols: d, data: v.subarray(d) }
    const r = loss(v.subarray(0, d), outsideWordIdx, outsideVectors)
    const grad = new Float64Array(v.length)
    grad.set(r.gradCenterVec, 0)
    grad.set(r.gradOutsideVecs.data, d)
    return { loss: r.loss, grad }
  }, x, { parameters })
}

function checkModel(problem: Word2vecProblem, model: Word2vecModelKind, lossKind: Word2vecLossKind, cbowMean: boolean, seed: number): GradcheckResult {
  const random = new Random(seed)
  const vocabSize = problem.tokens.length
  const lossFn: Word2vecLossFn =
    lossKind === 'naiveSoftmax'
      ? naiveSoftmaxLossAndGradient
      : negSamplingLoss(courseNegativeSampler(() => random.nextInt(vocabSize), NEGATIVE_SAMPLES))
  const half = vocabSize * problem.dim
  return gradcheck(
    (v) => word2vecMinibatch(v, problem.source, random, {
      model, lossFn, cbowMean, window: problem.window, batch: problem.batch, dim: problem.dim,
    }),
    Float64Array.from(problem.wordVectors),
    {
      random,
      parameters: [
        { name: 'centerWordVectors', offset: 0, length: half, cols: problem.dim },
        { name: 'outsideVectors', offset: half, length: half, cols: problem.dim },
      ],
    },
  )
}

/**
 * Every gradient check of the course's `test_word2vec` and more: sigmoid, both pair losses
 * (negative sampling with repeated negatives) and skip-gram / CBOW (sum and mean) with each
 * loss, on the course's 5-word dummy problem and on a larger random one.
 */
export function runGradientChecks(seed = 31415): GradientCheckReport {
  const checks: GradientCheck[] = [{ name: 'sigmoid', problem: 'random', result: checkSigmoid(new Random(seed)) }]
  for (const problem of [dummyProblem(), randomProblem()]) {
    const vocabSize = problem.tokens.length
    const outsideWordIdx = 1
    // Drawing twice the vocabulary's size guarantees some negatives repeat (problem (h)).
    const negRandom = new Random(seed + 1)
    const negatives = courseNegativeSampler(() => negRandom.nextInt(vocabSize), 2 * vocabSize)(outsideWordIdx)
    checks.push(
      { name: 'naiveSoftmaxLossAndGradient', problem: problem.name, result: checkPairLoss(problem, outsideWordIdx, naiveSoftmaxLossAndGradient) },
      {
        name: 'negSamplingLossAndGradient (repeated negatives)',
        problem: problem.name,
        result: checkPairLoss(problem, outsideWordIdx, (c, o, U) => negSamplingLossAndGradient(c, o, U, negatives)),
      },
    )
    for (const lossKind of ['naiveSoftmax', 'negSampling'] as const) {
      checks.push({ name: `skipgram / ${lossKind}`, problem: problem.name, result: checkModel(problem, 'skipgram', lossKind, false, seed) })
      checks.push({ name: `cbow (sum) / ${lossKind}`, problem: problem.name, result: checkModel(problem, 'cbow', lossKind, false, seed) })
      checks.push({ name: `cbow (mean) / ${lossKind}`, problem: problem.name, result: checkModel(problem, 'cbow', lossKind, true, seed) })
    }
  }
  return { passed: checks.every((c) => c.result.passed), checks }
}
