/**
 * The scale tier's memory run (issue 13 §6): ours alone on a corpus and on one
 * MEMORY_RUN_FACTOR times as long, drawn from the same law with the same seed. Streaming
 * training keeps only the vocabulary, the matrices and a chunk per thread, so the longer
 * corpus must peak within MEMORY_FLAT_SHARE of the shorter one — provided both keep the same
 * vocabulary, which the check verifies rather than assumes.
 */
import type { TargetCheck } from './results'

export const MEMORY_FLAT_SHARE = 0.1

export interface MemoryRunRow {
  readonly tokens: number
  /** The vocabulary ours reported, null when its summary lacked it. */
  readonly vocab: number | null
  readonly wallSeconds: number
  readonly peakMiB: number
}

export function memoryRunCheck(short: MemoryRunRow, long: MemoryRunRow): TargetCheck {
  const name = `peak memory flat in corpus length (${(long.tokens / short.tokens).toFixed(0)}× the tokens: within ${MEMORY_FLAT_SHARE * 100}%)`
  if (short.vocab === null || long.vocab === null || short.vocab !== long.vocab) {
    return {
      name, status: 'fail',
      detail: `the two corpora kept different vocabularies (${short.vocab ?? '?'} and ${long.vocab ?? '?'} words), so their peaks are not comparable; use fewer --types`,
    }
  }
  const growth = long.peakMiB / short.peakMiB - 1
  return {
    name, status: growth <= MEMORY_FLAT_SHARE ? 'pass' : 'fail',
    detail: `${short.peakMiB.toFixed(0)} MiB → ${long.peakMiB.toFixed(0)} MiB (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%), vocabulary ${short.vocab.toLocaleString('en-US')} words in both`,
  }
}

export function formatMemoryRun(rows: readonly MemoryRunRow[]): string {
  const header = ['tokens', 'vocabulary', 'wall s', 'words/s', 'peak MiB']
  const body = rows.map((r) => [
    r.tokens.toLocaleString('en-US'), r.vocab?.toLocaleString('en-US') ?? '?', r.wallSeconds.toFixed(1),
    Math.round(r.tokens / r.wallSeconds).toLocaleString('en-US'), r.peakMiB.toFixed(0),
  ])
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((r) => r[c]!.length)))
  return [header, ...body].map((r) => r.map((cell, c) => cell.padStart(widths[c]!)).join('  ')).join('\n')
}
