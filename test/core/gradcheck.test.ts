import { describe, expect, it } from 'vitest'
import {
  Random, dummyProblem, gradcheck, negSamplingLoss, courseNegativeSampler, naiveSoftmaxLossAndGradient,
  negSamplingLossAndGradient, runGradientChecks, word2vecMinibatch, type LossAndGradient, type Matrix, type Vector,
} from '../../src-main/core/index'

describe('runGradientChecks', () => {
  const report = runGradientChecks()

  it('passes every loss and model on the dummy and the larger random problem', () => {
    const failed = report.checks.filter((c) => !c.result.passed).map((c) => `${c.name} (${c.problem}): ${c.result.maxRelError}`)
    expect(failed).toEqual([])
    expect(report.passed).toBe(true)
  })

  it('covers sigmoid, the three losses and both models with each loss, on both problems', () => {
    const names = report.checks.map((c) => `${c.problem}: ${c.name}`)
    for (const problem of ['dummy', 'random']) {
      for (const name of [
        'naiveSoftmaxLossAndGradient', 'negSamplingLossAndGradient (repeated negatives)', 'hierarchicalSoftmaxLossAndGradient',
        'skipgram / naiveSoftmax', 'skipgram / negSampling', 'skipgram / hierarchicalSoftmax', 'cbow (sum) / naiveSoftmax',
        'cbow (sum) / negSampling', 'cbow (sum) / hierarchicalSoftmax', 'cbow (mean) / naiveSoftmax', 'cbow (mean) / negSampling',
        'cbow (mean) / hierarchicalSoftmax',
      ]) expect(names).toContain(`${problem}: ${name}`)
    }
    expect(names).toContain('random: sigmoid')
  })

  it('checks hierarchical softmax in v_c and the |V| − 1 inner-node vectors', () => {
    const hs = report.checks.find((c) => c.name === 'skipgram / hierarchicalSoftmax' && c.problem === 'dummy')!
    expect(hs.result.parameters.map((p) => [p.name, p.count])).toEqual([['centerWordVectors', 15], ['outsideVectors', 12]])
  })

  it('reports per-parameter results with the worst coordinates', () => {
    const sg = report.checks.find((c) => c.name === 'skipgram / negSampling' && c.problem === 'dummy')!
    expect(sg.result.parameters.map((p) => [p.name, p.count])).toEqual([['centerWordVectors', 15], ['outsideVectors', 15]])
    const worst = sg.result.parameters[0]!.worst
    expect(worst.length).toBeGreaterThan(0)
    expect(worst[0]!.relError).toBe(sg.result.parameters[0]!.maxRelError)
  })
})

/** x = [v_c, U] for a single pair loss, as the checks stack it. */
function pairObjective(d: number, vocabSize: number, loss: (c: Vector, o: number, U: Matrix) => LossAndGradient) {
  return (x: Float64Array) => {
    const r = loss(x.subarray(0, d), 1, { rows: vocabSize, cols: d, data: x.subarray(d) })
    const grad = new Float64Array(x.length)
    grad.set(r.gradCenterVec)
    grad.set(r.gradOutsideVecs.data, d)
    return { loss: r.loss, grad }
  }
}

describe('gradcheck catches wrong gradients', () => {
  const problem = dummyProblem()
  const d = problem.dim
  const x = Float64Array.from(problem.wordVectors.subarray(0, 6 * d))
  const parameters = [
    { name: 'centerWordVec', offset: 0, length: d, cols: d },
    { name: 'outsideVectors', offset: d, length: 5 * d, cols: d },
  ]

  it('a negative-sampling gradient that overwrites instead of accumulating repeats fails on the repeated row', () => {
    const negatives = [2, 2, 3]
    const wrong = (c: Vector, o: number, U: Matrix): LossAndGradient => {
      const r = negSamplingLossAndGradient(c, o, U, negatives)
      const once = negSamplingLossAndGradient(c, o, U, [2])
      // Row 2 as if it had been drawn once: the classic bug of assigning instead of adding.
      r.gradOutsideVecs.data.set(once.gradOutsideVecs.data.subarray(2 * d, 3 * d), 2 * d)
      return r
    }
    const result = gradcheck(pairObjective(d, 5, wrong), x, { parameters })
    expect(result.passed).toBe(false)
    const outside = result.parameters.find((p) => p.name === 'outsideVectors')!
    expect(outside.passed).toBe(false)
    expect(outside.worst[0]!.row).toBe(2)
    expect(result.parameters.find((p) => p.name === 'centerWordVec')!.passed).toBe(true)
  })

  it('a gradient with a wrong sign in the centre vector fails only that block', () => {
    const wrong = (c: Vector, o: number, U: Matrix): LossAndGradient => {
      const r = naiveSoftmaxLossAndGradient(c, o, U)
      r.gradCenterVec[1] = -r.gradCenterVec[1]!
      return r
    }
    const result = gradcheck(pairObjective(d, 5, wrong), x, { parameters })
    const centre = result.parameters.find((p) => p.name === 'centerWordVec')!
    expect(centre.passed).toBe(false)
    expect(centre.worst[0]!.col).toBe(1)
    expect(result.parameters.find((p) => p.name === 'outsideVectors')!.passed).toBe(true)
  })

  it('leaves x as it found it', () => {
    const before = Float64Array.from(x)
    gradcheck(pairObjective(d, 5, naiveSoftmaxLossAndGradient), x, { parameters })
    expect(x).toEqual(before)
  })
})

describe('gradcheck of a sampled loss', () => {
  const problem = dummyProblem()
  const sampledObjective = (random: Random) => {
    const lossFn = negSamplingLoss(courseNegativeSampler(() => random.nextInt(5), 10))
    return (v: Float64Array) => word2vecMinibatch(v, problem.source, random, { model: 'skipgram', lossFn, window: 5, batch: 50, dim: 3 })
  }

  it('passes when the generator is rewound before each evaluation', () => {
    const random = new Random(1)
    expect(gradcheck(sampledObjective(random), Float64Array.from(problem.wordVectors), { random }).passed).toBe(true)
  })

  it('fails when every evaluation draws new samples (why the rewind exists)', () => {
    const random = new Random(1)
    expect(gradcheck(sampledObjective(random), Float64Array.from(problem.wordVectors)).passed).toBe(false)
  })

  it('leaves the generator where one evaluation would', () => {
    const a = new Random(5)
    const b = new Random(5)
    gradcheck(sampledObjective(a), Float64Array.from(problem.wordVectors), { random: a })
    sampledObjective(b)(Float64Array.from(problem.wordVectors))
    expect(a.getState()).toEqual(b.getState())
  })
})
