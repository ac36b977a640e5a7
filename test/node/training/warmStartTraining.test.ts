import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildVocabulary, rawCorpusFromText } from '../../../src-main/core/corpus/index'
import { word2vecDefaults } from '../../../src-main/core/training/index'
import { pretrainedStart } from '../../../src-main/core/training/warmStart'
import { chooseKernel } from '../../../src-main/node/training/kernelModule'
import { StreamingTrainer } from '../../../src-main/node/training/streamingTrainer'
import { loadTrainingCheckpoint, saveTrainingCheckpoint } from '../../../src-main/node/training/trainingCheckpoint'
import { streamingCorpus } from '../../support/rawTokens'
import { plantedSynonymsText } from '../../support/syntheticCorpus'

const DIM = 8
const raw = rawCorpusFromText(plantedSynonymsText(600))
const { vocabulary } = buildVocabulary(raw, { minCount: 1 })
const stream = streamingCorpus(raw, vocabulary)
const config = { ...word2vecDefaults('skipgram', 1), dim: DIM, epochs: 2, threads: 1 }
// Pretrained vectors for the first five words (distinct values, far from a random start).
const shared = vocabulary.words.slice(0, 5)
const pretrained = { words: [...shared, 'absent'], vectors: Float32Array.from({ length: 6 * DIM }, (_, i) => 0.5 + i / 100), dim: DIM, counts: null }
const rowOf = (vectors: Float32Array, id: number): Float32Array => vectors.slice(id * DIM, (id + 1) * DIM)

describe('a word2vec run started from pretrained vectors', () => {
  it('keeps locked rows exactly, trains the others, and carries the locks through a checkpoint and a resume', async () => {
    const start = pretrainedStart(vocabulary, pretrained, DIM, 0, 'p.vec')
    const stopped = StreamingTrainer.create(vocabulary.counts, stream, config, undefined, start)
    // Stopped before it trains: the saved state is the start itself, locks included.
    stopped.stop()
    await stopped.run({ kernel: chooseKernel() })
    const path = join(mkdtempSync(join(tmpdir(), 'w2v-warm-')), 'locked.w2vckpt')
    await saveTrainingCheckpoint(path, { settings: { schedule: 'word2vec', config }, corpus: { tokenizer: {}, minCount: 1 }, vocabulary, training: { schedule: 'word2vec', state: stopped.exportState() } })
    const loaded = await loadTrainingCheckpoint(path)
    if (loaded.training.schedule !== 'word2vec') throw new Error('expected a word2vec run')
    expect(Array.from(loaded.training.state.lockFactors!)).toEqual(Array.from(start.lockFactors!))
    for (let i = 0; i < shared.length; i++) expect(rowOf(loaded.training.state.centerWordVectors, i)).toEqual(rowOf(pretrained.vectors, i))

    const resumed = StreamingTrainer.create(vocabulary.counts, stream, config, loaded.training.state)
    const result = await resumed.run({ kernel: chooseKernel() })
    expect(result.stopped).toBe(false)
    const trained = resumed.centerWordVectors()
    for (let i = 0; i < shared.length; i++) expect(rowOf(trained, i)).toEqual(rowOf(pretrained.vectors, i))
    // The other words trained away from where the saved start had them.
    const others = Array.from({ length: vocabulary.words.length - shared.length }, (_, k) => k + shared.length)
    expect(others.every((id) => rowOf(trained, id).some((x, k) => x !== loaded.training.state.centerWordVectors[id * DIM + k]))).toBe(true)
  })

  it('trains unlocked pretrained rows like any other', async () => {
    const start = pretrainedStart(vocabulary, pretrained, DIM, 1, 'p.vec')
    const trainer = StreamingTrainer.create(vocabulary.counts, stream, config, undefined, start)
    await trainer.run({ kernel: chooseKernel() })
    const trained = trainer.centerWordVectors()
    for (let i = 0; i < shared.length; i++) expect(rowOf(trained, i)).not.toEqual(rowOf(pretrained.vectors, i))
    expect(trainer.exportState().lockFactors).toBeUndefined()
  })
})
