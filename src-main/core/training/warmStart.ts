/**
 * A word2vec run that starts from vectors it is given rather than from random ones: a finished
 * run continued on another corpus (gensim's `build_vocab(update=True)` then `train`), or a fresh
 * run seeded with pretrained vectors (gensim's `intersect_word2vec_format`). Rows not given start
 * as any fresh run's do (centre rows uniform in ±1/d, outside rows zero).
 */
import { continuedKeepProbabilities, keepProbabilities } from '../corpus/sampling'
import type { Vocabulary } from '../corpus/corpusTypes'
import type { VocabularyUpdate } from '../corpus/vocabularyUpdate'
import type { Embeddings } from '../vectors/embeddings'
import { WarmStartError } from './trainingErrors'

export interface WarmStart {
  /** Word ids whose rows are given, in the order of the rows below. */
  readonly rows: Int32Array
  /** rows.length × d centre vectors. */
  readonly centerWordVectors: Float32Array
  /** rows.length × d outside vectors (a continued run's); null: they start at zero. */
  readonly outsideVectors: Float32Array | null
  /**
   * Each word's lock factor (gensim's vectors_lockf): its centre row takes this share of its
   * updates, 0 freezing it. Null: all 1.
   */
  readonly lockFactors: Float32Array | null
  /** Each word's probability of being kept when sub-sampling; null: word2vec's formula on the counts. */
  readonly keepProbability: Float32Array | null
}

/** What a finished run saved that its continuation starts from. */
export interface SavedVectors {
  readonly counts: Uint32Array
  readonly centerWordVectors: Float32Array
  readonly outsideVectors: Float32Array
  readonly lockFactors?: Float32Array
  readonly keepProbability?: Float32Array
}

/**
 * A finished run continued on the corpus `update` was made from: its saved words keep both
 * their rows and their lock factors (new words train freely), and the sub-sampling table is
 * rebuilt as gensim rebuilds it on an update. The noise table needs nothing here: it is made
 * from the merged counts like any run's.
 */
export function continuedStart(update: VocabularyUpdate, saved: SavedVectors, sample: number): WarmStart {
  const size = update.vocabulary.words.length
  let lockFactors: Float32Array | null = null
  if (saved.lockFactors) {
    lockFactors = new Float32Array(size).fill(1)
    lockFactors.set(saved.lockFactors)
  }
  // A run not itself continued sub-sampled with the formula on its own counts.
  const savedKeep = saved.keepProbability ?? keepProbabilities(saved.counts, sample)
  return {
    rows: Int32Array.from({ length: update.keptWords }, (_, id) => id),
    centerWordVectors: saved.centerWordVectors,
    outsideVectors: saved.outsideVectors,
    lockFactors,
    keepProbability: continuedKeepProbabilities(update.retainedCounts, savedKeep, sample),
  }
}

export interface PretrainedStart extends WarmStart {
  /** Vocabulary words that took a pretrained vector. */
  readonly used: number
  /** Vocabulary words the file has no vector for: they start random. */
  readonly random: number
}

/**
 * A fresh run whose words found in `pretrained` start from those vectors, with `lockFactor`
 * (1 trains them as any word, 0 freezes them). Refused when the dimensions differ or no word is
 * shared: either way the file cannot be what the user meant.
 */
export function pretrainedStart(vocabulary: Pick<Vocabulary, 'words' | 'index'>, pretrained: Embeddings, dim: number, lockFactor: number, fileName: string): PretrainedStart {
  if (pretrained.dim !== dim) {
    throw new WarmStartError(`The pretrained vectors in “${fileName}” have ${pretrained.dim} dimensions but this run trains ${dim}; set the dimension to ${pretrained.dim} or use vectors of dimension ${dim}.`)
  }
  const rows: number[] = []
  const from: number[] = []
  pretrained.words.forEach((word, row) => {
    const id = vocabulary.index.get(word)
    if (id === undefined) return
    rows.push(id)
    from.push(row)
  })
  if (rows.length === 0) {
    throw new WarmStartError(`None of the ${pretrained.words.length.toLocaleString('en-US')} words in “${fileName}” is in the corpus' vocabulary, so no vector could be used; check that the file and the corpus are in the same language and case.`)
  }
  const centerWordVectors = new Float32Array(rows.length * dim)
  from.forEach((row, i) => centerWordVectors.set(pretrained.vectors.subarray(row * dim, (row + 1) * dim), i * dim))
  const lockFactors = new Float32Array(vocabulary.words.length).fill(1)
  for (const id of rows) lockFactors[id] = lockFactor
  return {
    rows: Int32Array.from(rows), centerWordVectors, outsideVectors: null, lockFactors: lockFactor === 1 ? null : lockFactors, keepProbability: null,
    used: rows.length, random: vocabulary.words.length - rows.length,
  }
}
