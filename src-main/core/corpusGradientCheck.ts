/**
 * The gradient check on real data: a few windows drawn from the loaded corpus, scored with the
 * run's current parameters. Training runs in float32 and touches |V| × d values, far too many
 * to probe one by one, so the check works on the rows the minibatch touches (its words and
 * their negative samples, or the inner nodes on their Huffman paths), copied to float64: for that sub-vocabulary skip-gram and CBOW with
 * the run's loss are exactly the course's functions, and gradcheck compares them as it does on
 * the dummy problem. Drawing the minibatch and checking it are separate steps so the check,
 * which is plain data in and out, can run on another thread.
 */
import { cbow } from './cbow'
import type { TrainingCorpus } from './corpus/corpusTypes'
import { buildAliasTable, unigramWeights } from './corpus/sampling'
import { type CoordinateCheck, type GradcheckResult, type ParameterBlock, type ParameterCheck, gradcheck } from './gradcheck'
import type { GradientCheck } from './gradientChecks'
import { hierarchicalSoftmaxLoss } from './hierarchicalSoftmax'
import { type HuffmanTree, buildHuffmanTree } from './huffmanTree'
import type { Matrix } from './matrix'
import { naiveSoftmaxLossAndGradient } from './naiveSoftmax'
import { negSamplingLossAndGradient } from './negSampling'
import { Random } from './random'
import { skipgram } from './skipgram'
import { corpusContextSource, noiseSampler } from './training/corpusContexts'
import type { Word2vecLossFn, Word2vecLossKind, Word2vecModelKind } from './word2vecLoss'

/** The run's objective, as the check needs it. */
export interface CorpusCheckSettings {
  readonly loss: Word2vecLossKind
  /** K of the run (negative sampling). */
  readonly negatives: number
  readonly negativePower: number
  /** The run's maximum window on each side. */
  readonly window: number
  readonly cbowMean: boolean
}

/** The run's current parameters, read by rows: the check copies only the rows it touches, not |V| × d. */
export interface ParameterRows {
  /** The given rows of V (rows.length × dim), in that order. */
  centerRows(rows: readonly number[]): ArrayLike<number>
  /** The given rows of U (rows.length × dim), in that order. */
  outsideRows(rows: readonly number[]): ArrayLike<number>
}

export interface CorpusMinibatchOptions {
  /** Windows in the minibatch. Default 2. */
  readonly windows?: number
  /** Largest window drawn on each side (at most the run's). Default 2. */
  readonly maxWindow?: number
  /** Largest K used (at most the run's). Default 4. */
  readonly maxNegatives?: number
}

/** A window in local word ids (rows of the minibatch's matrices). */
export interface LocalWindow {
  readonly centerWordIdx: number
  readonly contextWordIdxs: readonly number[]
}

/** Everything the check needs, as plain data: structured-clonable to a worker. */
export interface CorpusMinibatch {
  readonly settings: CorpusCheckSettings
  /** Vocabulary row of each local row of V. */
  readonly words: Int32Array
  /** Row of the run's U of each local row of U: the words again, or under hierarchical softmax the inner nodes on their paths. */
  readonly outsideRowIds: Int32Array
  /** Hierarchical softmax: the words' Huffman paths in local ids (local words, local inner-node rows); null for the other losses. */
  readonly tree: HuffmanTree | null
  readonly dim: number
  /** The touched rows of V (words.length × dim) and U (outsideRowIds.length × dim), float64. */
  readonly centerWordVectors: Float64Array
  readonly outsideVectors: Float64Array
  readonly windows: readonly LocalWindow[]
  /** Negative samples (local ids) per skip-gram pair, in window then context order; empty lists for naive softmax. */
  readonly skipgramNegatives: readonly (readonly number[])[]
  /** Negative samples (local ids) per CBOW window. */
  readonly cbowNegatives: readonly (readonly number[])[]
}

/**
 * Draws windows from the corpus (no sub-sampling, so the check sees the text as written) and
 * negatives from the run's noise distribution, and copies the rows they touch. Throws
 * NoTrainingContextError when no sentence has two different words.
 */
export function drawCorpusMinibatch(
  corpus: TrainingCorpus,
  counts: Uint32Array,
  parameters: ParameterRows,
  dim: number,
  settings: CorpusCheckSettings,
  seed: number,
  options: CorpusMinibatchOptions = {},
): CorpusMinibatch {
  const { windows: windowCount = 2, maxWindow = 2, maxNegatives = 4 } = options
  const random = new Random(seed)
  const source = corpusContextSource(corpus, counts.length)
  const K = settings.loss === 'negSampling' ? Math.max(1, Math.min(settings.negatives, maxNegatives)) : 0
  const sample = K > 0 ? noiseSampler(buildAliasTable(unigramWeights(counts, settings.negativePower)), random, K) : () => []
  const globalWindows = Array.from({ length: windowCount }, () => source.getRandomContext(random.randint(1, Math.max(1, Math.min(settings.window, maxWindow))), random))
  const skipgramNegatives = globalWindows.flatMap((w) => w.contextWordIdxs.map((o) => sample(o)))
  const cbowNegatives = globalWindows.map((w) => sample(w.centerWordIdx))

  const local = new Map<number, number>()
  const toLocal = (id: number): number => {
    let row = local.get(id)
    if (row === undefined) local.set(id, (row = local.size))
    return row
  }
  const windows = globalWindows.map((w) => ({ centerWordIdx: toLocal(w.centerWordIdx), contextWordIdxs: w.contextWordIdxs.map(toLocal) }))
  const localNegatives = (lists: number[][]): number[][] => lists.map((list) => list.map(toLocal))
  const sg = localNegatives(skipgramNegatives)
  const cb = localNegatives(cbowNegatives)

  const rows = [...local.keys()]
  const words = Int32Array.from(rows)
  const tree = settings.loss === 'hierarchicalSoftmax' ? localTree(buildHuffmanTree(counts), words) : null
  const outsideRowIds = tree ? tree.globalNodes : words
  const V = Float64Array.from(parameters.centerRows(rows))
  const U = Float64Array.from(parameters.outsideRows([...outsideRowIds]))
  return {
    settings, words, outsideRowIds, tree: tree?.tree ?? null, dim, centerWordVectors: V, outsideVectors: U, windows, skipgramNegatives: sg, cbowNegatives: cb,
  }
}

/**
 * The paths of the minibatch's words (local ids 0..n−1) through only the inner nodes they visit,
 * numbered in order of first visit: the same J over the sub-vocabulary's rows of U.
 */
function localTree(tree: HuffmanTree, words: Int32Array): { tree: HuffmanTree; globalNodes: Int32Array } {
  const localNode = new Map<number, number>()
  const offsets = new Int32Array(words.length + 1)
  const codes: number[] = []
  const points: number[] = []
  words.forEach((word, w) => {
    for (let j = tree.offsets[word]!; j < tree.offsets[word + 1]!; j++) {
      const node = tree.points[j]!
      let at = localNode.get(node)
      if (at === undefined) localNode.set(node, (at = localNode.size))
      points.push(at)
      codes.push(tree.codes[j]!)
    }
    offsets[w + 1] = points.length
  })
  return {
    tree: { vocabSize: words.length, innerNodes: localNode.size, offsets, codes: Uint8Array.from(codes), points: Int32Array.from(points) },
    globalNodes: Int32Array.from(localNode.keys()),
  }
}

/** J and ∇J of one model over the minibatch, averaged over its windows as the course's wrapper does. */
function objective(batch: CorpusMinibatch, model: Word2vecModelKind): (x: Float64Array) => { loss: number; grad: Float64Array } {
  const { dim, settings, windows, tree } = batch
  const n = batch.words.length
  const m = batch.outsideRowIds.length
  const half = n * dim
  const negatives = model === 'skipgram' ? batch.skipgramNegatives : batch.cbowNegatives
  return (x) => {
    const V: Matrix = { rows: n, cols: dim, data: x.subarray(0, half) }
    const U: Matrix = { rows: m, cols: dim, data: x.subarray(half) }
    // Predictions consume their fixed negatives in order, so every evaluation sees the same samples.
    let prediction = 0
    const lossFn: Word2vecLossFn = settings.loss === 'naiveSoftmax' ? naiveSoftmaxLossAndGradient
      : tree ? hierarchicalSoftmaxLoss(tree)
        : (c, o, outside) => negSamplingLossAndGradient(c, o, outside, negatives[prediction++]!)
    const grad = new Float64Array(half + m * dim)
    let loss = 0
    for (const w of windows) {
      const r = model === 'skipgram'
        ? skipgram(w.centerWordIdx, w.contextWordIdxs, V, U, lossFn)
        : cbow(w.centerWordIdx, w.contextWordIdxs, V, U, lossFn, { mean: settings.cbowMean })
      loss += r.loss / windows.length
      for (let i = 0; i < half; i++) grad[i]! += r.gradCenterVecs.data[i]! / windows.length
      for (let i = 0; i < m * dim; i++) grad[half + i]! += r.gradOutsideVectors.data[i]! / windows.length
    }
    return { loss, grad }
  }
}

/** One block's worth of per-row results merged back into one parameter, rows named by vocabulary row. */
function mergeRows(name: string, checks: readonly ParameterCheck[], rowIds: Int32Array, dim: number, worstCount: number): ParameterCheck {
  const worst: CoordinateCheck[] = []
  checks.forEach((check, r) => {
    const row = rowIds[r]!
    for (const c of check.worst) worst.push({ ...c, row, index: row * dim + c.col })
  })
  worst.sort((a, b) => b.relError - a.relError)
  const maxRelError = Math.max(0, ...checks.map((c) => c.maxRelError))
  const threshold = checks[0]?.threshold ?? 0
  return {
    name, count: checks.reduce((sum, c) => sum + c.count, 0), maxRelError, threshold,
    passed: checks.every((c) => c.passed), worst: worst.slice(0, worstCount),
  }
}

export interface CorpusCheckOptions {
  /** At most this many coordinates of each matrix are probed; beyond it, the first columns of every row. Default 1024. */
  readonly maxCoordinates?: number
}

/**
 * Gradient checks of skip-gram and CBOW with the run's loss on a drawn minibatch. Each probe
 * re-evaluates the whole minibatch, so the cost grows with the square of the coordinates:
 * past `maxCoordinates` only the leading columns of each row are probed (the name says so).
 * Coordinates are reported as (vocabulary row, column) of the run's matrices.
 */
export function checkCorpusMinibatch(batch: CorpusMinibatch, options: CorpusCheckOptions = {}): GradientCheck[] {
  const { dim, words, outsideRowIds } = batch
  const n = words.length
  const m = outsideRowIds.length
  const columns = Math.max(1, Math.min(dim, Math.floor((options.maxCoordinates ?? 1024) / Math.max(n, m))))
  const blocks: ParameterBlock[] = []
  for (let r = 0; r < n; r++) blocks.push({ name: `centerWordVectors:${r}`, offset: r * dim, length: columns, cols: columns })
  for (let r = 0; r < m; r++) blocks.push({ name: `outsideVectors:${r}`, offset: (n + r) * dim, length: columns, cols: columns })
  const x = new Float64Array((n + m) * dim)
  x.set(batch.centerWordVectors, 0)
  x.set(batch.outsideVectors, n * dim)
  const lossScope = batch.settings.loss === 'naiveSoftmax' ? ', softmax over these words'
    : batch.settings.loss === 'hierarchicalSoftmax' ? `, ${m} inner nodes on their paths` : ''
  const scope = `${batch.windows.length} corpus windows, ${n} words${lossScope}${columns < dim ? `, first ${columns} of ${dim} dimensions` : ''}`
  const worstCount = 5
  return (['skipgram', 'cbow'] as const).map((model) => {
    const raw = gradcheck(objective(batch, model), Float64Array.from(x), { parameters: blocks, worstCount })
    const result: GradcheckResult = {
      ...raw,
      parameters: [
        mergeRows('centerWordVectors', raw.parameters.slice(0, n), words, dim, worstCount),
        mergeRows('outsideVectors', raw.parameters.slice(n), outsideRowIds, dim, worstCount),
      ],
    }
    const modelName = model === 'skipgram' ? 'skipgram' : `cbow (${batch.settings.cbowMean ? 'mean' : 'sum'})`
    return { name: `${modelName} / ${batch.settings.loss} (${scope})`, problem: 'corpus', result }
  })
}
