import { sigmoid } from './activations'
import { type Word2vecProblem, dummyProblem, randomProblem } from './dummyProblem'
import { type GradcheckResult, type ParameterBlock, gradcheck } from './gradcheck'
import { word2vecMinibatch } from './minibatch'
import { hierarchicalSoftmaxLoss, hierarchicalSoftmaxLossAndGradient } from './hierarchicalSoftmax'
import { type HuffmanTree, buildHuffmanTree } from './huffmanTree'
import { naiveSoftmaxLossAndGradient } from './naiveSoftmax'
import { courseNegativeSampler, negSamplingLoss, negSamplingLossAndGradient } from './negSampling'
import { Random } from './random'
import type { Matrix, Vector } from './matrix'
import { type LossAndGradient, type Word2vecLossFn, type Word2vecLossKind, type Word2vecModelKind, outsideRowCount } from './word2vecLoss'

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

/**
 * A tree over the problem's words with Zipf-like counts (word w seen about 100 / (w + 1) times),
 * so paths have different lengths and both branches occur at the root.
 */
function problemTree(problem: Word2vecProblem): HuffmanTree {
  return buildHuffmanTree(problem.tokens.map((_, w) => Math.floor(100 / (w + 1)) + 1))
}

/** Checks a single-pair loss in (v_c, U), with x = [v_c, U] stacked; U has outsideRows rows. */
function checkPairLoss(
  problem: Word2vecProblem, outsideWordIdx: number, loss: (c: Vector, o: number, U: Matrix) => LossAndGradient, outsideRows = problem.tokens.length,
): GradcheckResult {
  const d = problem.dim
  const x = Float64Array.from(problem.wordVectors.subarray(0, (1 + outsideRows) * d))
  const parameters: ParameterBlock[] = [
    { name: 'centerWordVec', offset: 0, length: d, cols: d },
    { name: 'outsideVectors', offset: d, length: outsideRows * d, cols: d },
  ]
  return gradcheck((v) => {
    const outsideVectors = { rows: outsideRows, cols: d, data: v.subarray(d) }
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
    lossKind === 'naiveSoftmax' ? naiveSoftmaxLossAndGradient
      : lossKind === 'hierarchicalSoftmax' ? hierarchicalSoftmaxLoss(problemTree(problem))
        : negSamplingLoss(courseNegativeSampler(() => random.nextInt(vocabSize), NEGATIVE_SAMPLES))
  const half = vocabSize * problem.dim
  const outsideRows = outsideRowCount(lossKind, vocabSize)
  return gradcheck(
    (v) => word2vecMinibatch(v, problem.source, random, {
      model, lossFn, cbowMean, window: problem.window, batch: problem.batch, dim: problem.dim, outsideRows,
    }),
    Float64Array.from(problem.wordVectors.subarray(0, half + outsideRows * problem.dim)),
    {
      random,
      parameters: [
        { name: 'centerWordVectors', offset: 0, length: half, cols: problem.dim },
        { name: 'outsideVectors', offset: half, length: outsideRows * problem.dim, cols: problem.dim },
      ],
    },
  )
}

/**
 * Every gradient check of the course's `test_word2vec` and more: sigmoid, the three pair losses
 * (negative sampling with repeated negatives, hierarchical softmax over a Huffman tree) and
 * skip-gram / CBOW (sum and mean) with each loss, on the course's 5-word dummy problem and on a
 * larger random one.
 */
export function runGradientChecks(seed = 31415): GradientCheckReport {
  const checks: GradientCheck[] = [{ name: 'sigmoid', problem: 'random', result: checkSigmoid(new Random(seed)) }]
  for (const problem of [dummyProblem(), randomProblem()]) {
    const vocabSize = problem.tokens.length
    const tree = problemTree(problem)
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
      {
        // The rarest word: the longest path, so the most inner nodes take a gradient.
        name: 'hierarchicalSoftmaxLossAndGradient',
        problem: problem.name,
        result: checkPairLoss(
          problem, vocabSize - 1, (c, o, U) => hierarchicalSoftmaxLossAndGradient(c, o, U, tree), outsideRowCount('hierarchicalSoftmax', vocabSize),
        ),
      },
    )
    for (const lossKind of ['naiveSoftmax', 'negSampling', 'hierarchicalSoftmax'] as const) {
      checks.push({ name: `skipgram / ${lossKind}`, problem: problem.name, result: checkModel(problem, 'skipgram', lossKind, false, seed) })
      checks.push({ name: `cbow (sum) / ${lossKind}`, problem: problem.name, result: checkModel(problem, 'cbow', lossKind, false, seed) })
      checks.push({ name: `cbow (mean) / ${lossKind}`, problem: problem.name, result: checkModel(problem, 'cbow', lossKind, true, seed) })
    }
  }
  return { passed: checks.every((c) => c.result.passed), checks }
}
