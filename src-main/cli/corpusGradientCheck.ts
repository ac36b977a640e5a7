/**
 * `w2v gradcheck --corpus`: the window's corpus check on the command line. A minibatch of the
 * corpus's windows is checked against centred differences at a saved run's parameters
 * (--checkpoint: its settings, reading and vocabulary), or without one at the course's start:
 * the course's preset, its reading of the file, V and U drawn as run.py draws V (U is zero in the
 * course, which would leave the outside gradient's check trivial).
 */
import { presetHyperparameters, presetTokenizer, startSettings } from '../core/contract/settingsValidation'
import { type CorpusCheckSettings, checkCorpusMinibatch, drawCorpusMinibatch } from '../core/corpusGradientCheck'
import { type Vocabulary, buildVocabulary } from '../core/corpus/index'
import type { GradientCheck } from '../core/gradientChecks'
import { Random } from '../core/random'
import { readCorpusFile, sniffLayout } from '../node/corpusFile'
import { encodedCorpus } from '../node/session/loadedCorpus'
import { FileTokenSink, releaseTokenStore } from '../node/tokenFile'
import { loadTrainingCheckpoint } from '../node/training/trainingCheckpoint'

/** Kept words the windows are drawn from: the corpus's first sentences, as the window's check. */
const SAMPLE_WORDS = 100_000

export async function corpusGradientChecks(corpusPath: string, checkpointPath: string | undefined, seed: number): Promise<GradientCheck[]> {
  const saved = checkpointPath === undefined ? null : await loadTrainingCheckpoint(checkpointPath)
  const course = presetHyperparameters('cs224n', 1)
  const tokenizer = saved?.corpus.tokenizer ?? presetTokenizer('cs224n', await sniffLayout(corpusPath))
  const { raw } = await readCorpusFile(corpusPath, { tokenizer, createSink: () => new FileTokenSink() })
  try {
    let vocabulary: Vocabulary
    if (saved) {
      const { words, counts } = saved.vocabulary
      vocabulary = { words, counts, index: new Map(words.map((w, i) => [w, i])) }
    } else {
      vocabulary = buildVocabulary(raw, startSettings(course).vocabulary, corpusPath).vocabulary
    }
    const config = saved?.settings.config ?? course
    const dim = config.dim
    const { centerWordVectors, outsideVectors } = saved?.training.state ?? courseStart(vocabulary.words.length, dim, seed)
    const rows = (matrix: ArrayLike<number>) => (ids: readonly number[]) => ids.flatMap((id) => Array.from({ length: dim }, (_, k) => matrix[id * dim + k]!))
    const settings: CorpusCheckSettings = { loss: config.loss, negatives: config.negatives, negativePower: config.negativePower, window: config.window, cbowMean: config.cbowMean }
    const corpus = encodedCorpus({ raw, vocabulary }, SAMPLE_WORDS)
    const minibatch = drawCorpusMinibatch(corpus, vocabulary.counts, { centerRows: rows(centerWordVectors), outsideRows: rows(outsideVectors) }, dim, settings, seed)
    return checkCorpusMinibatch(minibatch)
  } finally {
    releaseTokenStore(raw.store)
  }
}

function courseStart(vocabSize: number, dim: number, seed: number): { centerWordVectors: Float64Array; outsideVectors: Float64Array } {
  const random = new Random(seed)
  const draw = () => Float64Array.from({ length: vocabSize * dim }, () => (random.nextFloat() - 0.5) / dim)
  return { centerWordVectors: draw(), outsideVectors: draw() }
}
