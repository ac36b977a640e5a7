import { describe, expect, it } from 'vitest'
import type { TrainerSnapshot } from '../../src-main/core/contract/trainerProtocol'
import { buildVocabulary, rawCorpusFromText } from '../../src-main/core/corpus/index'
import { pcaOfWords } from '../../src-main/core/projection/pca'
import { COURSE_PRESET, type ScheduleSettings, word2vecDefaults } from '../../src-main/core/settings/trainingSettings'
import { chooseKernel } from '../../src-main/node/training/kernelModule'
import { createTrainingRun } from '../../src-main/node/session/trainingRun'
import { PlotSnapshots } from '../../src-main/trainer/plotSnapshots'
import { plantedSynonymsText } from '../support/syntheticCorpus'

const raw = rawCorpusFromText(plantedSynonymsText(2000))
const { vocabulary } = buildVocabulary(raw, { minCount: 1 })
const data = { vocabulary, raw }
// Words out of vocabulary order, so a snapshot that read rows 0..n-1 would differ.
const plotWords = ['kitten', 'car', 'cat', 'automobile', vocabulary.words.at(-1)!, vocabulary.words[0]!]

/** dim 22 pads each row of the kernels' matrix to 24 floats, so the rows must be read by stride. */
const SCHEDULES: ScheduleSettings[] = [
  { schedule: 'word2vec', config: { ...word2vecDefaults('skipgram', 1), dim: 22, epochs: 1 } },
  { schedule: 'cs224n', config: { ...COURSE_PRESET, dim: 22, iterations: 50 } },
]

describe('PlotSnapshots', () => {
  it.each(SCHEDULES)('reads only the plotted rows, and its frame is the PCA of those rows of the whole matrix ($schedule)', async (settings) => {
    const run = createTrainingRun(settings, data, chooseKernel)
    await run.run({ onProgress: () => {}, onNotice: () => {} })
    const asked: number[][] = []
    const sent: TrainerSnapshot[] = []
    const snapshots = new PlotSnapshots({ send: (s) => sent.push(s), congested: () => false })
    const { words, missing } = snapshots.setWords({
      runId: 'run', index: vocabulary.index, dim: settings.config.dim,
      centerRows: (rows) => {
        asked.push([...rows])
        return run.centerRows(rows)
      },
    }, [...plotWords, 'notaword'])
    expect(missing).toEqual(['notaword'])
    snapshots.takeNow()

    expect(asked).toEqual([words.map((w) => vocabulary.index.get(w)!)])
    const whole = { words: vocabulary.words, vectors: Float32Array.from(run.centerWordVectors()), dim: settings.config.dim, counts: null }
    const expected = pcaOfWords(whole, plotWords)
    expect(sent).toHaveLength(1)
    expect(sent[0]!.words).toEqual(plotWords)
    expect(sent[0]!.coordinates).toEqual(Array.from(expected.coordinates))
    expect(sent[0]!.explainedVariance).toEqual([expected.explainedVariance[0], expected.explainedVariance[1]])
  })

  it('refuses a row outside the vocabulary', () => {
    const run = createTrainingRun(SCHEDULES[0]!, data, chooseKernel)
    expect(() => run.centerRows([vocabulary.words.length])).toThrow(RangeError)
  })
})
