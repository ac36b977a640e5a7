/**
 * The course tier (`npm run bench -- --course`): the CS224n assignment's run as a student makes
 * it, `w2v train --preset cs224n` (40,000 iterations of 50 windows, the course's sub-sampling),
 * on a datasetSentences.txt of the treebank's size made from Moby-Dick (datasetSentences.ts).
 * No peer runs the course's schedule, so this tier reports figures, one row per seed.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { COURSE_PRESET } from '../src-main/core/settings/trainingSettings'
import { SST_SENTENCES, datasetSentencesText } from './datasetSentences'

export interface CourseRow {
  readonly seed: number
  readonly wallSeconds: number
  readonly trainingSeconds: number
  readonly iterations: number
  readonly iterationsPerSec: number
  readonly peakMiB: number
  readonly finalLoss: number | null
  readonly sanityCheck: boolean | null
  readonly vocab: number
}

/** The cached corpus (written again whenever the generator's text changed): its path and size. */
export function ensureCourseCorpus(cacheDir: string, log: (line: string) => void): { file: string; tokens: number; sentences: number } {
  const file = join(cacheDir, 'datasetSentences-moby-dick.txt')
  const text = datasetSentencesText()
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
    log(`writing ${file}`)
    writeFileSync(file, text)
  }
  const lines = text.trimEnd().split('\n').slice(1)
  return { file, tokens: lines.reduce((sum, line) => sum + line.slice(line.indexOf('\t') + 1).split(' ').length, 0), sentences: lines.length }
}

export function courseCommand(repoRoot: string, corpus: string, out: string, seed: number): string[] {
  return [process.execPath, join(repoRoot, 'out/cli/w2v.js'), 'train', '--preset', 'cs224n', '--corpus', corpus, '--out', out, '--seed', `${seed}`, '--json']
}

/** One row from the measurement and the last JSON line of `w2v train --json`. */
export function courseRow(seed: number, wallSeconds: number, maxRssKiB: number, summary: Record<string, unknown>): CourseRow {
  const number = (key: string): number => (typeof summary[key] === 'number' ? summary[key] : Number.NaN)
  return {
    seed, wallSeconds, trainingSeconds: number('trainingSeconds'), iterations: number('iterations'), iterationsPerSec: number('iterationsPerSec'),
    peakMiB: maxRssKiB / 1024, finalLoss: typeof summary.finalLoss === 'number' ? summary.finalLoss : null,
    sanityCheck: typeof summary.courseSanityCheck === 'boolean' ? summary.courseSanityCheck : null, vocab: number('vocab'),
  }
}

export function formatCourseTable(rows: readonly CourseRow[], corpus: { tokens: number; sentences: number }): string {
  const header = ['seed', 'wall s', 'training s', 'iterations/s', 'peak MiB', 'final exploss', 'run.py check (≤ 10)']
  const body = rows.map((r) => [
    String(r.seed), r.wallSeconds.toFixed(1), r.trainingSeconds.toFixed(1), r.iterationsPerSec.toFixed(0), r.peakMiB.toFixed(0),
    r.finalLoss === null ? '—' : r.finalLoss.toFixed(3), r.sanityCheck === null ? '—' : r.sanityCheck ? 'met' : 'NOT MET',
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)))
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padStart(widths[i]!)).join('  ')
  return [
    `course tier: w2v train --preset cs224n (${COURSE_PRESET.iterations.toLocaleString('en-US')} iterations of ${COURSE_PRESET.batch} windows, d ${COURSE_PRESET.dim}, K ${COURSE_PRESET.negatives}, sample ${COURSE_PRESET.sample} as the course) on a datasetSentences.txt of ${corpus.sentences.toLocaleString('en-US')} sentences (the treebank: ${SST_SENTENCES.toLocaleString('en-US')}), ${corpus.tokens.toLocaleString('en-US')} tokens, vocabulary ${rows[0]?.vocab.toLocaleString('en-US') ?? '?'} with UNK`,
    '',
    line(header),
    ...body.map(line),
  ].join('\n')
}
