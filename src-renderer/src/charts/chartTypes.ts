/**
 * What the chart components take: plain data in, events out. The stores own the data; the
 * charts own only how it is drawn (ECharts), throttled to animation frames.
 */
import type { FigureKind } from '@contract/figures'
import type { GradientCheckRow } from '@contract/trainerResults'

/** One training run's loss curve, as the progress batches delivered it (arrays grow as it trains). */
export interface LossRun {
  readonly runId: string
  /** e.g. "Run 3 · skip-gram, dim 100" */
  readonly label: string
  readonly schedule: 'word2vec' | 'cs224n'
  readonly visible: boolean
  /** Words done (word2vec) or iteration (cs224n) of each point. */
  readonly x: readonly number[]
  readonly loss: readonly number[]
  /** Learning rate (alpha or step) at each point. */
  readonly alpha: readonly number[]
  /** Training seconds at each point. */
  readonly t: readonly number[]
  /** x values where an epoch (word2vec) or an anneal step (cs224n) began. */
  readonly boundaries: readonly number[]
}

export type LossXAxis = 'progress' | 'time'

/** LossChart's props. */
export interface LossChartProps {
  /** The current run first, then earlier runs for comparison; hidden ones are not drawn. */
  readonly runs: readonly LossRun[]
  /** TensorBoard's smoothing weight in [0, 1): 0 draws the raw loss only. */
  readonly smoothing: number
  readonly logScale: boolean
  /** x by words/iterations (progress) or by training seconds. */
  readonly xAxis: LossXAxis
  /** Draw the current run's learning rate on a second y axis. */
  readonly showLearningRate: boolean
  /** The figure this chart is saved as (File menu, save control); none for a chart that is not saved. */
  readonly figure?: FigureKind
}

/** EmbeddingScatter's props: the course's plot of the chosen words' vectors in 2-D. */
export interface EmbeddingScatterProps {
  readonly words: readonly string[]
  /** 2 × words.length, point i at (coordinates[2i], coordinates[2i + 1]). */
  readonly coordinates: readonly number[]
  /** e.g. "PCA · 41% of the variance" */
  readonly subtitle: string
  /**
   * Which projection of which vectors the coordinates are in (e.g. "pca/center"). Snapshots in
   * one space glide from one to the next; a new space is drawn afresh.
   */
  readonly space?: string
  /** Nearest neighbours shown in the tooltip when the pointer rests on a word; may be slow. */
  readonly neighboursOf?: (word: string) => Promise<readonly string[]>
  /** The figure this chart is saved as (File menu, save control); none for a chart that is not saved. */
  readonly figure?: FigureKind
}

/** GradientCheckChart's props: log10 of each parameter block's worst relative error against the threshold. */
export interface GradientCheckChartProps {
  readonly rows: readonly GradientCheckRow[]
}
