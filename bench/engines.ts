/**
 * How each engine is started with the benchmark's settings, and whether it is installed.
 * Every command is a whole process: reading, vocabulary, training and writing the vectors.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { word2vecDefaults } from '../src-main/core/settings/trainingSettings'
import { type BenchLoss, type EngineId } from './options'

/** The settings of issue 3 §5, the same for every engine. */
export const SETTINGS = { model: 'skipgram', negative: 5, dim: 100, window: 5, sample: 1e-3, minCount: 5, epochs: 5, alpha: 0.025, seed: 1 } as const

export const ENGINE_LABELS: Record<EngineId, string> = {
  ours: 'ours',
  gensim: 'gensim LineSentence',
  'gensim-corpusfile': 'gensim corpus_file',
  fasttext: 'fastText',
  'ours-corpusfile-rate': "ours at corpus_file's rate",
}

/**
 * The learning rate gensim's corpus_file path ends a one-epoch run at. Each of its workers
 * decays alpha by the words it has read over all the corpus' words (word2vec_corpusfile.pyx,
 * get_next_alpha), so with w workers each stops 1/w of the way: at alpha − (alpha − minAlpha)/w,
 * 0.0125 for 2 workers, where LineSentence, word2vec.c and ours reach minAlpha (0.0001). The
 * 'ours-corpusfile-rate' engine trains ours with this as its final rate.
 */
export function corpusFileEndRate(alpha: number, minAlpha: number, workers: number): number {
  return alpha - (alpha - minAlpha) / workers
}

/** Our default final rate, which is gensim's default min_alpha too (gensim_train.py passes it on). */
const MIN_ALPHA = word2vecDefaults().minAlpha

/** The scale tier trains one epoch, as the issue's table does: a big corpus is one long pass. */
export const SCALE_EPOCHS = 1

/** What `w2v train --json` promises on its last stdout line. */
export const OURS_SUMMARY_FIELDS = ['words', 'seconds', 'wordsPerSec', 'vocab', 'finalLoss'] as const

/** The summary fields ours left out (all of them when the last line is not a JSON object). */
export function missingSummaryFields(summary: unknown): string[] {
  const object = typeof summary === 'object' && summary !== null ? summary : {}
  return OURS_SUMMARY_FIELDS.filter((field) => !(field in object))
}

export interface EngineContext {
  repoRoot: string
  benchDir: string
  python: string
  /** Where the engines write their vectors. */
  vectorsDir: string
  /** The loss every engine trains with (default negative sampling). */
  loss?: BenchLoss
}

export interface EngineCommand {
  argv: string[]
  /** The word2vec text file the command writes. */
  vectorsFile: string
  /** Other files the command writes that the benchmark does not need. */
  extraFiles: string[]
}

/**
 * The command for one run. Run r (1-based) trains with seed SETTINGS.seed + r − 1 and writes its
 * own vectors, so repeated runs measure quality over several seeds instead of one draw. `epochs`
 * departs from SETTINGS only for the scale tier.
 */
export function engineCommand(engine: EngineId, threads: number, corpus: string, context: EngineContext, run = 1, epochs: number = SETTINGS.epochs): EngineCommand {
  const s = { ...SETTINGS, epochs }
  const seed = s.seed + run - 1
  const hs = context.loss === 'hierarchicalSoftmax'
  const base = join(context.vectorsDir, `${engine}${hs ? '-hs' : ''}-t${threads}${run > 1 ? `-r${run}` : ''}`)
  switch (engine) {
    case 'ours':
    case 'ours-corpusfile-rate':
      // The bundled command (npm run build:cli), as the app ships it: running the TypeScript
      // sources through tsx would add a transpiler to the process and to every training thread.
      return {
        argv: [process.execPath, join(context.repoRoot, 'out/cli/w2v.js'), 'train',
          '--corpus', corpus, '--out', `${base}.txt`, '--model', s.model, '--loss', context.loss ?? 'negSampling',
          '--dim', `${s.dim}`, '--window', `${s.window}`, '--negative', `${s.negative}`, '--min-count', `${s.minCount}`,
          '--sample', `${s.sample}`, '--alpha', `${s.alpha}`, '--epochs', `${s.epochs}`, '--threads', `${threads}`,
          '--seed', `${seed}`, '--json',
          ...(engine === 'ours' ? [] : ['--min-alpha', `${corpusFileEndRate(s.alpha, MIN_ALPHA, threads)}`])],
        vectorsFile: `${base}.txt`,
        extraFiles: [],
      }
    case 'gensim':
    case 'gensim-corpusfile':
      return {
        argv: [context.python, join(context.benchDir, 'gensim_train.py'), '--corpus', corpus, '--out', `${base}.txt`,
          '--mode', engine === 'gensim' ? 'linesentence' : 'corpusfile', '--threads', `${threads}`,
          '--dim', `${s.dim}`, '--window', `${s.window}`, '--negative', `${s.negative}`, '--sample', `${s.sample}`,
          '--min-count', `${s.minCount}`, '--epochs', `${s.epochs}`, '--alpha', `${s.alpha}`, '--seed', `${seed}`, ...(hs ? ['--hs'] : [])],
        vectorsFile: `${base}.txt`,
        extraFiles: [],
      }
    case 'fasttext':
      // -minn 0 -maxn 0: no character n-grams, i.e. plain word2vec skip-gram.
      return {
        argv: ['fasttext', 'skipgram', '-input', corpus, '-output', base, '-minn', '0', '-maxn', '0',
          '-dim', `${s.dim}`, '-ws', `${s.window}`, '-neg', `${s.negative}`, '-t', `${s.sample}`,
          '-minCount', `${s.minCount}`, '-epoch', `${s.epochs}`, '-lr', `${s.alpha}`, '-thread', `${threads}`, '-seed', `${seed}`, ...(hs ? ['-loss', 'hs'] : [])],
        vectorsFile: `${base}.vec`,
        extraFiles: [`${base}.bin`],
      }
  }
}

/** Why an engine cannot run here, or null when it looks installed. A failing run is reported separately. */
export function unavailableReason(engine: EngineId, context: EngineContext): string | null {
  switch (engine) {
    case 'ours':
    case 'ours-corpusfile-rate': {
      const cli = join(context.repoRoot, 'out/cli/w2v.js')
      return existsSync(cli) ? null : `${cli} does not exist (run npm run build:cli)`
    }
    case 'gensim':
    case 'gensim-corpusfile': {
      const probe = spawnSync(context.python, ['-c', 'import gensim'], { encoding: 'utf8' })
      if (probe.error) return `${context.python} cannot be started (${probe.error.message})`
      return probe.status === 0 ? null : `gensim is not installed for ${context.python} (apt-get install python3-gensim)`
    }
    case 'fasttext': {
      const probe = spawnSync('fasttext', [], { encoding: 'utf8' })
      return probe.error ? 'the fasttext command is not installed (apt-get install fasttext)' : null
    }
  }
}
