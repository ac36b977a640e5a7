/**
 * The two warm starts of a word2vec run, as the command line and the trainer make them: a saved
 * run continued on another corpus (its vocabulary grown as gensim's `build_vocab(update=True)`
 * grows it), and a fresh run whose words start from a vectors file (gensim's
 * `intersect_word2vec_format`), each with the sentence saying what was kept and what is new.
 */
import { basename } from 'node:path'
import type { RawCorpus, Vocabulary } from '../../core/corpus/index'
import { updateVocabulary } from '../../core/corpus/vocabularyUpdate'
import { WarmStartError } from '../../core/training/trainingErrors'
import { type PretrainedStart, type WarmStart, continuedStart, pretrainedStart } from '../../core/training/warmStart'
import { continuedSummary, pretrainedSummary } from '../../core/training/warmStartSummary'
import type { VectorFormat } from '../../core/vectors/vectorFormats'
import type { TrainingCheckpoint } from '../training/trainingCheckpoint'
import { readEmbeddings } from '../vectors/readEmbeddings'

/** The saved run grown by the new corpus: its vocabulary, where it starts, and the sentence saying so. */
export function continuedRun(saved: Pick<TrainingCheckpoint, 'settings' | 'corpus' | 'vocabulary' | 'training'>, raw: RawCorpus): { vocabulary: Vocabulary; start: WarmStart; summary: string } {
  if (saved.training.schedule !== 'word2vec' || saved.settings.schedule !== 'word2vec') {
    throw new WarmStartError('Only a run of the word2vec schedule can be continued on another corpus; this run is of the cs224n schedule.')
  }
  const update = updateVocabulary(saved.vocabulary, raw, saved.corpus.minCount)
  const start = continuedStart(update, { counts: saved.vocabulary.counts, ...saved.training.state }, saved.settings.config.sample)
  return { vocabulary: update.vocabulary, start, summary: continuedSummary(update, saved.corpus.minCount) }
}

export interface PretrainedOptions {
  readonly format?: VectorFormat
  /** Keep the pretrained vectors fixed (lock factor 0) rather than training them further (1). */
  readonly lock: boolean
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void
  readonly signal?: AbortSignal
}

/** The run's words found in the vectors file start from its vectors; also the reader's warnings and the sentence saying what was used. */
export async function pretrainedRun(path: string, vocabulary: Vocabulary, dim: number, options: PretrainedOptions): Promise<{ start: PretrainedStart; summary: string; warnings: string[] }> {
  const { embeddings, warnings } = await readEmbeddings(path, {
    encodingErrors: 'replace',
    ...(options.format === undefined ? {} : { format: options.format }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  })
  const lockFactor = options.lock ? 0 : 1
  const start = pretrainedStart(vocabulary, embeddings, dim, lockFactor, basename(path))
  return { start, summary: pretrainedSummary(start, basename(path), lockFactor), warnings }
}
