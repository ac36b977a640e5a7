/** What the window shows before training: how big the corpus is, what each minCount would keep, what training will need. */
import { type RawCorpus } from './corpusTypes'

export interface MinCountRow {
  readonly minCount: number
  /** Distinct words occurring at least minCount times. */
  readonly vocabSize: number
  /** Share of the corpus's tokens those words cover, in [0, 1]. */
  readonly coverage: number
}

export interface CorpusStats {
  readonly tokens: number
  readonly types: number
  readonly sentences: number
  /** One row per candidate minCount, in the order asked for. */
  readonly vocabularyByMinCount: readonly MinCountRow[]
  /** Most frequent words first, ties in order of first occurrence. */
  readonly topWords: readonly { readonly word: string; readonly count: number }[]
}

export const DEFAULT_CANDIDATE_MIN_COUNTS: readonly number[] = [1, 2, 3, 5, 10, 20, 50, 100]

export function corpusStats(raw: RawCorpus, options: { minCounts?: readonly number[]; topN?: number } = {}): CorpusStats {
  const { minCounts = DEFAULT_CANDIDATE_MIN_COUNTS, topN = 20 } = options
  const tokens = raw.tokenCount
  const sorted = raw.typeCounts.slice().sort() // ascending
  return {
    tokens,
    types: raw.types.length,
    sentences: raw.sentenceCount,
    vocabularyByMinCount: rowsByMinCount(sorted, tokens, minCounts),
    topWords: topWords(raw, sorted, topN),
  }
}

/** All rows in one walk down the sorted counts, thresholds taken from the largest. */
function rowsByMinCount(sorted: Uint32Array, tokens: number, minCounts: readonly number[]): MinCountRow[] {
  const thresholds = [...new Set(minCounts)].sort((a, b) => b - a)
  const rows = new Map<number, MinCountRow>()
  let i = sorted.length - 1
  let covered = 0
  for (const minCount of thresholds) {
    while (i >= 0 && sorted[i]! >= minCount) covered += sorted[i--]!
    rows.set(minCount, { minCount, vocabSize: sorted.length - 1 - i, coverage: tokens === 0 ? 0 : covered / tokens })
  }
  return minCounts.map((m) => rows.get(m)!)
}

function topWords(raw: RawCorpus, sorted: Uint32Array, topN: number): { word: string; count: number }[] {
  const n = Math.min(Math.max(0, Math.floor(topN)), sorted.length)
  if (n === 0) return []
  const threshold = sorted[sorted.length - n]!
  const candidates: number[] = []
  raw.typeCounts.forEach((c, t) => {
    if (c >= threshold) candidates.push(t)
  })
  const counts = raw.typeCounts
  candidates.sort((a, b) => counts[b]! - counts[a]! || a - b)
  return candidates.slice(0, n).map((t) => ({ word: raw.types[t]!, count: counts[t]! }))
}

