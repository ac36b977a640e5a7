/**
 * `w2v train`'s two warm starts: --continue (a saved word2vec run trained further on another
 * corpus, its vocabulary grown as gensim's `build_vocab(update=True)` grows it) and
 * --init-vectors (a fresh run whose words start from a vectors file, gensim's
 * `intersect_word2vec_format`, --lock-init freezing them).
 */
import { basename } from 'node:path'
import type { RawCorpus, Vocabulary } from '../core/corpus/index'
import { updateVocabulary } from '../core/corpus/vocabularyUpdate'
import { WarmStartError } from '../core/training/trainingErrors'
import { type PretrainedStart, type WarmStart, continuedStart, pretrainedStart } from '../core/training/warmStart'
import { continuedSummary, pretrainedSummary } from '../core/training/warmStartSummary'
import type { VectorFormat } from '../core/vectors/vectorFormats'
import type { TrainingCheckpoint } from '../node/training/trainingCheckpoint'
import { readEmbeddings } from '../node/vectors/readEmbeddings'
import { type FlagValues, UsageError } from './flags'

/** Refuses warm-start flags that do not go together, before any file is read. */
export function checkWarmStartFlags(flags: FlagValues): void {
  if (flags.continue !== undefined && flags.resume !== undefined) {
    throw new UsageError('--continue and --resume cannot be used together: --resume finishes an interrupted run on its own corpus, --continue trains a saved run further on --corpus.')
  }
  if (flags['init-vectors'] !== undefined && (flags.continue !== undefined || flags.resume !== undefined)) {
    throw new UsageError(`--init-vectors starts a new run; it cannot be used with --${flags.continue !== undefined ? 'continue' : 'resume'}, whose run already has its vectors.`)
  }
  for (const flag of ['lock-init', 'init-format'] as const) {
    if (flags[flag] !== undefined && flags['init-vectors'] === undefined) throw new UsageError(`--${flag} applies to --init-vectors <file>, which is missing.`)
  }
}

/** The saved run grown by the new corpus: its vocabulary, where it starts, and the sentence saying so. */
export function continuedRun(saved: TrainingCheckpoint, raw: RawCorpus, sample: number): { vocabulary: Vocabulary; start: WarmStart; summary: string } {
  if (saved.training.schedule !== 'word2vec') {
    throw new WarmStartError('Only a run of the word2vec schedule can be continued on another corpus; this checkpoint is of the cs224n schedule (use --resume to finish it).')
  }
  const update = updateVocabulary(saved.vocabulary, raw, saved.corpus.minCount)
  const start = continuedStart(update, { counts: saved.vocabulary.counts, ...saved.training.state }, sample)
  return { vocabulary: update.vocabulary, start, summary: continuedSummary(update, saved.corpus.minCount) }
}

/** The run's words found in the vectors file start from its vectors; also the reader's warnings and the sentence saying what was used. */
export async function pretrainedRun(path: string, format: VectorFormat | undefined, vocabulary: Vocabulary, dim: number, locked: boolean): Promise<{ start: PretrainedStart; summary: string; warnings: string[] }> {
  const { embeddings, warnings } = await readEmbeddings(path, { ...(format === undefined ? {} : { format }), encodingErrors: 'replace' })
  const lockFactor = locked ? 0 : 1
  const start = pretrainedStart(vocabulary, embeddings, dim, lockFactor, basename(path))
  return { start, summary: pretrainedSummary(start, basename(path), lockFactor), warnings }
}
