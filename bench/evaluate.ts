/** Scores every engine's vectors with one bench/evaluate.py run (gensim's own evaluation). */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { type Quality } from './results'

export interface EvaluationData {
  analogies: string
  /** null where no WordSim file applies (the scale tier's made-up words): no ρ is computed. */
  wordsim: string | null
}

export class EvaluationDataMissingError extends Error {
  constructor(file: string) {
    super(`The evaluation file ${file} is missing; the benchmark expects the shared/ folder beside the checkout (../shared/data from the repository root).`)
    this.name = 'EvaluationDataMissingError'
  }
}

export function evaluationData(repoRoot: string): EvaluationData {
  const dataDir = resolve(repoRoot, '../shared/data')
  const data = { analogies: join(dataDir, 'questions-words.txt'), wordsim: join(dataDir, 'wordsim353.tsv') }
  for (const file of Object.values(data)) if (!existsSync(file)) throw new EvaluationDataMissingError(file)
  return data
}

/** Quality per vectors file, or an error message per file; a failed evaluation run gives the same error for every file. */
export function evaluateVectors(python: string, benchDir: string, data: EvaluationData, files: readonly string[]): Map<string, Quality | { error: string }> {
  const results = new Map<string, Quality | { error: string }>()
  if (files.length === 0) return results
  const wordsim = data.wordsim === null ? [] : ['--wordsim', data.wordsim]
  const run = spawnSync(python, [join(benchDir, 'evaluate.py'), '--analogies', data.analogies, ...wordsim, ...files], { encoding: 'utf8', maxBuffer: 16 << 20 })
  let parsed: Record<string, Quality | { error: string }> | undefined
  try {
    if (run.status === 0) parsed = JSON.parse(run.stdout) as Record<string, Quality | { error: string }>
  } catch {
    parsed = undefined
  }
  const failure = run.error?.message ?? (run.stderr.trim().split('\n').at(-1) || `exit code ${run.status}`)
  for (const file of files) results.set(file, parsed?.[file] ?? { error: `evaluation failed: ${failure}` })
  return results
}
