/**
 * The data behind each figure as CSV, so a plot can be redrawn or checked elsewhere: the
 * scatter's words at the coordinates they are plotted at, and every point of every loss curve
 * the chart shows. Numbers are written in full precision, so the file reads back to the very
 * doubles that were drawn.
 */
import { type CsvValue, csvText } from './csv'

export const SCATTER_CSV_HEADER = ['word', 'x', 'y'] as const

/** One line per plotted word: `word,x,y`, point i at (coordinates[2i], coordinates[2i + 1]). */
export function scatterCsv(words: readonly string[], coordinates: ArrayLike<number>): string {
  const rows = words.map((word, i): CsvValue[] => [word, coordinates[2 * i]!, coordinates[2 * i + 1]!])
  return csvText(SCATTER_CSV_HEADER, rows)
}

/** A loss curve as the chart holds it; `x` is words (word2vec schedule) or iterations (course schedule). */
export interface LossCsvRun {
  readonly label: string
  readonly schedule: 'word2vec' | 'cs224n'
  readonly x: readonly number[]
  readonly t: readonly number[]
  readonly loss: readonly number[]
  readonly alpha: readonly number[]
}

/**
 * The chart's x axis reads words for the word2vec schedule, iterations for the course's, or
 * training time; each has its own column, left empty where a run's schedule has no such count.
 */
export const LOSS_CSV_HEADER = ['run', 'words', 'iterations', 'training_seconds', 'loss', 'learning_rate'] as const

/** One line per point of every run given (the runs the chart shows), in the chart's order. */
export function lossCsv(runs: readonly LossCsvRun[]): string {
  const rows: CsvValue[][] = []
  for (const run of runs) {
    for (let i = 0; i < run.x.length; i++) {
      const x = run.x[i]!
      rows.push([run.label, run.schedule === 'word2vec' ? x : null, run.schedule === 'cs224n' ? x : null, run.t[i] ?? null, run.loss[i] ?? null, run.alpha[i] ?? null])
    }
  }
  return csvText(LOSS_CSV_HEADER, rows)
}
