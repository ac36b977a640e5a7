/**
 * A corpus as a training session holds it: its types and counts with its token stream in a file
 * (so any minCount can be tried without reading the files again, in memory that does not grow
 * with the corpus' length), how it was read, and the figures the window shows before training.
 * Choosing the words for a run is a separate step, from vocabulary settings or from the
 * vocabulary a checkpoint saved.
 */
import { basename } from 'node:path'
import {
  type CorpusNotice, type CorpusStats, type RawCorpus, type TokenizerOptions, type TrainingCorpus, type Vocabulary, UNNAMED_SOURCE,
  buildVocabulary, corpusNotices, corpusStats, encodeCorpus, typeToVocabulary,
} from '../../core/corpus/index'
import type { VocabularySettings } from '../../core/settings/trainingSettings'
import { chunkPlanSteps } from '../../core/training/chunkPlan'
import type { StreamingCorpus } from '../training/streamingTrainer'
import { type CorpusFileSummary, readCorpusFiles } from '../corpusFile'
import { FileTokenSink, openTokenSource } from '../tokenFile'
import type { PhraseSummary } from '../../core/corpus/phraseJoining'

export interface LoadedCorpus {
  readonly paths: readonly string[]
  readonly tokenizer: Partial<TokenizerOptions>
  readonly raw: RawCorpus
  readonly bytes: number
  readonly stats: CorpusStats
  /** What the user should know about how it was read (its encoding, bytes not UTF-8, word breaks that do not fit). */
  readonly notices: readonly CorpusNotice[]
  /** How each file (in `paths` order) was read: the encoding, and what the detector and the user said of it. */
  readonly files: readonly FileReading[]
  /** What phrase joining found, when the options ask for it (the corpus is then the joined one). */
  readonly phrases?: PhraseSummary
}

export type FileReading = Pick<CorpusFileSummary, 'encoding' | 'byteOrderMark' | 'replacedSequences' | 'detected' | 'chosen'>

export interface LoadCorpusOptions {
  /** After each chunk read, with the bytes read and in all. */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void
  readonly signal?: AbortSignal
  /** The folder of the token file (the OS's temporary folder unless given). */
  readonly tokenDirectory?: string
  /** Called once the files are read, before phrases are joined (when the options ask for it). */
  readonly beforePhrases?: () => Promise<void>
  /** The fraction of phrase joining done. */
  readonly onPhrasesProgress?: (fraction: number) => void
}

/**
 * Reads the files as one corpus (CorpusError for anything a user can get wrong, 'cancelled' on
 * abort), its tokens into a token file the caller releases (tokenFile's releaseTokenStore) when
 * it lets the corpus go.
 */
export async function loadCorpus(paths: readonly string[], tokenizer: Partial<TokenizerOptions>, options: LoadCorpusOptions = {}): Promise<LoadedCorpus> {
  const createSink = (): FileTokenSink => new FileTokenSink(options.tokenDirectory)
  const { raw, files, bytes, phrases } = await readCorpusFiles(paths, {
    tokenizer, onProgress: options.onProgress, signal: options.signal, createSink, beforePhrases: options.beforePhrases, onPhrasesProgress: options.onPhrasesProgress,
  })
  return {
    paths: [...paths], tokenizer, raw, bytes, stats: corpusStats(raw), notices: corpusNotices(files, raw, tokenizer),
    files: files.map(({ encoding, byteOrderMark, replacedSequences, detected, chosen }) => ({ encoding, byteOrderMark, replacedSequences, detected, chosen })),
    ...(phrases ? { phrases } : {}),
  }
}

/** How the corpus is named in messages: its file, or "the corpus" when it is several. */
export function corpusName(corpus: Pick<LoadedCorpus, 'paths'>): string {
  return corpus.paths.length === 1 ? basename(corpus.paths[0]!) : UNNAMED_SOURCE
}

/** What a run trains on: the corpus (its stream is read a chunk at a time) and the words it keeps. */
export interface TrainingData {
  readonly vocabulary: Vocabulary
  readonly raw: RawCorpus
  /** What a word2vec run reads, with its chunk plan, when made ahead in steps (planStreamingCorpus); else the run makes it. */
  readonly streaming?: StreamingCorpus
}

/** The vocabulary the settings keep (CorpusError 'noVocabulary' when nothing is kept). */
export function vocabularyOf(loaded: LoadedCorpus, settings: VocabularySettings): Vocabulary {
  return buildVocabulary(loaded.raw, settings, corpusName(loaded)).vocabulary
}

/** The vocabulary a checkpoint saved, indexed. */
export function savedVocabulary(saved: Pick<Vocabulary, 'words' | 'counts'>): Vocabulary {
  return { words: saved.words, counts: saved.counts, index: new Map(saved.words.map((w, i) => [w, i])) }
}

export function trainingData(loaded: LoadedCorpus, vocabulary: Vocabulary): TrainingData {
  return { vocabulary, raw: loaded.raw }
}

/** What a word2vec run reads of the data: the plan made ahead if there is one, else the stream and its type → word map (the run plans it). */
export function streamingCorpus(data: TrainingData): StreamingCorpus {
  return data.streaming ?? { store: data.raw.store, typeToVocab: typeToVocabulary(data.raw.types, data.vocabulary) }
}

/**
 * What a word2vec run reads of the data, its chunk plan made a block of the stream at a time:
 * `between` runs after each block with the fraction read (to report it and let other work in; it
 * throws to stop). A billion words take half a minute.
 */
export async function planStreamingCorpus(data: TrainingData, between: (fraction: number) => Promise<void>): Promise<StreamingCorpus> {
  const corpus = streamingCorpus(data)
  const source = openTokenSource(corpus.store)
  try {
    const steps = chunkPlanSteps(source, corpus.typeToVocab)
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) return { ...corpus, plan: step.value }
      await between(step.value / source.length)
    }
  } finally {
    source.close()
  }
}

/**
 * The first `maxWords` kept words of the corpus (whole sentences) in vocabulary ids, in memory,
 * or all of them: the course schedule's corpus (CS224n-sized data, which it samples at random)
 * and the gradient check's sample.
 */
export function encodedCorpus(data: TrainingData, maxWords = Infinity): TrainingCorpus {
  const source = openTokenSource(data.raw.store)
  try {
    return encodeCorpus(data.raw, data.vocabulary, source, maxWords)
  } finally {
    source.close()
  }
}
