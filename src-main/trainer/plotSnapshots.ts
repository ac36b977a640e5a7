/**
 * While training runs, the plotted words' 2-D positions: a PCA of their current centre vectors
 * every ~300 ms, turned onto the previous frame (Procrustes) so points drift instead of
 * spinning or flipping. The vectors are read while the threads write them (Hogwild reads: a
 * row may be a mix of two updates, which a plot cannot show). Only the plotted rows are copied,
 * never the whole matrix (100 MB at 252k × 100, which slowed training). The interval stretches
 * to keep snapshots under MAX_TIME_SHARE of the time.
 */
import type { TrainerSnapshot } from '../core/contract/trainerProtocol'
import { pcaOfWords } from '../core/projection/pca'
import type { Embeddings } from '../core/vectors/embeddings'
import { log } from './trainerErrors'

/**
 * At most this share of the time goes to snapshots. Training threads use every core, so each
 * millisecond here is one taken from training: the PCA of 300 words × 100 dimensions costs
 * 8–25 ms on 2 shared cores, which every 300 ms cost the trainer 7% of the command line's speed
 * (bench/appPath.ts). At 2% that is every 0.4–1.2 s there; a snapshot under 6 ms keeps 300 ms.
 */
export const MAX_TIME_SHARE = 0.02

/** What the plot reads: the vocabulary's rows and a way to read current centre vectors. */
export interface PlotSource {
  readonly runId: string
  readonly index: ReadonlyMap<string, number>
  readonly dim: number
  /** The given rows of the centre vectors, in that order (rows.length × dim). */
  centerRows(rows: readonly number[]): Float32Array | Float64Array
}

export interface PlotSnapshotsOptions {
  readonly send: (snapshot: TrainerSnapshot) => void
  /** True while the receiver is behind: a snapshot then is skipped (the next one supersedes it anyway). */
  readonly congested: () => boolean
  readonly everyMs?: number
}

export class PlotSnapshots {
  private readonly everyMs: number
  private words: string[] = []
  private rows: number[] = []
  private previous: Float32Array | null = null
  private source: PlotSource | null = null
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(private readonly options: PlotSnapshotsOptions) {
    this.everyMs = options.everyMs ?? 300
  }

  /** The words plotted now. */
  get plotted(): readonly string[] {
    return this.words
  }

  /** The words to plot (those in the vocabulary) and the ones it does not have. */
  setWords(source: PlotSource, words: readonly string[]): { words: string[]; missing: string[] } {
    const found: string[] = []
    const missing: string[] = []
    for (const word of new Set(words)) (source.index.has(word) ? found : missing).push(word)
    this.source = source
    this.words = found
    this.rows = found.map((word) => source.index.get(word)!)
    this.previous = null
    return { words: found, missing }
  }

  /** Snapshots every ~300 ms until `stop`. */
  start(): void {
    this.stop()
    const tick = (): void => {
      const started = performance.now()
      this.takeNow()
      const cost = performance.now() - started
      this.timer = setTimeout(tick, Math.max(this.everyMs, cost / MAX_TIME_SHARE))
    }
    this.timer = setTimeout(tick, this.everyMs)
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  /** One snapshot now (after a pause, a stop, a change of words), unless the receiver is behind. */
  takeNow(): void {
    const source = this.source
    if (!source || this.words.length === 0 || this.options.congested()) return
    const { dim } = source
    const rows = source.centerRows(this.rows)
    const vectors = rows instanceof Float32Array ? rows : Float32Array.from(rows)
    const embeddings: Embeddings = { words: this.words, vectors, dim, counts: null }
    try {
      const pca = pcaOfWords(embeddings, this.words, this.previous ? { previous: this.previous } : {})
      this.previous = pca.coordinates
      this.options.send({
        type: 'snapshot', runId: source.runId, words: pca.words, coordinates: Array.from(pca.coordinates),
        explainedVariance: [pca.explainedVariance[0], pca.explainedVariance[1]],
      })
    } catch (error) {
      // Vectors that are not finite (a run diverging) have no picture; the divergence is reported elsewhere.
      log('Snapshot skipped:', error)
    }
  }
}
