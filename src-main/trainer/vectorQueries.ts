/**
 * The requests that read the current vectors (a run's, or a file's): neighbours, analogies,
 * projections, benchmark scores and export. Each works on a VectorSource, so the session only
 * decides which vectors are current. Long ones take a Task: a signal that cancels them and a
 * progress callback.
 */
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { TrainerRequest } from '../core/contract/trainerProtocol'
import type { TrainerResult } from '../core/contract/trainerResults'
import { type AnalogySection, type AnalogySectionScore, TOTAL_SECTION, evaluateAnalogies, parseAnalogyFile } from '../core/evaluation/analogyBenchmark'
import { analogy } from '../core/evaluation/analogies'
import { EvaluationCancelledError } from '../core/evaluation/evaluationErrors'
import { mostSimilar } from '../core/evaluation/mostSimilar'
import { nearestNeighbours } from '../core/evaluation/neighbours'
import { doesntMatch } from '../core/evaluation/oddOneOut'
import { type VectorIndex, buildVectorIndex } from '../core/evaluation/vectorIndex'
import { formatWordExpression, parseWordExpression } from '../core/evaluation/wordExpression'
import { evaluateWordPairs, parseWordPairFile } from '../core/evaluation/wordPairBenchmark'
import { pcaOfWords } from '../core/projection/pca'
import type { Projection } from '../core/projection/projection'
import { runProjection } from '../core/projection/projectionRun'
import { rowsOfWords } from '../core/projection/rows'
import { createTsne } from '../core/projection/tsne'
import { createUmap } from '../core/projection/umap'
import type { Embeddings } from '../core/vectors/embeddings'
import { type NoOutsideVectors, type VectorKind, normalizeEmbeddings, selectVectors, topWords } from '../core/vectors/vectorSelection'
import { writeEmbeddings } from '../node/vectors/writeEmbeddings'
import { KindedError } from './trainerErrors'

/** The vectors queries run on. `stable` is false while training changes them, so nothing is cached. */
export interface VectorSource {
  readonly words: readonly string[]
  readonly counts: Uint32Array | null
  readonly dim: number
  readonly stable: boolean
  centerWordVectors(): Float32Array
  /** null for vectors read from a file, which hold one set only, and for a hierarchical-softmax run, whose U holds inner nodes. */
  outsideVectors(): Float32Array | null
  /** Why outsideVectors is null (unset: a file). */
  readonly whyNoOutside?: NoOutsideVectors
}

export interface Task {
  readonly signal: AbortSignal
  progress(fraction: number, label: string): void
}

type Request<T extends TrainerRequest['type']> = Extract<TrainerRequest, { type: T }>

const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** Selected vectors and their index, kept per kind while the source does not change. */
export class VectorQueries {
  private readonly indexes = new Map<VectorKind, VectorIndex>()

  constructor(readonly source: VectorSource) {}

  embeddings(kind: VectorKind): Embeddings {
    const { vectors, dim } = selectVectors(this.source.centerWordVectors(), this.source.outsideVectors(), this.source.dim, kind, this.source.whyNoOutside)
    return { words: this.source.words, counts: this.source.counts, vectors, dim }
  }

  private index(kind: VectorKind): VectorIndex {
    const cached = this.indexes.get(kind)
    if (cached && this.source.stable) return cached
    const index = buildVectorIndex(this.embeddings(kind))
    if (this.source.stable) this.indexes.set(kind, index)
    return index
  }

  neighbours(request: Request<'neighbours'>): TrainerResult<'neighbours'> {
    return { word: request.word, neighbours: nearestNeighbours(this.index(request.vectors), request.word, { k: request.k }) }
  }

  analogy(request: Request<'analogy'>): TrainerResult<'analogy'> {
    return { neighbours: analogy(this.index(request.vectors), request.a, request.b, request.c, { k: request.k, method: request.method }) }
  }

  expression(request: Request<'expression'>): TrainerResult<'expression'> {
    const terms = parseWordExpression(request.text)
    return { expression: formatWordExpression(terms), terms, neighbours: mostSimilar(this.index(request.vectors), terms, { k: request.k, method: request.method }) }
  }

  oddOneOut(request: Request<'oddOneOut'>): TrainerResult<'oddOneOut'> {
    const { word, ranking, unknown } = doesntMatch(this.index(request.vectors), request.words)
    return { word, ranking: [...ranking], unknown: [...unknown] }
  }

  async projection(request: Request<'projection'>, task: Task): Promise<TrainerResult<'projection'>> {
    const embeddings = this.embeddings(request.vectors)
    if (request.method === 'pca') {
      const pca = pcaOfWords(embeddings, request.words)
      return {
        method: 'pca', words: pca.words, coordinates: Array.from(pca.coordinates), missing: pca.missing,
        explainedVariance: [pca.explainedVariance[0], pca.explainedVariance[1]], sampled: false,
      }
    }
    const selection = rowsOfWords(embeddings, request.words)
    const { dim } = embeddings
    const vectors = new Float32Array(selection.rows.length * dim)
    selection.rows.forEach((row, i) => vectors.set(embeddings.vectors.subarray(row * dim, (row + 1) * dim), i * dim))
    const options = { seed: request.seed ?? 1 }
    const run = request.method === 'tsne' ? createTsne(vectors, selection.rows.length, dim, options) : createUmap(vectors, selection.rows.length, dim, options)
    const label = request.method === 'tsne' ? 't-SNE' : 'UMAP'
    const projection: Projection = await runProjection(run, {
      onProgress: (step) => task.progress(step.fraction, `${label}: ${step.phase === 'preparing' ? 'finding neighbours' : `iteration ${step.iteration} of ${step.iterations}`}`),
      isCancelled: () => task.signal.aborted,
      pause: yieldToEvents,
    })
    return {
      method: request.method, words: Array.from(projection.rows, (r) => selection.words[r]!), coordinates: Array.from(projection.coordinates),
      missing: selection.missing, explainedVariance: null, sampled: projection.sampled,
    }
  }

  async evaluate(request: Request<'evaluate'>, task: Task): Promise<TrainerResult<'evaluate'>> {
    const text = await readBenchmark(request.path)
    const name = basename(request.path)
    const index = this.index('center')
    if (request.kind === 'wordPairs') {
      const result = evaluateWordPairs(index, parseWordPairFile(text, name))
      // An undefined correlation (NaN) does not survive JSON; null says the same.
      const stat = (value: number): number | null => (Number.isNaN(value) ? null : value)
      return { kind: 'wordPairs', spearman: stat(result.spearman), pearson: stat(result.pearson), oovRatio: result.oovRatio, pairs: result.pairs, skipped: result.skipped }
    }
    return evaluateAnalogiesInSlices(index, parseAnalogyFile(text, name), task)
  }

  async export(request: Request<'export'>, task: Task): Promise<TrainerResult<'export'>> {
    const selected = this.embeddings(request.vectors)
    const limited = request.topN === undefined ? selected : topWords(selected, request.topN)
    const embeddings = request.normalize ? normalizeEmbeddings(limited) : limited
    return writeEmbeddings(request.path, embeddings, {
      ...(request.format === undefined ? {} : { format: request.format }),
      signal: task.signal,
      onProgress: (rows, total) => task.progress(total > 0 ? rows / total : 1, `Writing ${rows.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} vectors`),
    })
  }
}

async function readBenchmark(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'you may not read it' : (error as Error).message
    throw new KindedError('evaluation', `The benchmark file “${basename(path)}” cannot be read: ${why}.`, { cause: error })
  }
}

/** Questions per slice: a slice takes tens of milliseconds, so a cancel is heard between slices. */
const ANALOGY_SLICE = 256

/**
 * evaluateAnalogies over slices of the questions with the event loop turning between them (so
 * cancel and acks get through), and the slices' scores added up as the whole file's would be.
 */
async function evaluateAnalogiesInSlices(index: VectorIndex, sections: readonly AnalogySection[], task: Task): Promise<TrainerResult<'evaluate'>> {
  const total = sections.reduce((sum, s) => sum + s.questions.length, 0)
  const rows: AnalogySectionScore[] = []
  let done = 0
  let skipped = 0
  for (const { section, questions } of sections) {
    let correct = 0
    let answered = 0
    for (let start = 0; start < questions.length; start += ANALOGY_SLICE) {
      if (task.signal.aborted) throw new EvaluationCancelledError()
      const slice = evaluateAnalogies(index, [{ section, questions: questions.slice(start, start + ANALOGY_SLICE) }])
      correct += slice.correct
      answered += slice.total
      skipped += slice.skipped
      done += Math.min(ANALOGY_SLICE, questions.length - start)
      task.progress(done / total, `${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} questions`)
      await yieldToEvents()
    }
    rows.push(sectionScore(section, correct, answered))
  }
  const overall = sectionScore(TOTAL_SECTION, rows.reduce((n, s) => n + s.correct, 0), rows.reduce((n, s) => n + s.total, 0))
  return { kind: 'analogy', accuracy: overall.accuracy, correct: overall.correct, total: overall.total, skipped, sections: [...rows, overall] }
}

/** As evaluateAnalogies scores a section: nothing answered is an accuracy of 0 (gensim's convention). */
function sectionScore(section: string, correct: number, total: number): AnalogySectionScore {
  return { section, correct, total, accuracy: total === 0 ? 0 : correct / total }
}
