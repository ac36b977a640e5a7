/**
 * Evaluates a reference fixture (the format of shared/fixtures/cs224n-reference.json) with the
 * float64 core and measures how far each case's outputs are from the recorded values. Pure:
 * parsing and arithmetic only, so tests use it as they are and the CLI adds the file reading.
 */
import {
  type Matrix, type Word2vecLossFn, type Word2vecModelResult, cbow, matrixFromRows, naiveSoftmaxLossAndGradient,
  negSamplingLoss, negSamplingLossAndGradient, sigmoid, skipgram, softmax,
} from '../core/index'

/** A fixture the checker cannot read; the message names the case and the field. */
export class FixtureFormatError extends Error {
  override readonly name = 'FixtureFormatError'
}

export interface CaseResult {
  readonly index: number
  readonly kind: string
  readonly maxAbsError: number
  readonly maxRelError: number
}

export interface FixtureReport {
  readonly cases: readonly CaseResult[]
  readonly worstAbsError: number
  readonly worstRelError: number
}

type Json = unknown
type Fields = Record<string, Json>

/** Reads typed fields of one case, failing with a sentence that names the case and field. */
class CaseReader {
  constructor(readonly index: number, private readonly c: Fields) {}

  fail(field: string, what: string): never {
    const kind = typeof this.c.kind === 'string' ? ` (${this.c.kind})` : ''
    throw new FixtureFormatError(`case ${this.index}${kind}: field "${field}" ${what}`)
  }

  number(field: string): number {
    const v = this.c[field]
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(field, 'must be a finite number')
    return v
  }

  wordIndex(field: string, vocabSize: number): number {
    const v = this.c[field]
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= vocabSize) {
      this.fail(field, `must be a word index from 0 to ${vocabSize - 1}`)
    }
    return v
  }

  boolean(field: string): boolean {
    const v = this.c[field]
    if (typeof v !== 'boolean') this.fail(field, 'must be true or false')
    return v
  }

  vector(field: string, length?: number): number[] {
    const v = this.c[field]
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'number' || !Number.isFinite(x))) {
      this.fail(field, 'must be an array of finite numbers')
    }
    if (length !== undefined && v.length !== length) this.fail(field, `must have ${length} values, not ${v.length}`)
    return v as number[]
  }

  indices(field: string, vocabSize: number, v: Json = this.c[field]): number[] {
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x >= vocabSize)) {
      this.fail(field, `must be an array of word indices from 0 to ${vocabSize - 1}`)
    }
    return v as number[]
  }

  matrix(field: string, rows?: number, cols?: number): Matrix {
    const v = this.c[field]
    if (!Array.isArray(v) || v.length === 0 || !v.every((r) => Array.isArray(r) && r.every((x) => typeof x === 'number' && Number.isFinite(x)))) {
      this.fail(field, 'must be a non-empty array of rows of finite numbers')
    }
    const rowsJson = v as number[][]
    const width = rowsJson[0]!.length
    if (width === 0 || rowsJson.some((r) => r.length !== width)) this.fail(field, 'must have rows of one non-zero length')
    if (rows !== undefined && rowsJson.length !== rows) this.fail(field, `must have ${rows} rows, not ${rowsJson.length}`)
    if (cols !== undefined && width !== cols) this.fail(field, `must have ${cols} columns, not ${width}`)
    return matrixFromRows(rowsJson)
  }

  lossKind(): 'naiveSoftmax' | 'negSampling' {
    const v = this.c.loss_fn
    if (v !== 'naiveSoftmax' && v !== 'negSampling') this.fail('loss_fn', 'must be "naiveSoftmax" or "negSampling"')
    return v
  }

  raw(field: string): Json {
    return this.c[field]
  }
}

/** Largest absolute and relative differences between computed and expected values. */
class ErrorTally {
  maxAbsError = 0
  maxRelError = 0

  compare(computed: ArrayLike<number>, expected: ArrayLike<number>): void {
    for (let i = 0; i < expected.length; i++) {
      const abs = Math.abs(computed[i]! - expected[i]!)
      // An exact zero in the reference (an untouched gradient row) is reproduced exactly, so
      // the relative error there is the absolute one rather than a division by zero.
      const rel = expected[i] === 0 ? abs : abs / Math.abs(expected[i]!)
      this.maxAbsError = Math.max(this.maxAbsError, Number.isNaN(abs) ? Infinity : abs)
      this.maxRelError = Math.max(this.maxRelError, Number.isNaN(rel) ? Infinity : rel)
    }
  }
}

/** Replays recorded negatives: skip-gram records one list per outside word, CBOW a single list. */
function replayNegatives(r: CaseReader, vocabSize: number, perOutsideWord: number | null): Word2vecLossFn {
  const raw = r.raw('negSampleWordIndices')
  let lists: number[][]
  if (perOutsideWord === null) {
    lists = [r.indices('negSampleWordIndices', vocabSize)]
  } else {
    if (!Array.isArray(raw) || raw.length !== perOutsideWord) r.fail('negSampleWordIndices', `must hold one list of negatives per outside word (${perOutsideWord})`)
    lists = raw.map((list) => r.indices('negSampleWordIndices', vocabSize, list))
  }
  let next = 0
  return negSamplingLoss(() => lists[next++]!)
}

function evaluateModel(r: CaseReader, kind: 'skipgram' | 'cbow', tally: ErrorTally): void {
  const outsideVectors = r.matrix('outsideVectors')
  const vocabSize = outsideVectors.rows
  const centerWordVectors = r.matrix('centerWordVectors', vocabSize, outsideVectors.cols)
  const centerWordIdx = r.wordIndex('centerWordIdx', vocabSize)
  const wordsField = kind === 'skipgram' ? 'outsideWordIdxs' : 'contextWordIdxs'
  const words = r.indices(wordsField, vocabSize)
  const lossFn = r.lossKind() === 'naiveSoftmax'
    ? naiveSoftmaxLossAndGradient
    : replayNegatives(r, vocabSize, kind === 'skipgram' ? words.length : null)
  const result: Word2vecModelResult = kind === 'skipgram'
    ? skipgram(centerWordIdx, words, centerWordVectors, outsideVectors, lossFn)
    : cbow(centerWordIdx, words, centerWordVectors, outsideVectors, lossFn, { mean: r.boolean('mean') })
  tally.compare([result.loss], [r.number('loss')])
  tally.compare(result.gradCenterVecs.data, r.matrix('gradCenterVecs', vocabSize, outsideVectors.cols).data)
  tally.compare(result.gradOutsideVectors.data, r.matrix('gradOutsideVectors', vocabSize, outsideVectors.cols).data)
}

function evaluatePairLoss(r: CaseReader, kind: 'naiveSoftmaxLossAndGradient' | 'negSamplingLossAndGradient', tally: ErrorTally): void {
  const outsideVectors = r.matrix('outsideVectors')
  const { rows: vocabSize, cols: d } = outsideVectors
  const centerWordVec = Float64Array.from(r.vector('centerWordVec', d))
  const outsideWordIdx = r.wordIndex('outsideWordIdx', vocabSize)
  const result = kind === 'naiveSoftmaxLossAndGradient'
    ? naiveSoftmaxLossAndGradient(centerWordVec, outsideWordIdx, outsideVectors)
    : negSamplingLossAndGradient(centerWordVec, outsideWordIdx, outsideVectors, r.indices('negSampleWordIndices', vocabSize))
  tally.compare([result.loss], [r.number('loss')])
  tally.compare(result.gradCenterVec, r.vector('gradCenterVec', d))
  tally.compare(result.gradOutsideVecs.data, r.matrix('gradOutsideVecs', vocabSize, d).data)
}

function evaluateCase(r: CaseReader, kind: Json): ErrorTally {
  const tally = new ErrorTally()
  switch (kind) {
    case 'sigmoid': {
      const x = r.vector('x')
      tally.compare(x.map(sigmoid), r.vector('expected', x.length))
      break
    }
    case 'softmax': {
      const x = r.vector('x')
      tally.compare(softmax(x), r.vector('expected', x.length))
      break
    }
    case 'naiveSoftmaxLossAndGradient':
    case 'negSamplingLossAndGradient':
      evaluatePairLoss(r, kind, tally)
      break
    case 'skipgram':
    case 'cbow':
      evaluateModel(r, kind, tally)
      break
    default:
      r.fail('kind', 'must be one of sigmoid, softmax, naiveSoftmaxLossAndGradient, negSamplingLossAndGradient, skipgram, cbow')
  }
  return tally
}

/** Evaluates every case of a parsed fixture; throws FixtureFormatError on the first malformed one. */
export function checkFixture(fixture: Json): FixtureReport {
  const cases = (fixture as { cases?: Json } | null)?.cases
  if (typeof fixture !== 'object' || fixture === null || !Array.isArray(cases)) {
    throw new FixtureFormatError('the fixture must be a JSON object with a "cases" array')
  }
  const results = cases.map((c: Json, index): CaseResult => {
    if (typeof c !== 'object' || c === null || Array.isArray(c)) throw new FixtureFormatError(`case ${index}: must be an object`)
    const fields = c as Fields
    const { maxAbsError, maxRelError } = evaluateCase(new CaseReader(index, fields), fields.kind)
    return { index, kind: String(fields.kind), maxAbsError, maxRelError }
  })
  return {
    cases: results,
    worstAbsError: Math.max(0, ...results.map((c) => c.maxAbsError)),
    worstRelError: Math.max(0, ...results.map((c) => c.maxRelError)),
  }
}
