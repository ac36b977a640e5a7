/**
 * What one benchmark run measured, and the targets of issue 3 §5 checked as ratios within the
 * run. Pure: no files, no processes, so the rules are unit-tested.
 */
import { type Measurement } from './measure'
import { type EngineId } from './options'

export interface Quality {
  vocab: number
  /** gensim's evaluate_word_analogies: fraction correct over the questions with all words in the vocabulary. */
  analogyAccuracy: number
  analogyQuestions: number
  /** null where no WordSim file applies (the scale tier's made-up words). */
  wordsimSpearman: number | null
  wordsimPearson: number | null
  wordsimOovPercent: number | null
}

export interface MeasuredRow {
  status: 'ok'
  engine: EngineId
  threads: number
  /** Best (smallest) wall time over the repeats, for the whole process. */
  wallSeconds: number
  wallSecondsAll: number[]
  /** (corpus tokens × epochs) / wallSeconds, the same definition for every engine. */
  wordsPerSec: number
  /** Largest peak resident memory over the repeats, in MiB. */
  peakMiB: number
  /** The best run's own CPU seconds (all threads). */
  cpuSeconds: number
  /** Share of the machine's CPU that other processes used during the best run; null if unknown. */
  otherCpuShare: number | null
  /** Mean over the runs' vectors (one seed each); an error when any run could not be scored. */
  quality: Quality | { error: string }
  /** Each run's scores, in run order. */
  qualityRuns: Quality[]
  /** Each run's vectors, in run order. */
  vectorsFiles: string[]
  /** What the engine printed about itself (ours' --json summary, gensim_train.py's line), if anything. */
  engineReport?: unknown
}

export interface UnavailableRow {
  status: 'unavailable'
  engine: EngineId
  threads: number
  reason: string
}

export type ResultRow = MeasuredRow | UnavailableRow

export type TargetStatus = 'pass' | 'fail' | 'skip'

export interface TargetCheck {
  name: string
  status: TargetStatus
  detail: string
}

/** The targets; the quality ones are one-sided: ours may be better than gensim by any margin. */
export const TARGETS = {
  minSpeedRatio: 1.2,
  maxAnalogyDropPoints: 0.5,
  maxSpearmanDrop: 0.02,
  maxMemoryRatio: 1.5,
} as const

export function wordsPerSecond(corpusTokens: number, epochs: number, wallSeconds: number): number {
  return (corpusTokens * epochs) / wallSeconds
}

/** Share of other processes' CPU above which a run's figures are flagged as disturbed. */
export const BUSY_MACHINE_SHARE = 0.1

type RunFigures = Pick<Measurement, 'wallSeconds' | 'maxRssKiB' | 'cpuSeconds' | 'otherCpuSeconds'>

/** One table row from the repeats of one engine: best wall time, worst peak memory. */
export function measuredRow(engine: EngineId, threads: number, runs: readonly RunFigures[], run: { corpusTokens: number; epochs: number; cores: number; vectorsFiles: string[]; engineReport?: unknown }): MeasuredRow {
  if (runs.length === 0) throw new RangeError('measuredRow needs at least one run')
  const best = runs.reduce((a, b) => (b.wallSeconds < a.wallSeconds ? b : a))
  return {
    status: 'ok', engine, threads,
    wallSeconds: best.wallSeconds,
    wallSecondsAll: runs.map((r) => r.wallSeconds),
    wordsPerSec: wordsPerSecond(run.corpusTokens, run.epochs, best.wallSeconds),
    peakMiB: Math.max(...runs.map((r) => r.maxRssKiB)) / 1024,
    cpuSeconds: best.cpuSeconds,
    otherCpuShare: best.otherCpuSeconds === null ? null : best.otherCpuSeconds / (best.wallSeconds * run.cores),
    quality: { error: 'not evaluated' },
    qualityRuns: [],
    vectorsFiles: run.vectorsFiles,
    ...(run.engineReport === undefined ? {} : { engineReport: run.engineReport }),
  }
}

/** The mean of several runs' scores (each run its own seed); an error if any run has none. */
export function meanQuality(scores: readonly (Quality | { error: string })[]): Quality | { error: string } {
  const failed = scores.find((q): q is { error: string } => 'error' in q)
  if (failed) return failed
  const ok = scores as readonly Quality[]
  if (ok.length === 0) return { error: 'not evaluated' }
  const mean = <T extends number | null>(pick: (q: Quality) => T): T => (ok.some((q) => pick(q) === null) ? null : ok.reduce((sum, q) => sum + pick(q)!, 0) / ok.length) as T
  return {
    vocab: ok[0]!.vocab,
    analogyAccuracy: mean((q) => q.analogyAccuracy),
    analogyQuestions: ok[0]!.analogyQuestions,
    wordsimSpearman: mean((q) => q.wordsimSpearman),
    wordsimPearson: mean((q) => q.wordsimPearson),
    wordsimOovPercent: ok[0]!.wordsimOovPercent,
  }
}

/**
 * The standard error (in points) of the difference between two engines' mean analogy accuracy,
 * from the spread of each engine's runs over its seeds; null when either has fewer than two runs.
 */
export function analogyDifferenceStdError(a: readonly Quality[], b: readonly Quality[]): number | null {
  const varianceOfMean = (runs: readonly Quality[]): number | null => {
    if (runs.length < 2) return null
    const points = runs.map((q) => q.analogyAccuracy * 100)
    const m = points.reduce((sum, x) => sum + x, 0) / points.length
    return points.reduce((sum, x) => sum + (x - m) ** 2, 0) / (points.length - 1) / points.length
  }
  const va = varianceOfMean(a)
  const vb = varianceOfMean(b)
  return va === null || vb === null ? null : Math.sqrt(va + vb)
}

export function threadsLabel(n: number): string {
  return `${n} thread${n === 1 ? '' : 's'}`
}

export function findRow(rows: readonly ResultRow[], engine: EngineId, threads: number): ResultRow | undefined {
  return rows.find((r) => r.engine === engine && r.threads === threads)
}

/** row's words/sec over the baseline's at the same thread count, or null when either did not run. */
export function speedRatio(rows: readonly ResultRow[], row: ResultRow, baseline: EngineId): number | null {
  const base = findRow(rows, baseline, row.threads)
  if (row.status !== 'ok' || base?.status !== 'ok') return null
  return row.wordsPerSec / base.wordsPerSec
}

export function hasQuality(row: MeasuredRow): row is MeasuredRow & { quality: Quality } {
  return !('error' in row.quality)
}

const fmt = (n: number, digits: number): string => n.toFixed(digits)
const signed = (n: number, digits: number): string => `${n < 0 ? '−' : '+'}${fmt(Math.abs(n), digits)}`
const wps = (n: number): string => `${Math.round(n).toLocaleString('en-US')} words/s`

/** That ours ran at every thread count it was asked to (none when ours was not asked for). */
export function oursRanCheck(rows: readonly ResultRow[]): TargetCheck[] {
  const oursRows = rows.filter((r) => r.engine === 'ours')
  return oursRows.length === 0 ? [] : [{
    name: 'ours ran at every thread count',
    ...(oursRows.every((r) => r.status === 'ok')
      ? { status: 'pass' as const, detail: `threads ${oursRows.map((r) => r.threads).join(', ')}` }
      : { status: 'fail' as const, detail: oursRows.filter((r) => r.status === 'unavailable').map((r) => `${threadsLabel(r.threads)}: ${r.reason}`).join('; ') }),
  }]
}

/** Checks every target at `threads` (the main thread count) and that ours ran at every thread count. */
export function checkTargets(rows: readonly ResultRow[], threads: number): TargetCheck[] {
  const names = [
    `speed: ours ≥ ${TARGETS.minSpeedRatio} × gensim words/s at ${threadsLabel(threads)}`,
    `analogy: ours ≥ gensim − ${TARGETS.maxAnalogyDropPoints} points`,
    `WordSim: ours ρ ≥ gensim ρ − ${TARGETS.maxSpearmanDrop}`,
    `memory: ours peak ≤ ${TARGETS.maxMemoryRatio} × gensim peak`,
  ]
  const all = (status: TargetStatus, detail: string): TargetCheck[] => names.map((name) => ({ name, status, detail }))

  const ranEverywhere = oursRanCheck(rows)

  const ours = findRow(rows, 'ours', threads)
  const gensim = findRow(rows, 'gensim', threads)
  if (ours === undefined) return [...all('skip', 'ours was not run'), ...ranEverywhere]
  if (ours.status !== 'ok') return [...all('fail', `ours could not run: ${ours.reason}`), ...ranEverywhere]
  if (gensim === undefined) return [...all('skip', 'gensim (LineSentence) was not run'), ...ranEverywhere]
  if (gensim.status !== 'ok') return [...all('fail', `no gensim figures to compare with: ${gensim.reason}`), ...ranEverywhere]

  const checks: TargetCheck[] = []
  const ratio = ours.wordsPerSec / gensim.wordsPerSec
  const fileMode = findRow(rows, 'gensim-corpusfile', threads)
  const fileNote = fileMode?.status === 'ok' ? `; vs gensim corpus_file ${wps(fileMode.wordsPerSec)}: ×${fmt(ours.wordsPerSec / fileMode.wordsPerSec, 2)} (information)` : ''
  checks.push({
    name: names[0]!,
    status: ratio >= TARGETS.minSpeedRatio - 1e-9 ? 'pass' : 'fail',
    detail: `ours ${wps(ours.wordsPerSec)} vs gensim ${wps(gensim.wordsPerSec)}: ×${fmt(ratio, 2)}${fileNote}`,
  })

  if (hasQuality(ours) && hasQuality(gensim)) {
    const drop = (gensim.quality.analogyAccuracy - ours.quality.analogyAccuracy) * 100
    const stdError = analogyDifferenceStdError(ours.qualityRuns, gensim.qualityRuns)
    const spread = stdError === null ? '' : ` (standard error ${fmt(stdError, 2)} over ${ours.qualityRuns.length} and ${gensim.qualityRuns.length} seeds)`
    checks.push({
      name: names[1]!,
      status: drop <= TARGETS.maxAnalogyDropPoints + 1e-9 ? 'pass' : 'fail',
      detail: `ours ${fmt(ours.quality.analogyAccuracy * 100, 2)}% (${ours.quality.analogyQuestions} questions) vs gensim ${fmt(gensim.quality.analogyAccuracy * 100, 2)}% (${gensim.quality.analogyQuestions}): ${signed(-drop, 2)} points${spread}`,
    })
    const oursRho = ours.quality.wordsimSpearman
    const gensimRho = gensim.quality.wordsimSpearman
    if (oursRho === null || gensimRho === null) {
      checks.push({ name: names[2]!, status: 'fail', detail: 'no WordSim scores (evaluated without a WordSim file)' })
    } else {
      const rhoDrop = gensimRho - oursRho
      checks.push({
        name: names[2]!,
        status: rhoDrop <= TARGETS.maxSpearmanDrop + 1e-9 ? 'pass' : 'fail',
        detail: `ours ${fmt(oursRho, 3)} vs gensim ${fmt(gensimRho, 3)}: ${signed(-rhoDrop, 3)}`,
      })
    }
  } else {
    const why = 'error' in ours.quality ? `ours: ${ours.quality.error}` : 'error' in gensim.quality ? `gensim: ${gensim.quality.error}` : ''
    checks.push({ name: names[1]!, status: 'fail', detail: `no analogy scores (${why})` }, { name: names[2]!, status: 'fail', detail: `no WordSim scores (${why})` })
  }

  const memoryRatio = ours.peakMiB / gensim.peakMiB
  checks.push({
    name: names[3]!,
    status: memoryRatio <= TARGETS.maxMemoryRatio + 1e-9 ? 'pass' : 'fail',
    detail: `ours ${fmt(ours.peakMiB, 0)} MiB vs gensim ${fmt(gensim.peakMiB, 0)} MiB: ×${fmt(memoryRatio, 2)}`,
  })
  return [...checks, ...ranEverywhere]
}

/** 1 when a target failed or ours could not run, else 0. */
export function exitCodeFor(checks: readonly TargetCheck[]): 0 | 1 {
  return checks.some((c) => c.status === 'fail') ? 1 : 0
}
