import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildVocabulary, encodeCorpus, rawCorpusFromText } from '../../../src-main/core/corpus/index'
import { DEFAULT_PHRASE_OPTIONS } from '../../../src-main/core/corpus/phraseOptions'
import { COURSE_PRESET, CourseTrainer, word2vecDefaults } from '../../../src-main/core/training/index'
import { readCheckpoint, writeCheckpoint } from '../../../src-main/node/checkpointFile'
import { chooseKernel } from '../../../src-main/node/training/kernelModule'
import { StreamingTrainer } from '../../../src-main/node/training/streamingTrainer'
import { checkResumedEncodings, loadTrainingCheckpoint, saveTrainingCheckpoint, trainedEmbeddings } from '../../../src-main/node/training/trainingCheckpoint'
import { TrainingResumeError } from '../../../src-main/core/training/trainingErrors'
import { streamingCorpus } from '../../support/rawTokens'
import { plantedSynonymsText } from '../../support/syntheticCorpus'

const dir = mkdtempSync(join(tmpdir(), 'w2v-ckpt-'))
const raw = rawCorpusFromText(plantedSynonymsText(800))
const { vocabulary } = buildVocabulary(raw, { minCount: 1 })
const corpus = encodeCorpus(raw, vocabulary)
const stream = streamingCorpus(raw, vocabulary)
const corpusSettings = { tokenizer: {}, minCount: 1 }

describe('training checkpoints', () => {
  it('round-trips a word2vec run: vocabulary, both matrices, position and generator states', async () => {
    const config = { ...word2vecDefaults('skipgram', 2), dim: 8, epochs: 1 }
    const trainer = StreamingTrainer.create(vocabulary.counts, stream, config)
    await trainer.run({ kernel: chooseKernel() })
    const state = trainer.exportState()
    const path = join(dir, 'w2v.w2vckpt')
    await saveTrainingCheckpoint(path, { settings: { schedule: 'word2vec', config }, corpus: corpusSettings, vocabulary, training: { schedule: 'word2vec', state } })
    const loaded = await loadTrainingCheckpoint(path)
    expect(loaded.settings).toEqual({ schedule: 'word2vec', config })
    expect(loaded.corpus).toEqual(corpusSettings)
    expect(loaded.vocabulary.words).toEqual(vocabulary.words)
    expect(loaded.vocabulary.counts).toEqual(vocabulary.counts)
    expect(loaded.training).toEqual({ schedule: 'word2vec', state })
  })

  it('round-trips a course run with Adam’s moments', async () => {
    const config = { ...COURSE_PRESET, optimizer: 'adam' as const, iterations: 50, batch: 5 }
    const trainer = new CourseTrainer(corpus, vocabulary, config)
    trainer.runIterations(20)
    const state = trainer.exportState()
    const path = join(dir, 'course.w2vckpt')
    await saveTrainingCheckpoint(path, { settings: { schedule: 'cs224n', config }, corpus: corpusSettings, vocabulary, training: { schedule: 'cs224n', state } })
    const loaded = await loadTrainingCheckpoint(path)
    expect(loaded.training).toEqual({ schedule: 'cs224n', state })
    // And the loaded state continues the run exactly as the original does.
    const original = new CourseTrainer(corpus, vocabulary, config, state)
    const resumed = new CourseTrainer(corpus, vocabulary, config, loaded.training.state as typeof state)
    original.runIterations(30)
    resumed.runIterations(30)
    expect(resumed.centerWordVectors).toEqual(original.centerWordVectors)
  })

  it('records phrase joining as part of how the corpus was read, and refuses phrase options out of their rules', async () => {
    const config = { ...word2vecDefaults('skipgram', 1), dim: 4, epochs: 1 }
    const trainer = StreamingTrainer.create(vocabulary.counts, stream, config)
    const state = trainer.exportState()
    const phrased = { tokenizer: { lowercase: true, phrases: { ...DEFAULT_PHRASE_OPTIONS, minCount: 2, passes: 2, scoring: 'npmi' as const, threshold: 0.4 } }, minCount: 1 }
    const path = join(dir, 'phrases.w2vckpt')
    const checkpoint = { settings: { schedule: 'word2vec' as const, config }, corpus: phrased, vocabulary, training: { schedule: 'word2vec' as const, state } }
    await saveTrainingCheckpoint(path, checkpoint)
    expect((await loadTrainingCheckpoint(path)).corpus).toEqual(phrased)
    const broken = { ...checkpoint, corpus: { ...phrased, tokenizer: { phrases: { ...phrased.tokenizer.phrases, threshold: 3 } } } }
    await saveTrainingCheckpoint(path, broken)
    await expect(loadTrainingCheckpoint(path)).rejects.toThrow(/between −1 and 1/)
  })

  it('round-trips a hierarchical-softmax run, whose U has a row per inner node (|V| − 1), and resumes it', async () => {
    const config = { ...word2vecDefaults('cbow', 1), dim: 8, epochs: 1, loss: 'hierarchicalSoftmax' as const }
    const trainer = StreamingTrainer.create(vocabulary.counts, stream, config)
    await trainer.run({ kernel: chooseKernel() })
    const state = trainer.exportState()
    expect(state.outsideVectors.length).toBe((vocabulary.words.length - 1) * 8)
    expect(state.outsideVectors.some((x) => x !== 0)).toBe(true)
    const path = join(dir, 'hs.w2vckpt')
    const checkpoint = { settings: { schedule: 'word2vec' as const, config }, corpus: corpusSettings, vocabulary, training: { schedule: 'word2vec' as const, state } }
    await saveTrainingCheckpoint(path, checkpoint)
    const loaded = await loadTrainingCheckpoint(path)
    expect(loaded.training).toEqual({ schedule: 'word2vec', state })
    const resumed = StreamingTrainer.create(vocabulary.counts, stream, config, loaded.training.state as typeof state)
    expect(resumed.outsideVectors()).toEqual(state.outsideVectors)
    // The words' vectors are the centre ones; U's rows are not words.
    expect(trainedEmbeddings(loaded, 'center').vectors).toEqual(state.centerWordVectors)
    expect(() => trainedEmbeddings(loaded, 'outside')).toThrow(/hierarchical softmax, whose outside vectors \(U\) belong to the inner nodes/)
    // A U of one row per word does not fit this loss.
    const wrong = join(dir, 'hs-wrong.w2vckpt')
    await saveTrainingCheckpoint(wrong, { ...checkpoint, training: { schedule: 'word2vec', state: { ...state, outsideVectors: new Float32Array(vocabulary.words.length * 8) } } })
    await expect(loadTrainingCheckpoint(wrong)).rejects.toThrow(/outsideVectors has .* values where its vocabulary and dimension need/)
  })

  it('loads version 3 (before hierarchical softmax) as it was, and calls a later version newer', async () => {
    const config = { ...COURSE_PRESET, iterations: 20, batch: 5 }
    const trainer = new CourseTrainer(corpus, vocabulary, config)
    trainer.runIterations(10)
    const path = join(dir, 'course-v4.w2vckpt')
    await saveTrainingCheckpoint(path, { settings: { schedule: 'cs224n', config }, corpus: corpusSettings, vocabulary, training: { schedule: 'cs224n', state: trainer.exportState() } })
    const { meta, arrays } = await readCheckpoint(path)
    const asVersion = async (version: number): Promise<string> => {
      const at = join(dir, `course-v${version}.w2vckpt`)
      await writeCheckpoint(at, { meta: { ...(meta as Record<string, never>), version }, arrays })
      return at
    }
    const v3 = await loadTrainingCheckpoint(await asVersion(3))
    // Version 3 already said whose sub-sampling: the course's stays the course's.
    expect(v3.settings).toEqual({ schedule: 'cs224n', config })
    await expect(loadTrainingCheckpoint(await asVersion(5))).rejects.toThrow(/saved by a newer Word2Vec Studio \(training checkpoint version 5\)/)
  })

  it('rejects a valid checkpoint file that is not a training run', async () => {
    const path = join(dir, 'other.w2vckpt')
    await writeCheckpoint(path, { meta: { format: 'something-else' }, arrays: {} })
    await expect(loadTrainingCheckpoint(path)).rejects.toThrow(/is not a training checkpoint of Word2Vec Studio/)
  })
})

describe('checkpoints written before the settings model (version 1)', () => {
  const fixtures = join(__dirname, '../../fixtures/checkpoints')
  const expected = JSON.parse(readFileSync(join(fixtures, 'expected.json'), 'utf8')) as {
    word2vec: Record<string, unknown>; cs224n: Record<string, unknown>; words: string[]
    word2vecVectors: { centerWordVectors: number[]; outsideVectors: number[] }; cs224nVectors: { centerWordVectors: number[]; outsideVectors: number[] }
  }

  it('load a word2vec run with the same settings and vectors', async () => {
    const loaded = await loadTrainingCheckpoint(join(fixtures, 'word2vec-v1.w2vckpt'))
    expect(loaded.settings).toEqual({ schedule: 'word2vec', config: expected.word2vec })
    expect(loaded.vocabulary.words).toEqual(expected.words)
    expect([...loaded.training.state.centerWordVectors]).toEqual(expected.word2vecVectors.centerWordVectors)
    expect([...loaded.training.state.outsideVectors]).toEqual(expected.word2vecVectors.outsideVectors)
  })

  it('load a course run with windowSize and batchSize renamed to window and batch', async () => {
    const loaded = await loadTrainingCheckpoint(join(fixtures, 'cs224n-v1.w2vckpt'))
    const { windowSize, batchSize, ...rest } = expected.cs224n
    // Before version 3 the course's runs sub-sampled with word2vec's formula.
    expect(loaded.settings).toEqual({ schedule: 'cs224n', config: { ...rest, window: windowSize, batch: batchSize, subsampling: 'word2vec' } })
    expect([...loaded.training.state.centerWordVectors]).toEqual(expected.cs224nVectors.centerWordVectors)
    expect([...loaded.training.state.outsideVectors]).toEqual(expected.cs224nVectors.outsideVectors)
    expect(loaded.training.schedule === 'cs224n' && loaded.training.state.iteration).toBe(12)
  })
})

describe('the corpus encodings a checkpoint keeps (version 4)', () => {
  it('round-trips the encoding each file was read in and the one the user named', async () => {
    const config = { ...word2vecDefaults('skipgram', 2), dim: 8, epochs: 1 }
    const trainer = StreamingTrainer.create(vocabulary.counts, stream, config)
    const corpus = { tokenizer: { encoding: 'shift_jis' }, minCount: 1, paths: ['/a.txt', '/b.txt'], encodings: ['shift_jis', 'utf-8'] }
    const path = join(dir, 'encodings.w2vckpt')
    await saveTrainingCheckpoint(path, { settings: { schedule: 'word2vec', config }, corpus, vocabulary, training: { schedule: 'word2vec', state: trainer.exportState() } })
    expect((await loadTrainingCheckpoint(path)).corpus).toEqual(corpus)
  })

  it('reads an earlier version’s corpus as UTF-8, as it was read then, with no encodings to check', async () => {
    const loaded = await loadTrainingCheckpoint(join(__dirname, '../../fixtures/checkpoints/word2vec-v1.w2vckpt'))
    expect(loaded.corpus.tokenizer.encoding).toBe('utf-8')
    expect(loaded.corpus.encodings).toBeUndefined()
  })

  it('refuses a resume whose corpus was read in another encoding, naming the file and both encodings', () => {
    const saved = { encodings: ['utf-8', 'gbk'] }
    expect(() => checkResumedEncodings(saved, ['/c/a.txt', '/c/b.txt'], ['utf-8', 'gbk'])).not.toThrow()
    expect(() => checkResumedEncodings(saved, ['/c/a.txt', '/c/b.txt'], ['utf-8', 'big5'])).toThrow(TrainingResumeError)
    expect(() => checkResumedEncodings(saved, ['/c/a.txt', '/c/b.txt'], ['utf-8', 'big5'])).toThrow(
      'The saved run read “b.txt” as GBK, but it was read as Big5 now, which makes other words of its bytes; resume with the file read as GBK.',
    )
    // Nothing recorded, or not one encoding a file: nothing to judge by.
    expect(() => checkResumedEncodings({}, ['/c/a.txt'], ['big5'])).not.toThrow()
    expect(() => checkResumedEncodings(saved, ['/c/a.txt'], ['big5'])).not.toThrow()
  })
})
