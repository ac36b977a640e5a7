/** The printed report: one table row per engine and thread count, then the targets. */
import { ENGINE_LABELS } from './engines'
import { type ResultRow, type TargetCheck, hasQuality, speedRatio, threadsLabel } from './results'

const HEADER = ['engine', 'threads', 'runs', 'wall s', 'words/s', 'peak MiB', 'analogy %', 'questions', 'WordSim ρ', '× gensim', '× gensim cf'] as const

function cells(row: ResultRow, rows: readonly ResultRow[]): string[] {
  const head = [ENGINE_LABELS[row.engine], `${row.threads}`]
  if (row.status === 'unavailable') return [...head, `not available: ${row.reason}`]
  const ratio = (baseline: 'gensim' | 'gensim-corpusfile'): string => {
    const r = speedRatio(rows, row, baseline)
    return r === null ? '–' : `×${r.toFixed(2)}`
  }
  const quality = hasQuality(row)
    ? [(row.quality.analogyAccuracy * 100).toFixed(2), `${row.quality.analogyQuestions}`, row.quality.wordsimSpearman?.toFixed(3) ?? '–']
    : ['–', '–', '–']
  return [...head, `${row.wallSecondsAll.length}`, row.wallSeconds.toFixed(1), Math.round(row.wordsPerSec).toLocaleString('en-US'), row.peakMiB.toFixed(0), ...quality, ratio('gensim'), ratio('gensim-corpusfile')]
}

/** Engine names left-aligned, figures right-aligned; a "not available" row spans the figure columns. */
export function formatResultsTable(rows: readonly ResultRow[]): string {
  const body = rows.map((row) => cells(row, rows))
  const all = [[...HEADER], ...body]
  // The spanning cell of a "not available" row does not widen the figure columns.
  const widths = HEADER.map((_, c) => Math.max(...all.filter((r) => c < r.length - 1 || r.length === HEADER.length).map((r) => r[c]!.length)))
  const line = (r: readonly string[]): string =>
    r.map((cell, c) => (r.length !== HEADER.length && c === r.length - 1 ? cell : c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd()
  return [line(HEADER), ...body.map(line)].join('\n')
}

/** Rows that ran but could not be scored, with the reason, so the dashes in the table are explained. */
export function formatQualityErrors(rows: readonly ResultRow[]): string {
  return rows
    .flatMap((r) => (r.status === 'ok' && 'error' in r.quality ? [`No scores for ${ENGINE_LABELS[r.engine]} at ${threadsLabel(r.threads)}: ${r.quality.error}`] : []))
    .join('\n')
}

export function formatTargets(checks: readonly TargetCheck[]): string {
  if (checks.length === 0) return 'Targets: none checked.'
  return ['Targets:', ...checks.map((c) => `  ${c.status.toUpperCase().padEnd(4)}  ${c.name}\n        ${c.detail}`)].join('\n')
}

/**
 * What the columns mean, printed under the table so a reader of a pasted report knows.
 * `scores`: the State of the Union files, the scale tier's generated questions, or none.
 */
export function formatNotes(corpusTokens: number, epochs: number, scores: 'sotu' | 'generated' | 'none' = 'sotu'): string {
  const quality = {
    sotu: [
      'analogy % = gensim evaluate_word_analogies on questions-words.txt over the questions in vocabulary (count shown);',
      'WordSim ρ = Spearman of gensim evaluate_word_pairs on wordsim353.tsv. × gensim / × gensim cf = words/s ratio',
    ],
    generated: [
      'analogy % = gensim evaluate_word_analogies on the questions generated with the corpus, over those in vocabulary',
      '(count shown); no WordSim ρ for made-up words. × gensim / × gensim cf = words/s ratio',
    ],
    none: [
      'no quality figures: no analogy questions (a zipf corpus plants no relations; a planted one below about 2M',
      'tokens plants too few). × gensim / × gensim cf = words/s ratio',
    ],
  }[scores]
  return [
    `words/s = corpus tokens (${corpusTokens.toLocaleString('en-US')}) × epochs (${epochs}) / wall seconds of the whole process`,
    '  (start to exit: reading, vocabulary, training, writing the vectors), the same definition for every engine.',
    'peak MiB = the process tree\'s peak resident memory (getrusage RUSAGE_CHILDREN ru_maxrss).',
    ...quality,
    'to gensim LineSentence / gensim corpus_file at the same thread count.',
  ].join('\n')
}
